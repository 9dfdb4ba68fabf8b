"""On a phone: filter the document library, read a checksum without side-scrolling, and
download a document whose bytes match that checksum."""

import datetime
import hashlib

import pytest
from wagtail.models import Collection

from rendicion.models import PublicCollection
from tests.factories import DepartmentFactory, DocumentFactory, pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_filter_verify_and_download_on_a_phone(browser_page, live_server):
    collection = Collection.get_first_root_node().add_child(name="Publicaciones")
    PublicCollection.objects.create(collection=collection)
    education = DepartmentFactory(name="Secretaría de Educación", slug="educacion")
    minutes = DocumentFactory(
        title="Acta del encuentro de diálogo",
        document_type="minutes",
        department=education,
        collection=collection,
        content=pdf_bytes("acta"),
        published_on=datetime.date(2021, 10, 29),
    )
    DocumentFactory(title="Informe de gestión 2021", collection=collection)

    page = browser_page
    page.goto(f"{live_server.url}/documentos/")
    page.select_option("#id_tipo", "minutes")
    page.get_by_role("button", name="Apply filters").or_(
        page.get_by_role("button", name="Aplicar filtros")
    ).click()
    page.wait_for_url("**/documentos/?*tipo=minutes*")
    items = page.locator(".library__item")
    assert items.count() == 1
    assert "Acta del encuentro de diálogo" in items.first.inner_text()
    assert minutes.sha256 in items.first.inner_text()
    # The 64-character checksum wraps: nothing forces the page wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    response = page.request.get(f"{live_server.url}{minutes.url}")
    assert response.ok
    assert hashlib.sha256(response.body()).hexdigest() == minutes.sha256
