"""Hostile and oversized spreadsheets are refused with a message, quickly and in little memory.

The files are built here: a zip bomb (a valid workbook whose sheet XML repeats one row two
million times, a few hundred KB once deflated), sheets past the row, cell and size limits, an
over-sized upload. Small limits (override_settings) keep the files small; each check also
runs under tracemalloc, and its peak of Python allocations must stay far below what the
unbounded reader took (1.2 GB for the 2-million-row file).
"""

import functools
import io
import re
import tracemalloc
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import CommandError
from django.test import TestCase, override_settings
from django.utils import translation

from importer.plan import build_plan
from importer.problems import MESSAGES, grouped
from tests.factories import DepartmentFactory
from tests.spreadsheets import HEADER, csv_bytes, row, run_import, write, written_counts, xlsx_bytes

IMPORT = "/admin/snippets/rendicion/indicator/import/"
MEMORY_CEILING = 200 * 2**20  # bytes of Python allocations any refused file may take
BOMB_ROWS = 2_000_000

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="xl/workbook.xml" Type="http://schemas.openxmlformats.org'
    '/officeDocument/2006/relationships/officeDocument"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Indicadores" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="http://schemas.openxmlformats'
    '.org/officeDocument/2006/relationships/worksheet"/></Relationships>'
)


def _cell(text):
    text = str(text).replace("&", "&amp;").replace("<", "&lt;")
    return f'<c t="inlineStr"><is><t>{text}</t></is></c>'


def _row_xml(values, number=None):
    attribute = f' r="{number}"' if number is not None else ""
    return f"<row{attribute}>{''.join(_cell(value) for value in values)}</row>"


def handmade_xlsx(rows, dimension="A1", extra_members=()):
    """A minimal valid .xlsx whose sheet XML is written by hand, row by row, as it streams
    into the deflated ZIP member: ``rows`` is an iterable of XML strings."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                + f'<dimension ref="{dimension}"/><sheetData>'.encode()
            )
            chunk = []
            for xml in rows:
                chunk.append(xml)
                if len(chunk) == 10_000:
                    sheet.write("".join(chunk).encode())
                    chunk = []
            sheet.write("".join(chunk).encode())
            sheet.write(b"</sheetData></worksheet>")
        for name, data, compression in extra_members:
            archive.writestr(name, data, compress_type=compression)
    return output.getvalue()


def indicator_rows(count, start=2):
    """XML rows of ``count`` valid indicators numbered from ``start``, after the header."""
    yield _row_xml(HEADER, 1)
    for index in range(count):
        yield _row_xml(row(code=f"9{index:08d}", name=f"Indicador {index}"), start + index)


@functools.cache
def zip_bomb():
    """2,000,000 identical rows: ~90 MB of sheet XML in a file of a few hundred KB (built once)."""
    return handmade_xlsx((_row_xml(["x"]) for _ in range(BOMB_ROWS)), dimension=f"A1:A{BOMB_ROWS}")


def traced(function, *args, **kwargs):
    """``function``'s result, after checking the peak of Python memory it allocated."""
    tracemalloc.start()
    try:
        result = function(*args, **kwargs)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < MEMORY_CEILING, f"peak Python memory {peak / 2**20:.0f} MiB"
    return result


def message(code, **params):
    """The message as users read it: in the site's language, Colombian Spanish."""
    with translation.override("es-co"):
        template = MESSAGES[code]
        return str(template) % params if params else str(template)


def codes(plan):
    return [problem.code for problem in plan.errors]


@pytest.fixture
def educacion(db):
    return DepartmentFactory(name="Secretaría de Educación", slug="educacion")


# --- Reading: each limit, just past it and just within it --------------------------------


def test_zip_bomb_is_refused_from_the_zip_directory(db):
    data = zip_bomb()
    assert len(data) < 2 * 2**20  # small to upload…
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.getinfo("xl/worksheets/sheet1.xml").file_size > 80 * 2**20  # …huge unpacked

    plan = traced(build_plan, data, "bomba.xlsx")
    assert codes(plan) == ["suspicious_compression"]
    assert plan.file_error.message == message("suspicious_compression")


@override_settings(IMPORT_MAX_ROWS=1000)
def test_rows_past_the_limit_stop_the_read(educacion):
    # 20,000 different rows: compresses like a real sheet, so only the row count stops it.
    data = handmade_xlsx(indicator_rows(20_000), dimension="A1:L20001")
    plan = traced(build_plan, data, "largo.xlsx")
    assert codes(plan) == ["too_many_rows"]
    with translation.override("es-co"):
        assert "después de la fila 1.000" in plan.file_error.message


