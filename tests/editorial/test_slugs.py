"""Page addresses stay ASCII: a Spanish title's accents never reach the address."""

from django.test import TestCase
from django.urls import reverse

from rendicion.models import DialogueEncounterPage
from tests.workflow_helpers import LoginMixin, build_roles, encounter_form_data


class AsciiSlugTests(LoginMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        build_roles(cls)

    def post_new_encounter(self, slug):
        self.login(self.editor_educacion)
        url = reverse(
            "wagtailadmin_pages:add",
            args=("rendicion", "dialogueencounterpage", self.section_educacion.pk),
        )
        return self.client.post(url, encounter_form_data(self.educacion, slug=slug))

    def test_an_address_with_accents_is_refused_in_spanish_and_the_form_keeps_it(self):
        response = self.post_new_encounter("señales-públicas")
        self.assertEqual(response.status_code, 200)
        form = response.context["form"]
        self.assertIn("slug", form.errors)
        self.assertIn("válido", form.errors["slug"][0])
        self.assertContains(response, 'value="señales-públicas"')
        self.assertFalse(DialogueEncounterPage.objects.filter(title=form["title"].value()).exists())

    def test_an_ascii_address_is_accepted(self):
        response = self.post_new_encounter("senales-publicas")
        self.assertEqual(response.status_code, 302)
        self.assertTrue(DialogueEncounterPage.objects.filter(slug="senales-publicas").exists())
