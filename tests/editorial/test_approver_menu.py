"""Final approvers browse the pages read-only and open the workflow reports
(rendicion/editorial/policies.py, scope.reads_pages_only)."""

from django.test import TestCase
from django.urls import reverse

from tests.factories import EncounterFactory
from tests.workflow_helpers import LoginMixin, build_roles, edit_url


class ApproverMenuTests(LoginMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        build_roles(cls)
        cls.live_page = EncounterFactory(parent=cls.section_educacion, title="Encuentro publicado")
        cls.draft = EncounterFactory(
            parent=cls.section_educacion, title="Encuentro en borrador", live=False
        )

    def test_the_menu_holds_pages_and_reports(self):
        self.login(self.approver)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, '"name": "explorer"')
        self.assertContains(response, '"name": "workflows"')
        self.assertContains(response, '"name": "workflow-tasks"')

    def test_explorer_and_reports_open_read_only(self):
        self.login(self.approver)
        explore = self.client.get(
            reverse("wagtailadmin_explore", args=(self.section_educacion.pk,))
        )
        self.assertEqual(explore.status_code, 200)
        self.assertContains(explore, "Encuentro publicado")
        self.assertNotContains(explore, "Encuentro en borrador")
        self.assertNotContains(explore, edit_url(self.live_page))
        for name in ("wagtailadmin_reports:workflow", "wagtailadmin_reports:workflow_tasks"):
            self.assertEqual(self.client.get(reverse(name)).status_code, 200, name)

    def test_no_editing_outside_the_workflow(self):
        self.login(self.approver)
        response = self.client.get(edit_url(self.live_page))
        self.assertNotEqual(response.status_code, 200)
        response = self.client.post(edit_url(self.live_page), {"title": "Cambiado"})
        self.assertNotEqual(response.status_code, 200)
        self.live_page.refresh_from_db()
        self.assertEqual(self.live_page.title, "Encuentro publicado")
        add = reverse(
            "wagtailadmin_pages:add",
            args=("rendicion", "dialogueencounterpage", self.section_educacion.pk),
        )
        self.assertNotEqual(self.client.get(add).status_code, 200)

    def test_editors_menu_is_unchanged(self):
        self.login(self.editor_salud)
        explore = self.client.get(
            reverse("wagtailadmin_explore", args=(self.section_educacion.pk,))
        )
        self.assertNotContains(explore, "Encuentro publicado", status_code=explore.status_code)