@override_settings(IMPORT_MAX_ROWS=21)
def test_a_file_ending_at_the_row_limit_imports(educacion):
    data = xlsx_bytes([HEADER, *(row(code=f"9{i:08d}", name=f"Indicador {i}") for i in range(20))])
    plan = build_plan(data, "justo.xlsx")  # 21 rows: the header and 20 indicators
    assert plan.ok, plan.sorted_errors
    assert len(plan.to_create) == 20

    over = xlsx_bytes([HEADER, *(row(code=f"9{i:08d}", name=f"Indicador {i}") for i in range(21))])
    assert codes(build_plan(over, "una-mas.xlsx")) == ["too_many_rows"]


def test_styled_empty_rows_past_the_row_limit_are_not_content(educacion, settings):
    settings.IMPORT_MAX_ROWS = 10
    rows = [*indicator_rows(5), *(f'<row r="{n}"><c r="A{n}" s="0"/></row>' for n in range(7, 400))]
    plan = build_plan(handmade_xlsx(rows), "con-formato.xlsx")
    assert plan.ok, plan.sorted_errors
    assert len(plan.to_create) == 5


@override_settings(IMPORT_MAX_CELLS=10_000)
def test_one_enormous_row_is_stopped_at_the_cell_limit(educacion):
    wide_row = "<row>" + "<c><v>1</v></c>" * 50_000 + "</row>"  # ~800 KB unpacked
    plan = traced(build_plan, handmade_xlsx([_row_xml(HEADER, 1), wide_row]), "ancho.xlsx")
    assert codes(plan) == ["too_many_cells"]


def test_a_file_at_the_cell_limit_imports(educacion, settings):
    rows = [HEADER, *(row(code=f"9{i:08d}", name=f"Indicador {i}") for i in range(9))]
    data = csv_bytes(rows)
    settings.IMPORT_MAX_CELLS = 10 * len(HEADER)  # exactly the cells of the file
    plan = build_plan(data, "justo.csv")
    assert plan.ok, plan.sorted_errors
    assert len(plan.to_create) == 9

    settings.IMPORT_MAX_CELLS = 10 * len(HEADER) - 1
    assert codes(build_plan(data, "justo.csv")) == ["too_many_cells"]


@override_settings(IMPORT_MAX_SHEET_MB=1)
def test_a_sheet_too_large_unpacked_is_refused(educacion):
    data = handmade_xlsx(indicator_rows(3_000))  # ~1.5 MB of sheet XML
    plan = traced(build_plan, data, "grande.xlsx")
    assert codes(plan) == ["too_large_unpacked"]
    assert plan.file_error.message == message("too_large_unpacked", limit=1)


@override_settings(IMPORT_MAX_UNCOMPRESSED_MB=2)
def test_the_whole_workbook_unpacked_is_limited(educacion):
    pictures = [
        (f"xl/media/image{n}.png", bytes(range(256)) * 4096, zipfile.ZIP_STORED) for n in range(3)
    ]  # 3 MB of "pictures", stored as they are
    plan = build_plan(handmade_xlsx(indicator_rows(3), extra_members=pictures), "fotos.xlsx")
    assert codes(plan) == ["too_large_unpacked"]


def test_a_zip_of_thousands_of_parts_is_refused(db):
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        for n in range(10_001):
            archive.writestr(f"x/{n}", b"")
    assert codes(build_plan(output.getvalue(), "partes.xlsx")) == ["suspicious_compression"]


@override_settings(IMPORT_MAX_ROWS=100)
def test_csv_rows_past_the_limit(educacion):
    rows = [HEADER, *(row(code=f"9{i:08d}", name=f"Indicador {i}") for i in range(5_000))]
    plan = traced(build_plan, csv_bytes(rows, delimiter=";"), "largo.csv")
    assert codes(plan) == ["too_many_rows"]

    plan = build_plan(csv_bytes(rows[:100], delimiter=";"), "justo.csv")
    assert plan.ok, plan.sorted_errors
    assert len(plan.to_create) == 99


@override_settings(IMPORT_MAX_UPLOAD_MB=1)
def test_csv_bytes_past_the_limit(db):
    data = csv_bytes([HEADER] + [row()] * 20_000)
    assert len(data) > 2**20
    plan = build_plan(data, "pesado.csv")
    assert codes(plan) == ["too_large"]
    assert plan.file_error.message == message("too_large", limit=1)


# --- The command: one line, no traceback --------------------------------------------------


def test_command_refuses_the_zip_bomb_in_one_line(tmp_path, educacion):
    path = write(tmp_path, "bomba.xlsx", zip_bomb())
    before = written_counts()
    with pytest.raises(CommandError) as refused:
        traced(run_import, path)
    assert str(refused.value) == message("suspicious_compression") + " No se importó nada."
    assert "\n" not in str(refused.value)
    assert written_counts() == before


