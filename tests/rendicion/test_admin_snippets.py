"""The accountability snippets are managed in Wagtail's admin: list, filter, search, export."""

import csv
import io

from django.contrib.auth import get_user_model
from django.test import TestCase

from rendicion.models import Indicator
from tests.factories import (
    CommitmentFactory,
    DepartmentFactory,
    IndicatorFactory,
    StakeholderGroupFactory,
)


class SnippetAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = get_user_model().objects.create_superuser("admin", "a@example.com", "x")
        cls.educacion = DepartmentFactory(name="Secretaría de Educación", slug="educacion")
        cls.salud = DepartmentFactory(name="Secretaría de Salud", slug="salud")
        cls.docentes = IndicatorFactory(
            code="220100900",
            department=cls.educacion,
            name="Docentes beneficiados con estrategias de mejoramiento de sus competencias",
        )
        cls.vacunacion = IndicatorFactory(
            code="330100100", department=cls.salud, name="Cobertura de vacunación"
        )
        StakeholderGroupFactory(name="JAC Comuna 1")
        CommitmentFactory(text="Instalar mesas de bilingüismo", department=cls.educacion)

    def setUp(self):
        self.client.force_login(self.admin)

    def test_every_snippet_listing_loads(self):
        for model in (
            "indicator",
            "commitment",
            "stakeholdergroup",
            "department",
            "populationgroup",
            "sdggoal",
            "sdgtarget",
        ):
            response = self.client.get(f"/admin/snippets/rendicion/{model}/")
            self.assertEqual(response.status_code, 200, model)

    def test_indicator_listing_filters_by_department(self):
        response = self.client.get(
            "/admin/snippets/rendicion/indicator/", {"department": self.salud.pk}
        )
        self.assertContains(response, "Cobertura de vacunación")
        self.assertNotContains(response, "Docentes beneficiados")

    def test_indicator_listing_searches(self):
        response = self.client.get("/admin/snippets/rendicion/indicator/", {"q": "vacunación"})
        self.assertContains(response, "Cobertura de vacunación")
        self.assertNotContains(response, "Docentes beneficiados")

    def test_indicators_export_as_csv(self):
        response = self.client.get("/admin/snippets/rendicion/indicator/", {"export": "csv"})
        self.assertEqual(response.status_code, 200)
        content = b"".join(response.streaming_content).decode("utf-8")
        rows = list(csv.reader(io.StringIO(content)))
        codes = {row[0] for row in rows[1:]}
        self.assertEqual(codes, {"220100900", "330100100"})

    def test_sdg_targets_filter_by_goal(self):
        response = self.client.get("/admin/snippets/rendicion/sdgtarget/", {"goal": 13})
        self.assertContains(response, "13.3")
        self.assertNotContains(response, "4.1 ")

    def test_creating_an_indicator_with_a_measurement(self):
        response = self.client.post(
            "/admin/snippets/rendicion/indicator/add/",
            {
                "code": "220103401",
                "kind": "product",
                "name": "Instituciones educativas fortalecidas en competencias de bilingüismo",
                "department": self.educacion.pk,
                "unit": "Número",
                "direction": "maintain",
                "baseline_value": "27",
                "target_value": "27",
                "measurements-TOTAL_FORMS": "1",
                "measurements-INITIAL_FORMS": "0",
                "measurements-MIN_NUM_FORMS": "0",
                "measurements-MAX_NUM_FORMS": "1000",
                "year_targets-TOTAL_FORMS": "0",
                "year_targets-INITIAL_FORMS": "0",
                "year_targets-MIN_NUM_FORMS": "0",
                "year_targets-MAX_NUM_FORMS": "1000",
                "measurements-0-period": "2021",
                "measurements-0-date": "2021-12-31",
                "measurements-0-value": "27",
                "measurements-0-ORDER": "1",
                "action-publish": "action-publish",
            },
        )
        self.assertEqual(response.status_code, 302)
        indicator = Indicator.objects.get(code="220103401")
        self.assertEqual(indicator.slug, "220103401")
        self.assertEqual(indicator.measurements.count(), 1)
        self.assertTrue(indicator.progress.is_met)

    def test_invalid_indicator_keeps_what_was_typed(self):
        response = self.client.post(
            "/admin/snippets/rendicion/indicator/add/",
            {
                "code": "220100700",
                "kind": "product",
                "name": "Estudiantes evaluados con pruebas de calidad educativa",
                "department": self.educacion.pk,
                "unit": "Número",
                "direction": "increase",
                "measurements-TOTAL_FORMS": "0",
                "measurements-INITIAL_FORMS": "0",
                "measurements-MIN_NUM_FORMS": "0",
                "measurements-MAX_NUM_FORMS": "1000",
                "year_targets-TOTAL_FORMS": "0",
                "year_targets-INITIAL_FORMS": "0",
                "year_targets-MIN_NUM_FORMS": "0",
                "year_targets-MAX_NUM_FORMS": "1000",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("baseline_value", response.context["form"].errors)
        self.assertContains(response, "Estudiantes evaluados con pruebas de calidad educativa")
        self.assertFalse(Indicator.objects.filter(code="220100700").exists())
