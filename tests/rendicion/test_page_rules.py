"""Editors can only create pages where they belong in the tree."""

from django.contrib.auth import get_user_model
from django.test import TestCase
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from encuestas.models import SurveyPage
from home.models import HomePage
from rendicion.models import (
    AccountabilityCycleIndexPage,
    DepartmentSectionPage,
    DialogueEncounterPage,
    ImprovementPlanPage,
    IndicatorIndexPage,
    PublicHearingPage,
    ReportPage,
    SdgIndexPage,
)
from tests.factories import (
    CycleFactory,
    DepartmentFactory,
    DepartmentSectionFactory,
    IndicatorIndexFactory,
    home_page,
)


class PageTypeRulesTests(WagtailPageTestCase):
    def test_home_holds_cycles_the_two_indexes_and_the_policies(self):
        from govco.models import PolicyPage

        self.assertAllowedSubpageTypes(
            HomePage, {AccountabilityCycleIndexPage, IndicatorIndexPage, SdgIndexPage, PolicyPage}
        )
        self.assertAllowedParentPageTypes(PolicyPage, {HomePage})
        self.assertAllowedSubpageTypes(PolicyPage, set())
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_cycle_holds_sections_and_cycle_wide_pages(self):
        self.assertAllowedSubpageTypes(
            AccountabilityCycleIndexPage,
            {
                DepartmentSectionPage,
                DialogueEncounterPage,
                ReportPage,
                PublicHearingPage,
                ImprovementPlanPage,
                SurveyPage,
            },
        )
        self.assertAllowedParentPageTypes(AccountabilityCycleIndexPage, {HomePage})

    def test_department_section_holds_department_pages_only(self):
        self.assertAllowedSubpageTypes(
            DepartmentSectionPage,
            {DialogueEncounterPage, ReportPage, ImprovementPlanPage, SurveyPage},
        )
        self.assertAllowedParentPageTypes(DepartmentSectionPage, {AccountabilityCycleIndexPage})

    def test_surveys_live_in_a_cycle_or_a_department_section(self):
        self.assertAllowedParentPageTypes(
            SurveyPage, {AccountabilityCycleIndexPage, DepartmentSectionPage}
        )
        self.assertAllowedSubpageTypes(SurveyPage, set())
        self.assertCanNotCreateAt(HomePage, SurveyPage)

    def test_the_hearing_belongs_to_the_whole_cycle(self):
        self.assertAllowedParentPageTypes(PublicHearingPage, {AccountabilityCycleIndexPage})

    def test_leaf_pages_have_no_children(self):
        for model in (
            DialogueEncounterPage,
            ReportPage,
            PublicHearingPage,
            ImprovementPlanPage,
            IndicatorIndexPage,
            SdgIndexPage,
        ):
            self.assertAllowedSubpageTypes(model, set())

    def test_encounters_and_reports_cannot_be_created_at_the_home_page(self):
        self.assertCanNotCreateAt(HomePage, DialogueEncounterPage)
        self.assertCanNotCreateAt(HomePage, ReportPage)
        self.assertCanNotCreateAt(HomePage, DepartmentSectionPage)


class SingletonIndexTests(TestCase):
    def test_only_one_indicator_index(self):
        home = home_page()
        self.assertTrue(IndicatorIndexPage.can_create_at(home))
        IndicatorIndexFactory(parent=home)
        self.assertFalse(IndicatorIndexPage.can_create_at(home))


class AdminCreationRulesTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = home_page()
        cls.cycle = CycleFactory(parent=cls.home, year=2021)
        cls.educacion = DepartmentFactory(name="Secretaría de Educación", slug="educacion")
        cls.salud = DepartmentFactory(name="Secretaría de Salud", slug="salud")
        cls.section = DepartmentSectionFactory(parent=cls.cycle, department=cls.educacion)
        cls.admin = get_user_model().objects.create_superuser("admin", "a@example.com", "x")

    def setUp(self):
        self.client.force_login(self.admin)

    def test_admin_refuses_a_page_type_in_the_wrong_place(self):
        # Wagtail's admin answers a refused action with a redirect and a message.
        response = self.client.get(
            f"/admin/pages/add/rendicion/dialogueencounterpage/{self.home.pk}/", follow=True
        )
        self.assertNotIn("form", response.context)
        self.assertEqual(response.redirect_chain[0][1], 302)
        self.assertContains(response, "no tienes permisos")

    def test_add_form_in_a_section_is_prefilled_with_its_department(self):
        response = self.client.get(f"/admin/pages/add/rendicion/reportpage/{self.section.pk}/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["form"].initial.get("department"), self.educacion.pk)

    def test_a_page_in_a_section_cannot_claim_another_department_and_keeps_what_was_typed(self):
        response = self.client.post(
            f"/admin/pages/add/rendicion/reportpage/{self.section.pk}/",
            {
                "title": "Informe de gestión de Salud",
                "slug": "informe-salud",
                "kind": "department",
                "department": self.salud.pk,
                "summary": "Resumen que no se debe perder",
                "body-count": "0",
                "documents-count": "0",
                "rights-count": "0",
            },
        )
        self.assertEqual(response.status_code, 200)
        form = response.context["form"]
        self.assertIn("department", form.errors)
        self.assertContains(response, "Resumen que no se debe perder")
        self.assertFalse(ReportPage.objects.filter(slug="informe-salud").exists())
