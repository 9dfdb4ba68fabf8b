"""/documentos/: every public document, filterable and sortable, at a fixed query cost; the
ZIP of a fiscal year holds exactly its public documents and a correct manifest."""

import csv
import datetime
import hashlib
import io
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Collection

from opendata.exports import SpanishSpreadsheet
from rendicion.models import PortalDocument, PublicCollection
from tests.factories import (
    CycleFactory,
    DepartmentFactory,
    DocumentFactory,
    ReportFactory,
    home_page,
    pdf_bytes,
)

pytestmark = pytest.mark.django_db

# 8 measured on SQLite and PostgreSQL (one reads the hidden branches); plus the footer's menus
# and policy pages (govco/menus.py, three queries inside a test transaction).
LIBRARY_QUERY_BUDGET = 10 + 3


def documents_stream(*documents):
    return [{"type": "document", "value": {"document": d.pk, "description": ""}} for d in documents]


@pytest.fixture
def cycle():
    return CycleFactory(parent=home_page(), year=2021)


@pytest.fixture
def public_collection():
    collection = Collection.get_first_root_node().add_child(name="Publicaciones")
    PublicCollection.objects.create(collection=collection)
    return collection


def titles(response):
    return [document.title for document in response.context["documents"]]


# --- Listing and filters -------------------------------------------------------------------


@pytest.fixture
def library(cycle, public_collection):
    education = DepartmentFactory(name="Secretaría de Educación", slug="educacion")
    health = DepartmentFactory(name="Secretaría de Salud", slug="salud")
    docs = {
        "gestion": DocumentFactory(
            title="Informe de gestión",
            document_type="management_report",
            department=education,
            published_on=datetime.date(2021, 11, 30),
        ),
        "acta": DocumentFactory(
            title="Acta del encuentro",
            document_type="minutes",
            department=health,
            published_on=datetime.date(2021, 10, 28),
            filename="acta.csv",
            content=b"a;b\n1;2\n",
        ),
        "antiguo": DocumentFactory(
            title="Balance 2020",
            fiscal_year=2020,
            department=education,
            published_on=datetime.date(2021, 1, 29),
            collection=public_collection,
        ),
    }
    ReportFactory(parent=cycle, documents=documents_stream(docs["gestion"], docs["acta"]))
    docs["borrador"] = DocumentFactory(title="Borrador sin publicar", department=education)
    return docs


def test_lists_every_public_document_with_its_facts(client, library):
    response = client.get(reverse("document_library"))
    assert response.status_code == 200
    assert titles(response) == ["Informe de gestión", "Acta del encuentro", "Balance 2020"]
    html = response.content.decode()
    assert "Borrador sin publicar" not in html
    gestion = library["gestion"]
    for fact in (
        gestion.sha256,
        gestion.url,
        "Secretaría de Educación",
        "30 de noviembre de 2021",
        "PDF",
        "CSV",
    ):
        assert fact in html
    assert reverse("document_year_zip", args=[2021]) in html
    assert reverse("document_year_zip", args=[2020]) in html


@pytest.mark.parametrize(
    "query,expected",
    [
        ({"vigencia": "2020"}, ["Balance 2020"]),
        ({"tipo": "minutes"}, ["Acta del encuentro"]),
        ({"dependencia": "educacion"}, ["Informe de gestión", "Balance 2020"]),
        ({"formato": "csv"}, ["Acta del encuentro"]),
        ({"desde": "2021-10-01", "hasta": "2021-10-31"}, ["Acta del encuentro"]),
        ({"orden": "fecha"}, ["Balance 2020", "Acta del encuentro", "Informe de gestión"]),
        ({"orden": "titulo"}, ["Acta del encuentro", "Balance 2020", "Informe de gestión"]),
    ],
)
def test_filters_and_sorting(client, library, query, expected):
    response = client.get(reverse("document_library"), query)
    assert titles(response) == expected


def test_a_bad_filter_value_is_ignored_with_a_message(client, library):
    response = client.get(reverse("document_library"), {"desde": "ayer", "tipo": "secreto"})
    assert response.status_code == 200
    assert len(titles(response)) == 3
    assert response.context["filterset"].form.errors.keys() == {"desde", "tipo"}


