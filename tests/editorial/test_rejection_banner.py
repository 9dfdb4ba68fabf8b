"""The reviewer's request for changes, with its author, above the editor's form
(rendicion/editorial/status.py last_rejection; templates/editorial/rejection_banner.html)."""

from django.contrib.admin.utils import quote
from django.test import TestCase
from django.urls import reverse

from tests.factories import EncounterFactory
from tests.workflow_helpers import LoginMixin, build_roles, edit_url, make_user


def start_review(obj, user):
    obj.save_revision(user=user)
    return obj.get_workflow().start(obj, user)


class RejectionBannerTests(LoginMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        build_roles(cls)
        cls.reviewer_educacion.first_name = "Rosa"
        cls.reviewer_educacion.last_name = "Revisora"
        cls.reviewer_educacion.save()

    def test_the_page_editor_shows_the_comment_and_the_reviewer(self):
        page = EncounterFactory(parent=self.section_educacion, title="Encuentro con rectores")
        state = start_review(page, self.editor_educacion)
        self.login(self.editor_educacion)
        self.assertNotContains(self.client.get(edit_url(page)), "data-rejection-banner")
        state.current_task_state.reject(
            user=self.reviewer_educacion, comment="Falta la lista de asistentes <b>firmada</b>"
        )
        response = self.client.get(edit_url(page))
        self.assertContains(response, "data-rejection-banner")
        self.assertContains(response, "Rosa Revisora")
        self.assertContains(response, "Revisión de la dependencia")
        # What the reviewer typed is shown escaped.
        self.assertContains(response, "Falta la lista de asistentes &lt;b&gt;firmada&lt;/b&gt;")
        self.assertNotContains(response, "editor.educacion requested")

    def test_the_snippet_editor_shows_the_comment_of_the_approver_at_step_two(self):
        approver = make_user("aprobador.tres", self.participacion.approvers_group)
        approver.first_name, approver.last_name = "Ana", "Aprobadora"
        approver.save()
        state = start_review(self.indicator, self.editor_educacion)
        state.current_task_state.approve(user=self.reviewer_educacion)
        state.refresh_from_db()
        state.current_task_state.reject(user=approver, comment="La meta no coincide con el plan")
        url = reverse("wagtailsnippets_rendicion_indicator:edit", args=(quote(self.indicator.pk),))
        self.login(self.editor_educacion)
        response = self.client.get(url)
        self.assertContains(response, "data-rejection-banner")
        self.assertContains(response, "Ana Aprobadora")
        self.assertContains(response, "La meta no coincide con el plan")
        self.assertContains(response, "Aprobación de Participación Comunitaria")

    def test_no_banner_once_resubmitted(self):
        state = start_review(self.indicator, self.editor_educacion)
        state.current_task_state.reject(user=self.reviewer_educacion, comment="Corregir")
        state.refresh_from_db()
        state.resume(user=self.editor_educacion)
        url = reverse("wagtailsnippets_rendicion_indicator:edit", args=(quote(self.indicator.pk),))
        self.login(self.editor_educacion)
        self.assertNotContains(self.client.get(url), "data-rejection-banner")


class MainButtonOfASubmittedItemTests(LoginMixin, TestCase):
    """For the submitter, the editor's main button is not "Cancel workflow"."""

    @classmethod
    def setUpTestData(cls):
        build_roles(cls)

    def main_button(self, response):
        content = response.content.decode()
        footer = content[content.index('class="w-dropdown-button') :]
        return footer[: footer.index("</button>")]

    def test_page_submitter(self):
        page = EncounterFactory(parent=self.section_educacion, title="Encuentro con rectores")
        start_review(page, self.editor_educacion)
        self.login(self.editor_educacion)
        response = self.client.get(edit_url(page))
        self.assertContains(response, 'name="action-cancel-workflow"')
        self.assertNotIn("action-cancel-workflow", self.main_button(response))

    def test_snippet_submitter(self):
        start_review(self.indicator, self.editor_educacion)
        url = reverse("wagtailsnippets_rendicion_indicator:edit", args=(quote(self.indicator.pk),))
        self.login(self.editor_educacion)
        response = self.client.get(url)
        self.assertContains(response, 'name="action-cancel-workflow"')
        self.assertNotIn("action-cancel-workflow", self.main_button(response))