@override_settings(IMPORT_MAX_ROWS=1000)
def test_command_refuses_too_many_rows(tmp_path, educacion):
    path = write(tmp_path, "largo.xlsx", handmade_xlsx(indicator_rows(5_000)))
    before = written_counts()
    expected = message("too_many_rows", limit=grouped(1000))
    with pytest.raises(CommandError, match=re.escape(expected)):
        traced(run_import, path, "--dry-run")
    assert written_counts() == before


@override_settings(IMPORT_MAX_UPLOAD_MB=1)
def test_command_does_not_read_an_oversized_file(tmp_path, educacion):
    path = write(tmp_path, "pesado.csv", csv_bytes([HEADER] + [row()] * 20_000))
    with pytest.raises(CommandError, match=re.escape(message("too_large", limit=1))):
        run_import(path)


@override_settings(IMPORT_MAX_ROWS=30)
def test_command_imports_a_file_at_the_limit(tmp_path, educacion):
    rows = [HEADER, *(row(code=f"9{i:08d}", name=f"Indicador {i}") for i in range(29))]
    out, _err = run_import(write(tmp_path, "justo.xlsx", xlsx_bytes(rows)))
    assert educacion.indicators.count() == 29, out


# --- The admin screen: the message in Spanish, the form kept, nothing written -------------


class ImportScreenLimitTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = get_user_model().objects.create_superuser("admin", "a@example.com", "x")
        DepartmentFactory(name="Secretaría de Educación", slug="educacion")

    def setUp(self):
        self.client.force_login(self.admin)

    def post(self, name, data, **extra):
        return self.client.post(IMPORT, {"file": SimpleUploadedFile(name, data), **extra})

    def assert_refused(self, response, code, spanish):
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, f'data-error-code="{code}"')
        self.assertContains(response, spanish)
        self.assertIsNone(response.context["token"])
        self.assertNotContains(response, 'name="token"')

    def test_zip_bomb(self):
        before = written_counts()
        response = traced(self.post, "bomba.xlsx", zip_bomb())
        self.assert_refused(response, "suspicious_compression", "comprimido de una forma inusual")
        self.assertEqual(written_counts(), before)

    @override_settings(IMPORT_MAX_ROWS=1000)
    def test_too_many_rows(self):
        before = written_counts()
        response = traced(self.post, "largo.xlsx", handmade_xlsx(indicator_rows(5_000)))
        self.assert_refused(
            response, "too_many_rows", "El archivo tiene contenido después de la fila 1.000"
        )
        self.assertEqual(written_counts(), before)

    @override_settings(IMPORT_MAX_ROWS=100)
    def test_csv_with_too_many_rows(self):
        before = written_counts()
        rows = [HEADER, *(row(code=f"9{i:08d}", name=f"Indicador {i}") for i in range(500))]
        response = self.post("largo.csv", csv_bytes(rows, delimiter=";"))
        self.assert_refused(response, "too_many_rows", "después de la fila 100,")
        self.assertEqual(written_counts(), before)

    @override_settings(IMPORT_MAX_UPLOAD_MB=1)
    def test_an_oversized_upload_is_a_form_error(self):
        before = written_counts()
        response = self.post("pesado.csv", b"x" * (2**20 + 1), update="on")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.context["form"].errors["file"],
            ["El archivo es demasiado grande: máximo 1 MB."],
        )
        self.assertContains(response, "El archivo es demasiado grande: máximo 1 MB.")
        # The form is kept, with the option chosen.
        self.assertRegex(response.content.decode(), r'<input[^>]*name="update"[^>]*checked')
        self.assertNotIn("plan", response.context)
        self.assertEqual(written_counts(), before)

    @override_settings(IMPORT_MAX_ROWS=21)
    def test_a_file_at_the_limit_is_previewed(self):
        rows = [HEADER, *(row(code=f"9{i:08d}", name=f"Indicador {i}") for i in range(20))]
        response = self.post("justo.xlsx", xlsx_bytes(rows))
        self.assertEqual(len(response.context["plan"].to_create), 20)
        self.assertIsNotNone(response.context["token"])


def test_a_corrupt_deflated_sheet_is_unreadable_not_a_crash(db):
    data = bytearray(xlsx_bytes([HEADER, row()]))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        member = archive.getinfo("xl/worksheets/sheet1.xml")
    start = member.header_offset + 30 + len(member.filename) + len(member.extra)
    data[start : start + member.compress_size] = b"\xff" * member.compress_size
    assert codes(build_plan(bytes(data), "roto.xlsx")) == ["unreadable"]
