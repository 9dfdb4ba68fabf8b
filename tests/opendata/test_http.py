"""What harvesters and browser scripts get from HTTP: CORS on the open data and the API only,
conditional GETs that answer 304 until the public data changes, and absolute links to the
host the request came to (or PORTAL_BASE_URL), never to the Site record's "localhost"."""

import datetime
import json
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.test import override_settings

from tests.factories import (
    CycleFactory,
    DocumentFactory,
    ImageFactory,
    IndicatorFactory,
    IndicatorIndexFactory,
    MeasurementFactory,
    ReportFactory,
    home_page,
)

pytestmark = pytest.mark.django_db

ORIGIN = "https://analisis.example.org"
HOST = "rendicion.palmira.gov.co"


def document_blocks(*documents):
    return [{"type": "document", "value": {"document": d.pk, "description": ""}} for d in documents]


@pytest.fixture
def published():
    """Two approved indicators and a report that publishes one 2021 document."""
    home = home_page()
    IndicatorIndexFactory(parent=home)
    teachers = IndicatorFactory(code="220100900", name="Docentes beneficiados")
    MeasurementFactory(
        indicator=teachers, period="2021", date=datetime.date(2021, 12, 31), value=Decimal(80)
    )
    IndicatorFactory(code="220100901", name="Aulas dotadas")
    cycle = CycleFactory(parent=home, year=2021)
    document = DocumentFactory(title="Informe de gestión", fiscal_year=2021)
    report = ReportFactory(parent=cycle, documents=document_blocks(document))
    return {"indicator": teachers, "cycle": cycle, "report": report, "document": document}


OPEN_DATA_FILES = [
    "/datos/indicadores.csv",
    "/datos/indicadores.xlsx",
    "/datos/indicadores.ods",
    "/datos/indicadores.json",
    "/datos/documentos.csv",
    "/datos/catalogo.json",
    "/datos/datapackage.json",
    "/documentos/vigencia-2021.zip",
]


# --- CORS ----------------------------------------------------------------------------------


def test_open_data_and_api_can_be_read_from_any_origin_without_credentials(client, published):
    for url in [*OPEN_DATA_FILES, "/api/v2/pages/", "/api/v2/documents/"]:
        response = client.get(url, HTTP_ORIGIN=ORIGIN)
        assert response.status_code == 200, url
        assert response["Access-Control-Allow-Origin"] == "*", url
        assert "Access-Control-Allow-Credentials" not in response, url
        assert "ETag" in response["Access-Control-Expose-Headers"], url


def test_a_preflight_allows_reading_only(client, published):
    response = client.options(
        "/api/v2/documents/",
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    allowed = {method.strip() for method in response["Access-Control-Allow-Methods"].split(",")}
    assert allowed == {"GET", "HEAD", "OPTIONS"}


def test_pages_and_admin_are_not_shared_with_other_origins(client, published):
    for url in ["/", "/datos/", "/documentos/", "/admin/login/", published["report"].url]:
        response = client.get(url, HTTP_ORIGIN=ORIGIN)
        assert response.status_code == 200, url
        assert "Access-Control-Allow-Origin" not in response, url


# --- Conditional GET -----------------------------------------------------------------------


def test_a_repeated_request_is_answered_not_modified(client, published):
    for url in OPEN_DATA_FILES:
        first = client.get(url)
        etag, last_modified = first["ETag"], first["Last-Modified"]
        assert etag.startswith('W/"'), url

        by_etag = client.get(url, HTTP_IF_NONE_MATCH=etag, HTTP_ORIGIN=ORIGIN)
        assert by_etag.status_code == 304, url
        assert by_etag.content == b""
        assert by_etag["ETag"] == etag
        assert by_etag["Access-Control-Allow-Origin"] == "*"

        by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified)
        assert by_date.status_code == 304, url
        old = client.get(url, HTTP_IF_MODIFIED_SINCE="Mon, 01 Jan 2024 00:00:00 GMT")
        assert old.status_code == 200, url


def etags(client, urls):
    return {url: client.get(url)["ETag"] for url in urls}


INDICATOR_FILES = OPEN_DATA_FILES[:3]
DOCUMENT_FILES = ["/datos/documentos.csv", "/documentos/vigencia-2021.zip"]


