"""Benchmark: large and hostile spreadsheets through the import's dry run (docs/indicator-import.md,
"Limits").

    python bench/import_large.py        # throwaway SQLite database in a temporary folder

Builds, in a temporary folder:

1. a legitimate .xlsx of 100,000 indicator rows (openpyxl, as departments' files are written);
2. the same format cut at the row limit (20,000 rows, the default IMPORT_MAX_ROWS);
3. 40,000 rows of it: within every size limit, stopped by the row limit as it streams;
4. a zip bomb: one row repeated 2,000,000 times, a few hundred KB that unpack to ~90 MB;
5. 2,000,000 different rows: compresses like a real sheet, ~15 MB on disk; read once with
   the upload limit raised, so that the limits on the unpacked size are the ones it meets.

then runs the dry run of each (``build_plan``: read, check, plan; what the preview and
``import_indicators --dry-run`` do; nothing is written) with the default limits, and the
100,000-row file once more with limits raised to fit it, to show what a streamed read of that
size costs. Prints seconds (one untraced pass) and the peak of Python allocations (a second
pass under tracemalloc, which slows Python down), then the process's maximum resident size.
"""

import os
import random
import resource
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

from throwaway_database import run_in_throwaway_database  # noqa: E402 - after the path

LARGE_ROWS = 100_000
HOSTILE_ROWS = 2_000_000
DEPARTMENTS = [
    "Secretaría de Educación",
    "Secretaría de Salud",
    "Secretaría de Infraestructura",
    "Departamento Administrativo de Planeación",
]
HEADER = [
    "ODS",
    "Código",
    "Indicador",
    "Tipo",
    "Unidad de Medida",
    "Línea Base",
    "Meta",
    "Responsable",
    "Programa",
    "Avance 2021",
]
SHEET_START = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b"<sheetData>"
)


def indicator_rows(count):
    rng = random.Random(2021)
    for index in range(count):
        baseline = rng.randint(0, 5000)
        yield [
            f"Meta: {rng.choice(['4.1', '3.2', '11.6'])}",
            f"22{index:07d}",
            f"Indicador de prueba número {index} del plan de desarrollo",
            rng.choice(["Producto", "Resultado"]),
            "Número",
            str(baseline),
            str(baseline + 500),
            rng.choice(DEPARTMENTS),
            f"Programa {index % 40}",
            str(baseline + 100),
        ]


def write_xlsx(path, count):
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Indicadores")
    sheet.append(HEADER)
    for values in indicator_rows(count):
        sheet.append(values)
    workbook.save(path)
    return path


def write_handmade(path, row_xml):
    """An .xlsx whose sheet XML streams from ``row_xml`` (an iterable of <row> strings),
    with a copy of a real workbook's other parts."""
    template = write_xlsx(path.with_suffix(".template.xlsx"), 0)
    with (
        zipfile.ZipFile(template) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                out.writestr(info.filename, source.read(info.filename))
        with out.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(SHEET_START)
            chunk = []
            for xml in row_xml:
                chunk.append(xml)
                if len(chunk) == 10_000:
                    sheet.write("".join(chunk).encode())
                    chunk = []
            sheet.write("".join(chunk).encode())
            sheet.write(b"</sheetData></worksheet>")
    template.unlink()
    return path


def bomb_rows():
    row = '<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    for _ in range(HOSTILE_ROWS):
        yield row


def distinct_rows():
    for number in range(1, HOSTILE_ROWS + 1):
        yield f'<row r="{number}"><c r="A{number}"><v>{number}</v></c></row>'


def dry_run(label, path, **limits):
    """Time and peak memory of build_plan on ``path``, with IMPORT_MAX_* overridden."""
    from django.test import override_settings

    from importer.plan import build_plan

    data = path.read_bytes()
    with override_settings(**limits):
        start = time.perf_counter()
        plan = build_plan(data, path.name)
        seconds = time.perf_counter() - start
        tracemalloc.start()
        build_plan(data, path.name)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    if plan.file_error:
        outcome = f"refused: {plan.file_error.code}"
    else:
        outcome = f"{len(plan.to_create):,} to create, {len(plan.errors):,} errors"
    print(
        f"  {label:<44} {len(data) / 2**20:6.1f} MB {seconds:7.2f} s "
        f"{peak / 2**20:8.1f} MiB   {outcome}"
    )


def main():
    run_in_throwaway_database(run)


def run(folder):
    from django.conf import settings

    from rendicion.models import Department

    for name in DEPARTMENTS:
        Department.objects.create(name=name, slug=name.lower().replace(" ", "-")[:100])
    print("Building the files…", flush=True)
    large = write_xlsx(folder / "indicadores-100000.xlsx", LARGE_ROWS)
    at_limit = write_xlsx(folder / "indicadores-20000.xlsx", settings.IMPORT_MAX_ROWS - 1)
    over_limit = write_xlsx(folder / "indicadores-40000.xlsx", 2 * settings.IMPORT_MAX_ROWS)
    bomb = write_handmade(folder / "bomba.xlsx", bomb_rows())
    distinct = write_handmade(folder / "dos-millones.xlsx", distinct_rows())

    print(
        f"Dry run (build_plan), default limits: {settings.IMPORT_MAX_ROWS:,} rows, "
        f"{settings.IMPORT_MAX_CELLS:,} cells, {settings.IMPORT_MAX_UPLOAD_MB} MB upload, "
        f"{settings.IMPORT_MAX_SHEET_MB} MB per sheet, "
        f"{settings.IMPORT_MAX_UNCOMPRESSED_MB} MB unpacked; database: sqlite"
    )
    print(f"  {'file':<44} {'size':>9} {'time':>9} {'peak':>12}")
    dry_run("zip bomb, 2,000,000 identical rows", bomb)
    dry_run("2,000,000 different rows", distinct)
    dry_run("2,000,000 different rows, upload limit raised", distinct, IMPORT_MAX_UPLOAD_MB=100)
    dry_run("100,000 indicator rows", large)
    dry_run(f"{settings.IMPORT_MAX_ROWS:,} rows (header + indicators, at the limit)", at_limit)
    dry_run(f"{2 * settings.IMPORT_MAX_ROWS:,} indicator rows", over_limit)
    dry_run(
        "100,000 indicator rows, limits raised to fit",
        large,
        IMPORT_MAX_ROWS=LARGE_ROWS + 1,
        IMPORT_MAX_CELLS=2 * LARGE_ROWS * len(HEADER),
        IMPORT_MAX_SHEET_MB=500,
        IMPORT_MAX_UNCOMPRESSED_MB=500,
    )
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(f"  peak process memory (ru_maxrss), whole run: {max_rss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
