"""The security test's findings 2, 4 and 5, reproduced as an attacker would try them.

2. A document Educación uploaded and no page uses was downloadable by Salud's editor, and
   listed in Salud's chooser and the admin API.
4. Documents of a live page under an unpublished parent were public, while search hid the
   page: "public" was defined five times.
5. Another department's draft titles were readable in Wagtail views that only refuse on POST.

Finding 1 (the review bypass) is in test_review_integrity.py; 3 (images) in
test_image_privacy.py.
"""

import io
import json

import openpyxl
from django.core.files.base import ContentFile
from django.test import TestCase
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Collection

from rendicion.models import PublicCollection
from rendicion.visibility import is_public_document, is_public_page, public_pages
from tests.factories import (
    DocumentFactory,
    EncounterFactory,
    ReportFactory,
    pdf_bytes,
    png_bytes,
)
from tests.workflow_helpers import LoginMixin, build_roles

SECRET_DOCUMENT = "Acta interna de Educación ZQX"
SECRET_IMAGE = "Foto interna de Educación ZQX"
SECRET_DRAFT = "Borrador secreto de Educación ZQX"


def documents_stream(*documents):
    return [{"type": "document", "value": {"document": d.pk, "description": ""}} for d in documents]


def body_of(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("latin-1")
    return response.content.decode()


class CrossDepartmentMediaTests(LoginMixin, TestCase):
    """Finding 2: every editor holds "choose" on the root collection."""

    @classmethod
    def setUpTestData(cls):
        build_roles(cls)

    def setUp(self):
        # Files in setUp: each test has its own media folder (tests/conftest.py).
        self.document = DocumentFactory(
            title=SECRET_DOCUMENT,
            content=pdf_bytes("acta"),
            uploaded_by_user=self.editor_educacion,
            department=self.educacion,
        )
        self.image = get_image_model().objects.create(
            title=SECRET_IMAGE,
            file=ContentFile(png_bytes(), name="foto-interna.png"),
            uploaded_by_user=self.editor_educacion,
        )

    def visit(self, user, url):
        self.login(user)
        return self.client.get(url)

    def test_another_department_cannot_download_list_or_choose_an_unpublished_document(self):
        urls = [
            reverse("document_download", args=[self.document.pk]),
            f"/documents/{self.document.pk}/{self.document.filename}",
        ]
        listings = [
            reverse("wagtaildocs:index"),
            reverse("wagtaildocs_chooser:choose"),
            "/admin/api/main/documents/",
            reverse("wagtailimages:index"),
            reverse("wagtailimages_chooser:choose"),
            "/admin/api/main/images/",
        ]
        for url in urls:
            with self.subTest(url=url):
                self.assertEqual(self.visit(self.editor_salud, url).status_code, 404)
                response = self.visit(self.editor_educacion, url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(body_of(response).encode("latin-1"), pdf_bytes("acta"))
        for url in listings:
            with self.subTest(url=url):
                response = self.visit(self.editor_salud, url)
                self.assertEqual(response.status_code, 200)
                self.assertNotIn("ZQX", body_of(response))
                self.assertIn("ZQX", body_of(self.visit(self.editor_educacion, url)))
        # Participación's approvers open the files of what waits for them, and nothing else.
        self.assertEqual(self.visit(self.approver, urls[0]).status_code, 404)
        page = ReportFactory(
            parent=self.section_educacion,
            title="Informe con anexo",
            slug="informe-con-anexo",
            live=False,
            documents=documents_stream(self.document),
        )
        page.save_revision(user=self.editor_educacion)
        page.get_workflow().start(page, self.editor_educacion)
        self.assertEqual(self.visit(self.approver, urls[0]).status_code, 404)  # at step 1
        task_state = page.current_workflow_task_state
        task_state.task.specific.on_action(task_state, self.reviewer_educacion, "approve")
        self.assertEqual(self.visit(self.approver, urls[0]).status_code, 200)  # at step 2
        detail = f"/admin/api/main/documents/{self.document.pk}/"
        self.assertEqual(self.visit(self.editor_salud, detail).status_code, 404)
        edit = reverse("wagtaildocs:edit", args=[self.document.pk])
        self.assertNotIn(SECRET_DOCUMENT, body_of(self.visit(self.editor_salud, edit)))

    def test_public_documents_are_still_offered_to_every_department(self):
        collection = Collection.get_first_root_node().add_child(name="Publicaciones")
        PublicCollection.objects.create(collection=collection)
        self.document.collection = collection
        self.document.save()
        response = self.visit(self.editor_salud, reverse("wagtaildocs_chooser:choose"))
        self.assertIn("ZQX", body_of(response))
        self.assertEqual(
            self.visit(
                self.editor_salud, reverse("document_download", args=[self.document.pk])
            ).status_code,
            200,
        )


class UnpublishedParentTests(LoginMixin, TestCase):
    """Finding 4: a live page under an unpublished page is not public, nor what it uses."""

    @classmethod
    def setUpTestData(cls):
        build_roles(cls)

    def setUp(self):
        self.document = DocumentFactory(title="Anexo del informe oculto", content=pdf_bytes("x"))
        self.report = ReportFactory(
            parent=self.section_educacion,
            title="Informe bajo una sección retirada",
            slug="informe-oculto",
            documents=documents_stream(self.document),
        )
        self.section_educacion.refresh_from_db()
        self.section_educacion.unpublish()

    def test_nothing_under_an_unpublished_page_is_public_anywhere(self):
        self.report.refresh_from_db()
        self.assertTrue(self.report.live)
        self.assertFalse(is_public_page(self.report))
        self.assertFalse(is_public_document(self.document))
        self.assertNotIn(self.report.pk, public_pages().values_list("pk", flat=True))

        client = self.client
        self.assertEqual(client.get(self.report.get_url()).status_code, 404)
        self.assertEqual(client.get(self.document.url).status_code, 404)
        for url in (
            "/api/v2/pages/",
            "/api/v2/documents/",
            "/sitemap.xml",
            "/documentos/",
            "/datos/documentos.csv",
            "/buscar/?q=informe+oculto",
        ):
            with self.subTest(url=url):
                response = client.get(url)
                self.assertEqual(response.status_code, 200)
                text = body_of(response)
                self.assertNotIn("Informe bajo una sección retirada", text)
                self.assertNotIn("Anexo del informe oculto", text)
                self.assertNotIn("informe-oculto", text)
        detail = client.get(f"/api/v2/pages/{self.report.pk}/")
        self.assertEqual(detail.status_code, 404)

        # Published again: all of it comes back, in every place.
        self.section_educacion.get_latest_revision().publish()
        self.assertTrue(is_public_document(self.document))
        self.assertEqual(client.get(self.document.url).status_code, 200)
        self.assertIn("informe-oculto", body_of(client.get("/sitemap.xml")))
        pages = json.loads(client.get("/api/v2/pages/").content)["items"]
        self.assertIn(self.report.pk, [item["id"] for item in pages])


class DraftTitlesOnGetTests(LoginMixin, TestCase):
    """Finding 5: views that refuse on POST must not show another department's drafts on GET."""

    @classmethod
    def setUpTestData(cls):
        build_roles(cls)
        cls.draft = EncounterFactory(
            parent=cls.section_educacion,
            department=cls.educacion,
            title=SECRET_DRAFT,
            slug="borrador-secreto",
            live=False,
        )

    def test_move_confirmation_bulk_confirmation_and_page_types_report(self):
        urls = [
            reverse("wagtailadmin_pages:move_confirm", args=(self.draft.pk, self.section_salud.pk)),
            reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
            + f"?id={self.draft.pk}",
            reverse("wagtail_bulk_action", args=("wagtailcore", "page", "move"))
            + f"?id={self.draft.pk}",
            reverse("wagtailadmin_reports:page_types_usage"),
            reverse("wagtailadmin_reports:page_types_usage_results"),
        ]
        for url in urls:
            with self.subTest(url=url):
                self.login(self.editor_salud)
                response = self.client.get(url, follow=True)
                self.assertNotIn("ZQX", response.content.decode())
                self.assertNotIn("borrador-secreto", response.content.decode())
        # The department's own reviewer still sees its draft in the report.
        self.login(self.reviewer_educacion)
        report = self.client.get(reverse("wagtailadmin_reports:page_types_usage"))
        self.assertContains(report, "ZQX")


class ImportFormatExportScopeTests(LoginMixin, TestCase):
    """The import-format export named every department's indicators, drafts included."""

    @classmethod
    def setUpTestData(cls):
        build_roles(cls)

    def exported_codes(self, user):
        self.login(user)
        response = self.client.get(reverse("wagtailsnippets_rendicion_indicator:export_matrix"))
        self.assertEqual(response.status_code, 200)
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        return {str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value}

    def test_a_department_exports_only_what_it_reaches(self):
        self.assertIn(self.indicator.code, self.exported_codes(self.editor_educacion))
        self.assertNotIn(self.indicator.code, self.exported_codes(self.editor_salud))