def test_department_filter_offers_only_departments_with_public_documents(client, library):
    DepartmentFactory(name="Secretaría Sin Documentos", slug="sin-documentos")
    response = client.get(reverse("document_library"))
    choices = [
        str(label) for _, label in response.context["filterset"].form.fields["dependencia"].choices
    ][1:]
    assert choices == ["Secretaría de Educación", "Secretaría de Salud"]


def add_public_documents(collection, department, count, start=0):
    """Many public documents at bulk speed (no files: the listing does not open them)."""
    PortalDocument.objects.bulk_create(
        PortalDocument(
            title=f"Documento {i:04d}",
            file=f"documents/documento-{i:04d}.pdf",
            file_size=1000 + i,
            sha256=hashlib.sha256(str(i).encode()).hexdigest(),
            collection=collection,
            department=department,
            fiscal_year=2021,
            document_type="other",
            published_on=datetime.date(2021, 1, 1) + datetime.timedelta(days=i % 300),
        )
        for i in range(start, start + count)
    )


def library_queries(client, query=None):
    url = reverse("document_library")
    client.get(url, query)  # warm the per-process caches
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, query)
    assert response.status_code == 200
    return len(context), response


def test_library_query_budget_is_fixed(client, public_collection):
    department = DepartmentFactory(name="Secretaría de Educación", slug="educacion")
    add_public_documents(public_collection, department, 10)
    few, _ = library_queries(client)
    add_public_documents(public_collection, department, 990, start=10)
    many, response = library_queries(client)
    filtered, _ = library_queries(
        client, {"dependencia": "educacion", "orden": "-tamano", "pagina": "7"}
    )
    assert response.context["paginator"].count == 1000
    assert few == many <= LIBRARY_QUERY_BUDGET
    assert filtered <= LIBRARY_QUERY_BUDGET


def test_pagination(client, public_collection):
    add_public_documents(public_collection, None, 30)
    first = client.get(reverse("document_library"), {"orden": "titulo"})
    second = client.get(reverse("document_library"), {"orden": "titulo", "pagina": "2"})
    assert titles(first)[0] == "Documento 0000"
    assert titles(second) == [f"Documento {i:04d}" for i in range(25, 30)]
    assert "orden=titulo&amp;pagina=2" in first.content.decode()


# --- ZIP per fiscal year -------------------------------------------------------------------


def read_zip(response):
    assert response["Content-Type"] == "application/zip"
    assert response.streaming
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_zip_of_a_year_holds_its_public_documents_and_a_correct_manifest(
    client, library, public_collection
):
    in_collection = DocumentFactory(
        title="Presentación pública",
        filename="presentacion.pdf",
        collection=public_collection,
        content=pdf_bytes("ñandú") * 100,
    )
    response = client.get(reverse("document_year_zip", args=[2021]))
    assert "documentos-vigencia-2021.zip" in response["Content-Disposition"]
    archive = read_zip(response)
    assert archive.testzip() is None

    expected = [library["gestion"], library["acta"], in_collection]
    names = archive.namelist()
    assert names[0] == "MANIFEST.csv"
    assert sorted(names[1:]) == sorted(document.filename for document in expected)

    text = archive.read("MANIFEST.csv").decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:]), dialect=SpanishSpreadsheet))
    assert len(rows) == len(expected)
    by_name = {row["archivo"]: row for row in rows}
    for document in expected:
        row = by_name[document.filename]
        content = archive.read(document.filename)
        assert row["sha256"] == hashlib.sha256(content).hexdigest() == document.sha256
        assert int(row["bytes"]) == len(content) == document.file_size
        assert row["titulo"] == document.title
        assert row["tipo"] == str(document.get_document_type_display())
        assert row["fecha_publicacion"] == document.published_on.isoformat()
        assert row["vigencia"] == "2021"
    assert by_name[library["gestion"].filename]["dependencia"] == "Secretaría de Educación"


def test_zip_of_a_year_without_public_documents_is_404(client, library):
    assert client.get(reverse("document_year_zip", args=[2019])).status_code == 404
    library["borrador"].fiscal_year = 2018
    library["borrador"].save()
    assert client.get(reverse("document_year_zip", args=[2018])).status_code == 404
