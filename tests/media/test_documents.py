"""Documents are private until published, served safely, and verifiable by their SHA-256.

The publication rule (rendicion/media/documents.py) is exercised through what a citizen does:
download a document's permanent link, anonymously.
"""

import hashlib

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    ModelLogEntry,
    PageViewRestriction,
    ReferenceIndex,
)
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

from rendicion.media.documents import FILE_REPLACED_ACTION
from rendicion.models import PortalDocument, PublicCollection, ReportPage
from rendicion.visibility import is_public_document as is_public
from rendicion.visibility import public_documents
from tests.factories import (
    CommitmentFactory,
    CycleFactory,
    DocumentFactory,
    EncounterFactory,
    ReportFactory,
    home_page,
    pdf_bytes,
)

pytestmark = pytest.mark.django_db


def documents_stream(*documents):
    return [{"type": "document", "value": {"document": d.pk, "description": ""}}
            for d in documents]


def download(client, document):
    response = client.get(document.url)
    body = b"".join(response.streaming_content) if response.status_code == 200 else b""
    return response, body


@pytest.fixture
def cycle():
    return CycleFactory(parent=home_page(), year=2021)


@pytest.fixture
def document():
    return DocumentFactory(title="Informe de gestión 2021", content=pdf_bytes("gestión 2021"))


@pytest.fixture
def editor():
    return get_user_model().objects.create_superuser("editora", "editora@example.org", "x")


# --- Private until published --------------------------------------------------------------

def test_document_of_a_draft_page_is_published_and_unpublished_with_it(client, cycle, document):
    page = ReportFactory(parent=cycle, title="Informe", live=False,
                         documents=documents_stream(document))
    # The draft's reference is in Wagtail's index: the rule must still say "not public".
    assert ReferenceIndex.get_references_to(document).exists()
    assert download(client, document)[0].status_code == 404

    page.get_latest_revision().publish()
    response, body = download(client, document)
    assert response.status_code == 200
    assert body == pdf_bytes("gestión 2021")

    ReportPage.objects.get(pk=page.pk).unpublish()
    assert download(client, document)[0].status_code == 404


def test_a_draft_of_a_live_page_publishes_nothing(client, cycle, document):
    page = ReportFactory(parent=cycle, title="Informe publicado")
    page.documents = documents_stream(document)
    page.save_revision()  # saved as a draft, awaiting approval
    assert download(client, document)[0].status_code == 404
    assert not is_public(document)

    page.get_latest_revision().publish()
    assert download(client, document)[0].status_code == 200


def test_draft_saved_in_the_admin_publishes_nothing_until_approved(client, cycle, document,
                                                                    editor):
    page = ReportFactory(parent=cycle, title="Informe publicado")
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    client.force_login(editor)
    data = querydict_from_html(client.get(edit_url).content.decode(), form_id="page-edit-form")
    data = data.dict()
    data.update(nested_form_data({
        "body": streamfield([]), "rights": streamfield([]),
        "documents": streamfield([("document", {"document": document.pk, "description": ""})]),
    }))
    assert client.post(edit_url, data).status_code == 302  # "Save draft"
    client.logout()
    assert download(client, document)[0].status_code == 404

    client.force_login(editor)
    assert client.post(edit_url, {**data, "action-publish": "1"}).status_code == 302
    client.logout()
    assert download(client, document)[0].status_code == 200


def test_removing_the_document_from_the_live_page_unpublishes_it(client, cycle, document):
    page = ReportFactory(parent=cycle, title="Informe", documents=documents_stream(document))
    assert download(client, document)[0].status_code == 200
    page.documents = []
    page.save_revision().publish()
    assert download(client, document)[0].status_code == 404


def test_unused_document_is_404_not_403(client, document):
    response, _ = download(client, document)
    assert response.status_code == 404
    # Wagtail's own address says the same.
    assert client.get(reverse("wagtaildocs_serve",
                              args=[document.pk, document.filename])).status_code == 404


def test_document_on_a_private_page_stays_private(client, cycle, document):
    page = ReportFactory(parent=cycle, title="Informe", documents=documents_stream(document))
    PageViewRestriction.objects.create(page=cycle, restriction_type="login")
    assert download(client, document)[0].status_code == 404
    PageViewRestriction.objects.all().delete()
    assert download(client, document)[0].status_code == 200
    assert page.live


def test_document_chosen_in_a_page_field_or_rich_text_is_published(client, cycle):
    chosen = DocumentFactory(title="Relatoría")
    linked = DocumentFactory(title="Acta enlazada")
    EncounterFactory(parent=cycle, title="Encuentro", systematisation_document=chosen,
                     body=[{"type": "paragraph", "value":
                            f'<p>Ver el <a linktype="document" id="{linked.pk}">acta</a>.</p>'}])
    assert download(client, chosen)[0].status_code == 200
    assert download(client, linked)[0].status_code == 200


def test_evidence_of_a_live_commitment_on_a_public_page_is_published(client, cycle):
    evidence = DocumentFactory(title="Evidencia")
    encounter = EncounterFactory(parent=cycle, title="Encuentro")
    commitment = CommitmentFactory(origin_page=encounter, evidence_document=evidence, live=False)
    assert download(client, evidence)[0].status_code == 404
    commitment.live = True
    commitment.save()
    assert download(client, evidence)[0].status_code == 200


