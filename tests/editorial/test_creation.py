"""The dashboard's "Crear" panel and the new vigencia (docs/editorial-creation.md)."""

from django.test import TestCase
from django.urls import reverse

from rendicion.models import AccountabilityCycleIndexPage, DepartmentSectionPage
from tests.workflow_helpers import build_roles, make_user


def add_url(model_name, parent):
    return reverse("wagtailadmin_pages:add", args=("rendicion", model_name, parent.pk))


class CreatePanelTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_roles(cls)
        cls.editor_participacion = make_user(
            "editor.participacion", cls.participacion.editors_group
        )

    def dashboard(self, user):
        self.client.force_login(user)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_an_editor_is_offered_a_new_encounter_in_their_own_section_only(self):
        html = self.dashboard(self.editor_educacion)
        self.assertIn("Crear", html)
        self.assertIn(add_url("dialogueencounterpage", self.section_educacion), html)
        self.assertIn(add_url("reportpage", self.section_educacion), html)
        self.assertNotIn(add_url("dialogueencounterpage", self.section_salud), html)
        self.assertIn(reverse("wagtailsnippets_rendicion_indicator:import"), html)
        self.assertNotIn(reverse("rendicion_new_cycle"), html)

    def test_the_offered_address_opens_the_create_form(self):
        self.client.force_login(self.editor_educacion)
        response = self.client.get(add_url("dialogueencounterpage", self.section_educacion))
        self.assertEqual(response.status_code, 200)

    def test_participacion_is_offered_the_new_vigencia_and_the_hearing(self):
        html = self.dashboard(self.editor_participacion)
        self.assertIn(reverse("rendicion_new_cycle"), html)
        self.assertIn(add_url("publichearingpage", self.cycle), html)

    def test_an_editor_whose_department_has_no_section_is_told_why(self):
        AccountabilityCycleIndexPage.objects.filter(pk=self.cycle.pk).update(year=2020)
        self.client.force_login(self.editor_participacion)
        self.client.post(
            reverse("rendicion_new_cycle"), {"year": "2022", "departments": [self.salud.pk]}
        )
        html = self.dashboard(self.editor_educacion)
        self.assertIn("aún no tiene sección en la vigencia actual", html)
        self.assertNotIn(add_url("dialogueencounterpage", self.section_educacion), html)


class NewCycleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_roles(cls)
        cls.editor_participacion = make_user(
            "editor.participacion", cls.participacion.editors_group
        )

    def test_participacion_creates_the_vigencia_with_its_sections_as_drafts(self):
        self.client.force_login(self.editor_participacion)
        response = self.client.post(
            reverse("rendicion_new_cycle"),
            {"year": "2022", "departments": [self.educacion.pk, self.salud.pk]},
            follow=True,
        )
        cycle = AccountabilityCycleIndexPage.objects.get(year=2022)
        self.assertContains(response, "Se creó la vigencia 2022")
        self.assertFalse(cycle.live)
        self.assertEqual(cycle.slug, "rendicion-de-cuentas-2022")
        self.assertEqual(cycle.revisions.count(), 1)
        sections = DepartmentSectionPage.objects.child_of(cycle)
        self.assertEqual(
            sorted(sections.values_list("department__slug", flat=True)), ["educacion", "salud"]
        )
        self.assertFalse(sections.filter(live=True).exists())
        # Nothing of it is public.
        self.client.logout()
        self.assertEqual(self.client.get(cycle.url).status_code, 404)

    def test_the_department_finds_its_new_section_on_the_dashboard(self):
        self.client.force_login(self.editor_participacion)
        self.client.post(
            reverse("rendicion_new_cycle"), {"year": "2022", "departments": [self.educacion.pk]}
        )
        cycle = AccountabilityCycleIndexPage.objects.get(year=2022)
        section = DepartmentSectionPage.objects.child_of(cycle).get()
        self.client.force_login(self.editor_educacion)
        html = self.client.get(reverse("wagtailadmin_home")).content.decode()
        self.assertIn(add_url("dialogueencounterpage", section), html)
        self.assertEqual(
            self.client.get(add_url("dialogueencounterpage", section)).status_code, 200
        )

    def test_an_existing_year_is_refused_in_spanish_and_the_form_keeps_the_choice(self):
        self.client.force_login(self.editor_participacion)
        response = self.client.post(
            reverse("rendicion_new_cycle"), {"year": "2021", "departments": [self.salud.pk]}
        )
        self.assertContains(response, "La vigencia 2021 ya existe.")
        self.assertContains(response, 'value="2021"')
        self.assertEqual(AccountabilityCycleIndexPage.objects.count(), 1)

    def test_a_department_editor_cannot_create_a_vigencia(self):
        self.client.force_login(self.editor_educacion)
        url = reverse("rendicion_new_cycle")
        # Wagtail's admin turns a refusal into its "no permission" message on the dashboard.
        self.assertRedirects(self.client.get(url), reverse("wagtailadmin_home"))
        response = self.client.post(url, {"year": "2022", "departments": [self.educacion.pk]})
        self.assertRedirects(response, reverse("wagtailadmin_home"))
        self.assertFalse(AccountabilityCycleIndexPage.objects.filter(year=2022).exists())


class CommitmentFromEncounterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        from tests.factories import EncounterFactory

        build_roles(cls)
        cls.encounter = EncounterFactory(
            parent=cls.section_educacion, department=cls.educacion, title="Encuentro de Rozo"
        )
        cls.salud_encounter = EncounterFactory(
            parent=cls.section_salud, department=cls.salud, title="Encuentro de salud"
        )

    def edit_url(self, page):
        return reverse("wagtailadmin_pages:edit", args=(page.pk,))

    def add_commitment_url(self, page):
        return reverse("wagtailsnippets_rendicion_commitment:add") + f"?origin_page={page.pk}"

    def test_the_encounter_editor_lists_its_commitments_and_links_to_add_one(self):
        from tests.factories import CommitmentFactory

        CommitmentFactory(
            text="Dotar la sede rural de Rozo",
            department=self.educacion,
            origin_page=self.encounter,
        )
        self.client.force_login(self.editor_educacion)
        response = self.client.get(self.edit_url(self.encounter))
        self.assertContains(response, "Compromisos adquiridos aquí")
        self.assertContains(response, "Dotar la sede rural de Rozo")
        self.assertContains(response, self.add_commitment_url(self.encounter).replace("&", "&amp;"))

    def test_the_new_commitment_comes_with_the_origin_and_department_filled_in(self):
        self.client.force_login(self.editor_educacion)
        response = self.client.get(self.add_commitment_url(self.encounter))
        self.assertEqual(response.status_code, 200)
        form = response.context["form"]
        self.assertEqual(form.initial.get("origin_page"), self.encounter.pk)
        self.assertEqual(form.initial.get("department"), self.educacion.pk)

    def test_another_departments_encounter_is_not_filled_in(self):
        self.client.force_login(self.editor_educacion)
        response = self.client.get(self.add_commitment_url(self.salud_encounter))
        self.assertEqual(response.status_code, 200)
        form = response.context["form"]
        self.assertIsNone(form.initial.get("origin_page"))
        self.assertNotContains(response, "Encuentro de salud")
