"""Only allowed, genuine files can be uploaded as documents; a refused upload keeps the rest
of the form as typed."""

import hashlib
import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents.forms import get_document_form
from wagtail.models import Collection

from rendicion.media.uploads import validate_document_content
from rendicion.models import PortalDocument
from tests.factories import DepartmentFactory, pdf_bytes

pytestmark = pytest.mark.django_db


def zip_bytes(entries, *, first=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if first:
            archive.writestr(*first)
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = zip_bytes({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
XLSX = zip_bytes({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})
PPTX = zip_bytes({"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p/>"})
ODT = zip_bytes({"content.xml": "<office/>"},
                first=("mimetype", "application/vnd.oasis.opendocument.text"))
ODS = zip_bytes({"content.xml": "<office/>"},
                first=("mimetype", "application/vnd.oasis.opendocument.spreadsheet"))
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
JPG = b"\xff\xd8\xff\xe0" + b"\0" * 32
HTML = b"<!DOCTYPE html><html><body><script>alert('x')</script></body></html>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'

GENUINE = {
    "informe.pdf": pdf_bytes(),
    "informe.docx": DOCX,
    "datos.xlsx": XLSX,
    "presentacion.pptx": PPTX,
    "acta.odt": ODT,
    "datos.ods": ODS,
    "datos.csv": "código;nombre\n1;Educación\n".encode(),
    "datos-excel.csv": "código;nombre\n1;Educación\n".encode("cp1252"),
    "anexos.zip": zip_bytes({"a.txt": "hola"}),
    "foto.jpg": JPG,
    "grafica.png": PNG,
}

DISGUISED = {
    "informe.pdf": HTML,                       # a web page renamed .pdf
    "grafica.png": SVG,                        # an SVG renamed .png
    "foto.jpg": PNG,                           # the wrong image type
    "informe.docx": XLSX,                      # a spreadsheet renamed .docx
    "datos.xlsx": zip_bytes({"a.txt": "x"}),   # a plain ZIP renamed .xlsx
    "acta.odt": ODS,                           # a spreadsheet renamed .odt
    "anexos.zip": b"PK\x03\x04 not really a zip",
    "datos.csv": HTML,                         # markup in a CSV
    "binario.csv": b"a;b\n\x00\x01\x02",       # binary data
}


@pytest.mark.parametrize("name", sorted(GENUINE))
def test_genuine_files_pass(name):
    validate_document_content(SimpleUploadedFile(name, GENUINE[name]))


@pytest.mark.parametrize("name", sorted(DISGUISED))
def test_disguised_files_are_refused(name):
    with pytest.raises(ValidationError) as error:
        validate_document_content(SimpleUploadedFile(name, DISGUISED[name]))
    assert error.value.code == "content_mismatch"


@pytest.mark.parametrize("name", ["pagina.html", "dibujo.svg", "script.js", "sin-extension"])
def test_types_outside_the_allow_list_are_refused(name):
    with pytest.raises(ValidationError) as error:
        validate_document_content(SimpleUploadedFile(name, b"<html></html>"))
    assert error.value.code == "extension_not_allowed"


# --- Through the admin ---------------------------------------------------------------------

@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(user)
    return client


def form_data(file, department):
    return {
        "title": "Acta del encuentro de diálogo",
        "file": file,
        "collection": Collection.get_first_root_node().pk,
        "description": "Acta firmada por los asistentes.",
        "document_type": "minutes",
        "fiscal_year": "2021",
        "department": department.pk,
        "published_on": "2021-10-29",
        "tags": "",
    }


def test_admin_upload_stores_metadata_and_checksum(admin_client):
    department = DepartmentFactory(name="Secretaría de Educación")
    response = admin_client.post(reverse("wagtaildocs:add"),
                                 form_data(SimpleUploadedFile("acta.pdf", pdf_bytes()), department))
    assert response.status_code == 302
    document = PortalDocument.objects.get()
    assert (document.document_type, document.fiscal_year, document.department) == (
        "minutes", 2021, department)
    assert document.sha256 == hashlib.sha256(pdf_bytes()).hexdigest()


@pytest.mark.parametrize("name,content", [
    ("acta.pdf", HTML),
    ("acta.html", HTML),
    ("grafica.svg", SVG),
    ("grafica.png", SVG),
])
def test_admin_refuses_bad_file_and_keeps_the_other_fields(admin_client, name, content):
    department = DepartmentFactory(name="Secretaría de Educación")
    response = admin_client.post(reverse("wagtaildocs:add"),
                                 form_data(SimpleUploadedFile(name, content), department))
    assert response.status_code == 200
    form = response.context["form"]
    assert len(form.errors["file"]) == 1  # one clear message, not two
    assert not PortalDocument.objects.exists()
    html = response.content.decode()
    assert 'value="Acta del encuentro de diálogo"' in html
    assert "Acta firmada por los asistentes." in html
    assert 'value="2021"' in html


def test_multiple_upload_refuses_disguised_file(admin_client):
    response = admin_client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("informe.pdf", HTML)},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.json()["success"] is False
    assert not PortalDocument.objects.exists()


def test_files_over_the_maximum_size_are_refused(settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    Form = get_document_form(PortalDocument)
    department = DepartmentFactory()
    data = form_data(None, department)
    data["department"] = department.pk
    form = Form(data={k: v for k, v in data.items() if k != "file"},
                files={"file": SimpleUploadedFile("grande.pdf", pdf_bytes() + b"0" * 2048)},
                user=None)
    assert not form.is_valid()
    assert form.errors.as_data()["file"][0].code == "file_too_large"