def test_publishing_an_indicator_change_changes_the_etag_and_a_draft_does_not(client, published):
    indicator = published["indicator"]
    before = etags(client, INDICATOR_FILES)

    indicator.name = "Docentes beneficiados (borrador)"
    indicator.save_revision()
    assert etags(client, INDICATOR_FILES) == before

    indicator.name = "Docentes beneficiados con estrategias de mejoramiento"
    indicator.save_revision().publish()
    after = etags(client, INDICATOR_FILES)
    for url in INDICATOR_FILES:
        assert after[url] != before[url], url
        assert client.get(url, HTTP_IF_NONE_MATCH=before[url]).status_code == 200, url


def test_a_new_public_document_changes_the_etag_and_a_draft_reference_does_not(client, published):
    before = etags(client, [*DOCUMENT_FILES, "/datos/catalogo.json"])

    report = published["report"]
    report.documents = document_blocks(published["document"], DocumentFactory(fiscal_year=2021))
    report.save_revision()  # a draft: the document is not public yet
    DocumentFactory(title="Subido sin publicar", fiscal_year=2020)
    assert etags(client, [*DOCUMENT_FILES, "/datos/catalogo.json"]) == before

    ReportFactory(
        parent=published["cycle"],
        documents=document_blocks(DocumentFactory(title="Acta", fiscal_year=2021)),
    )
    after = etags(client, DOCUMENT_FILES)
    for url in DOCUMENT_FILES:
        assert after[url] != before[url], url
        assert client.get(url, HTTP_IF_NONE_MATCH=before[url]).status_code == 200, url

    # A first document of another year adds its ZIP to the catalogue.
    ReportFactory(
        parent=published["cycle"],
        documents=document_blocks(DocumentFactory(title="Acta 2020", fiscal_year=2020)),
    )
    catalogue = client.get(
        "/datos/catalogo.json", HTTP_IF_NONE_MATCH=before["/datos/catalogo.json"]
    )
    assert catalogue.status_code == 200


# --- Absolute addresses --------------------------------------------------------------------


def links(meta):
    return [meta[key] for key in ("detail_url", "html_url", "download_url") if meta.get(key)]


def api_urls(client, host):
    """Every detail_url, html_url and download_url the API gives for pages, documents and
    images (listings, details and a page's parent), asked for at ``host``."""
    urls = []
    for listing in ("/api/v2/pages/", "/api/v2/documents/", "/api/v2/images/"):
        body = client.get(listing, HTTP_HOST=host).json()
        assert body["items"], listing
        for item in body["items"]:
            urls += links(item["meta"])
            detail = client.get(urlsplit(item["meta"]["detail_url"]).path, HTTP_HOST=host)
            assert detail.status_code == 200
            meta = detail.json()["meta"]
            urls += links(meta)
            if meta.get("parent"):
                urls += links(meta["parent"]["meta"])
    return urls


@pytest.fixture
def with_image(published):
    from wagtail.models import Collection

    from rendicion.models import PublicCollection

    gallery = Collection.get_first_root_node().add_child(name="Galería pública")
    PublicCollection.objects.create(collection=gallery)
    ImageFactory(title="Foto pública", collection=gallery)
    return published


def test_api_links_point_to_the_host_the_request_came_to(client, with_image):
    urls = api_urls(client, HOST)
    assert len(urls) > 6
    kinds = " ".join(urls)
    for kind in ("/api/v2/pages/", "/api/v2/documents/", "/api/v2/images/", "original_images/"):
        assert kind in kinds, kind
    for url in urls:
        assert url.startswith(f"http://{HOST}/"), url
    # and those links work
    page = next(url for url in urls if "/api/v2/pages/" in url)
    assert client.get(page.removeprefix(f"http://{HOST}"), HTTP_HOST=HOST).status_code == 200


@override_settings(PORTAL_BASE_URL="https://rendicion.palmira.gov.co")
def test_portal_base_url_names_the_public_address_everywhere(client, with_image):
    for url in api_urls(client, "10.0.0.5:8000"):
        assert url.startswith("https://rendicion.palmira.gov.co/"), url

    records = client.get("/datos/indicadores.json", HTTP_HOST="10.0.0.5:8000").json()
    assert all(
        row["url"].startswith("https://rendicion.palmira.gov.co/indicadores/")
        for row in records["registros"]
    )
    for url in ("/datos/catalogo.json", "/datos/datapackage.json", "/datos/documentos.csv"):
        body = client.get(url, HTTP_HOST="10.0.0.5:8000").content.decode("utf-8-sig")
        assert "https://rendicion.palmira.gov.co/" in body, url
        assert "10.0.0.5" not in body and "localhost" not in body, url
    package = json.loads(client.get("/datos/datapackage.json").content)
    assert package["resources"][0]["path"] == (
        "https://rendicion.palmira.gov.co/datos/indicadores.csv"
    )
