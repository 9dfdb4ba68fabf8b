"""Documents carry their type and department from the upload on, including from the
chooser's upload tab (rendicion/media/uploads.py PortalDocumentForm), and the dashboard
counts what the documents list shows (rendicion/editorial/wagtail_hooks.py)."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Collection

from rendicion.models import PortalDocument, PublicCollection
from tests.factories import DocumentFactory, pdf_bytes
from tests.workflow_helpers import LoginMixin, build_roles

PREFIX = "document-chooser-upload-"


def chooser_upload_data(**overrides):
    data = {
        "title": "Acta del encuentro",
        "file": SimpleUploadedFile("acta.pdf", pdf_bytes("acta"), "application/pdf"),
        "description": "",
        "fiscal_year": "2021",
        "published_on": "2021-10-29",
        "tags": "",
        "collection": Collection.get_first_root_node().pk,
    }
    data.update(overrides)
    return {PREFIX + key: value for key, value in data.items()}


def department_options(html):
    select = re.search(r'<select name="[^"]*department"[^>]*>(.*?)</select>', html, re.S)
    return re.findall(r">([^<]+)</option>", select.group(1))


class DocumentUploadMetadataTests(LoginMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        build_roles(cls)

    def chooser_form(self):
        response = self.client.get(reverse("wagtaildocs_chooser:choose"))
        self.assertEqual(response.status_code, 200)
        return response.json()["html"]

    def test_the_chooser_upload_asks_type_and_offers_only_the_editors_department(self):
        self.login(self.editor_educacion)
        html = self.chooser_form()
        options = department_options(html)
        self.assertIn("Secretaría de Educación", options)
        self.assertNotIn("Secretaría de Salud", options)
        self.assertRegex(html, rf'<option value="{self.educacion.pk}" selected>')
        self.assertRegex(html, r'<option value="" selected>---------</option>')

    def test_uploading_from_the_chooser_without_a_type_is_refused_and_keeps_the_title(self):
        self.login(self.editor_educacion)
        response = self.client.post(
            reverse("wagtaildocs_chooser:create"),
            chooser_upload_data(department=self.educacion.pk),
        )
        self.assertFalse(PortalDocument.objects.exists())
        html = response.json()["htmlFragment"] if "htmlFragment" in response.json() else str(
            response.json()
        )
        self.assertIn("Acta del encuentro", html)

    def test_uploading_from_the_chooser_stores_type_and_department(self):
        self.login(self.editor_educacion)
        response = self.client.post(
            reverse("wagtaildocs_chooser:create"),
            chooser_upload_data(document_type="minutes", department=self.educacion.pk),
        )
        self.assertEqual(response.status_code, 200)
        document = PortalDocument.objects.get()
        self.assertEqual(document.document_type, "minutes")
        self.assertEqual(document.department, self.educacion)

    def test_another_departments_value_is_refused(self):
        self.login(self.editor_educacion)
        self.client.post(
            reverse("wagtaildocs_chooser:create"),
            chooser_upload_data(document_type="minutes", department=self.salud.pk),
        )
        self.assertFalse(PortalDocument.objects.exists())

    def test_participacion_and_administrators_choose_any_department(self):
        participacion_editor = type(self.editor_educacion).objects.create_user("editor.part")
        participacion_editor.groups.add(self.participacion.editors_group)
        self.login(participacion_editor)
        options = department_options(self.chooser_form())
        self.assertIn("Secretaría de Salud", options)
        self.assertIn("Secretaría de Educación", options)

    def test_the_chooser_offers_own_and_public_documents_only(self):
        public = Collection.get_first_root_node().add_child(name="Publicados")
        PublicCollection.objects.create(collection=public)
        DocumentFactory(title="Informe propio", department=self.educacion)
        DocumentFactory(title="Informe publicado de salud", department=self.salud, collection=public)
        DocumentFactory(title="Borrador de salud", department=self.salud)
        self.login(self.editor_educacion)
        html = self.chooser_form()
        self.assertIn("Informe propio", html)
        self.assertIn("Informe publicado de salud", html)
        self.assertNotIn("Borrador de salud", html)

    def test_the_dashboard_counts_what_the_documents_list_shows(self):
        public = Collection.get_first_root_node().add_child(name="Publicados")
        PublicCollection.objects.create(collection=public)
        for number in range(3):
            DocumentFactory(title=f"Público {number}", department=self.salud, collection=public)
        DocumentFactory(title="Propio", department=self.educacion, uploaded_by_user=self.editor_educacion)
        self.login(self.editor_educacion)
        listing = self.client.get(reverse("wagtaildocs:index"))
        listed = len(re.findall(r'data-bulk-action-checkbox', listing.content.decode()))
        dashboard = self.client.get(reverse("wagtailadmin_home")).content.decode()
        self.assertIn(f"{listed} ", dashboard)
        summary = re.search(r'href="/admin/documents/">\s*(\d+)', dashboard)
        self.assertEqual(int(summary.group(1)), listed)
        self.assertEqual(listed, 1)