def test_public_collection_publishes_its_documents_and_sub_collections(client):
    root = Collection.get_first_root_node()
    published = root.add_child(name="Publicaciones")
    annexes = published.add_child(name="Anexos")
    internal = root.add_child(name="Borradores internos")
    in_published = DocumentFactory(collection=published)
    in_annexes = DocumentFactory(collection=annexes)
    in_internal = DocumentFactory(collection=internal)
    assert download(client, in_published)[0].status_code == 404

    PublicCollection.objects.create(collection=published)
    assert download(client, in_published)[0].status_code == 200
    assert download(client, in_annexes)[0].status_code == 200
    assert download(client, in_internal)[0].status_code == 404
    assert set(public_documents()) == {in_published, in_annexes}


def test_private_collection_stays_private_even_when_a_live_page_uses_it(client, cycle):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Reservado")
    document = DocumentFactory(collection=private)
    ReportFactory(parent=cycle, title="Informe", documents=documents_stream(document))
    assert download(client, document)[0].status_code == 200

    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    assert download(client, document)[0].status_code == 404
    PublicCollection.objects.create(collection=private)
    assert download(client, document)[0].status_code == 404
    assert not public_documents().filter(pk=document.pk).exists()


def test_editors_can_download_unpublished_documents(client, document, editor):
    client.force_login(editor)
    assert download(client, document)[0].status_code == 200


def test_logged_in_user_without_document_permissions_gets_404(client, document):
    user = get_user_model().objects.create_user("ciudadana", password="x")
    client.force_login(user)
    assert download(client, document)[0].status_code == 404


# --- Checksums ----------------------------------------------------------------------------

def test_checksum_shown_equals_sha256_of_downloaded_bytes(client, cycle):
    content = b"%PDF-1.7\n" + bytes(range(256)) * 4000 + b"\n%%EOF\n"
    document = DocumentFactory(title="Informe grande", content=content)
    ReportFactory(parent=cycle, title="Informe", documents=documents_stream(document))

    library = client.get(reverse("document_library")).content.decode()
    response, body = download(client, document)
    assert hashlib.sha256(body).hexdigest() == document.sha256
    assert document.sha256 in library
    assert len(body) == document.file_size == len(content)


def test_checksum_is_computed_for_documents_created_without_the_upload_views():
    document = PortalDocument.objects.create(
        title="Creado por código", file=ContentFile(b"%PDF-1.4\nx\n", name="codigo.pdf"))
    assert document.sha256 == hashlib.sha256(b"%PDF-1.4\nx\n").hexdigest()


def test_replacing_the_file_keeps_the_url_and_logs_the_old_checksum(client, cycle, editor):
    document = DocumentFactory(title="Acta", content=pdf_bytes("versión 1"))
    ReportFactory(parent=cycle, title="Informe", documents=documents_stream(document))
    url, old_sha256 = document.url, document.sha256

    client.force_login(editor)
    new_content = pdf_bytes("versión 2, corregida")
    response = client.post(reverse("wagtaildocs:edit", args=[document.pk]), {
        "title": "Acta", "file": ContentFile(new_content, name="acta-corregida.pdf"),
        "collection": document.collection_id, "description": "", "document_type": "minutes",
        "fiscal_year": "2021", "department": "", "published_on": "2021-12-15", "tags": "",
    })
    assert response.status_code == 302, response.context["form"].errors
    client.logout()

    document.refresh_from_db()
    assert document.url == url
    assert document.sha256 == hashlib.sha256(new_content).hexdigest() != old_sha256
    response, body = download(client, document)
    assert body == new_content
    entry = ModelLogEntry.objects.get(action=FILE_REPLACED_ACTION)
    assert entry.object_id == str(document.pk)
    assert entry.data["previous_sha256"] == old_sha256
    assert entry.data["sha256"] == document.sha256
    assert entry.user == editor
    assert old_sha256 in entry.message


def test_editing_other_fields_does_not_log_a_replacement(document):
    document.title = "Otro título"
    document.save()
    assert not ModelLogEntry.objects.filter(action=FILE_REPLACED_ACTION).exists()


# --- Safe serving --------------------------------------------------------------------------

@pytest.fixture
def publish(cycle):
    def _publish(*documents):
        ReportFactory(parent=cycle, documents=documents_stream(*documents))
    return _publish


def test_pdf_is_inline_everything_else_an_attachment(client, publish):
    pdf = DocumentFactory(filename="informe.pdf")
    csv = DocumentFactory(filename="datos.csv", content="a;b\n1;ñ\n".encode())
    png = DocumentFactory(filename="foto.png", content=b"\x89PNG\r\n\x1a\n" + b"\0" * 20)
    publish(pdf, csv, png)

    response, _ = download(client, pdf)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    for document, content_type in ((csv, "text/csv"), (png, "image/png")):
        response, _ = download(client, document)
        assert response["Content-Type"] == content_type
        assert response["Content-Disposition"].startswith("attachment")
    for document in (pdf, csv, png):
        response, _ = download(client, document)
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "default-src 'none'"
        assert "Content-Encoding" not in response


def test_a_legacy_html_document_is_never_served_inline(client, publish):
    # Uploads refuse HTML (see test_uploads); one that got in some other way downloads.
    html = PortalDocument.objects.create(
        title="Página", file=ContentFile(b"<html><script>alert(1)</script></html>", name="x.html"))
    publish(html)
    response, _ = download(client, html)
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_media_path_does_not_serve_documents(client, publish, document):
    publish(document)
    assert client.get(f"/media/{document.file.name}").status_code == 404
