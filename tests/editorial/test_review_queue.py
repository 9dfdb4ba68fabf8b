"""The reviewer's queue on the dashboard (rendicion/editorial/dashboard.py): type, department,
labelled step, visible Approve and Request-changes buttons, a Spanish confirmation after each
action, and only what the scope rule lets the reviewer reach."""

from django.contrib.admin.utils import quote
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from wagtail.admin.utils import get_latest_str

from tests.factories import CommitmentFactory, EncounterFactory
from tests.workflow_helpers import LoginMixin, build_roles


def es(message, context=None):
    with translation.override("es"):
        if context:
            return translation.pgettext(context, message)
        return translation.gettext(message)


def start_review(obj, user):
    obj.save_revision(user=user)
    return obj.get_workflow().start(obj, user)


def step_label(step, task):
    return es("Step %(step)s of %(steps)s: %(task)s", "editorial status") % {
        "step": step,
        "steps": 2,
        "task": task,
    }


class ReviewQueueTests(LoginMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        build_roles(cls)
        cls.page = EncounterFactory(parent=cls.section_educacion, title="Encuentro con rectores")
        start_review(cls.page, cls.editor_educacion)
        cls.indicator_state = start_review(cls.indicator, cls.editor_educacion)
        cls.salud_commitment = CommitmentFactory(department=cls.salud, text="Vacunar en Rozo")
        start_review(cls.salud_commitment, cls.editor_salud)

    def dashboard(self, user):
        self.login(user)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertEqual(response.status_code, 200)
        return response

    def test_the_queue_names_type_department_and_step_with_visible_buttons(self):
        response = self.dashboard(self.reviewer_educacion)
        self.assertContains(response, es("Pending review", "editorial"))
        self.assertContains(response, "Encuentro con rectores")
        self.assertContains(response, self.indicator.name)
        self.assertContains(response, es("Page", "item type"))
        self.assertContains(response, es("Indicator", "item type"))
        self.assertContains(response, "Secretaría de Educación")
        self.assertContains(response, step_label(1, "Revisión de la dependencia"), count=2)
        approve = reverse(
            "wagtailadmin_pages:workflow_action",
            args=(self.page.pk, "approve", self.page.current_workflow_task_state.pk),
        )
        reject = reverse(
            "wagtailadmin_pages:workflow_action",
            args=(self.page.pk, "reject", self.page.current_workflow_task_state.pk),
        )
        content = response.content.decode()
        self.assertIn(f'class="button button-small" data-workflow-action-url="{approve}"', content)
        self.assertIn(f'data-workflow-action-url="{reject}" data-launch-modal', content)

    def test_nobody_sees_another_departments_items(self):
        response = self.dashboard(self.reviewer_educacion)
        self.assertNotContains(response, "Vacunar en Rozo")
        response = self.dashboard(self.reviewer_salud)
        self.assertContains(response, "Vacunar en Rozo")
        self.assertContains(response, es("Commitment", "item type"))
        self.assertNotContains(response, "Encuentro con rectores")

    def test_approving_and_requesting_changes_are_confirmed_in_spanish(self):
        self.login(self.reviewer_educacion)
        task_state = self.page.current_workflow_task_state
        url = reverse(
            "wagtailadmin_pages:workflow_action", args=(self.page.pk, "approve", task_state.pk)
        )
        response = self.client.post(url, {"next": reverse("wagtailadmin_home")}, follow=True)
        self.assertContains(
            response,
            es("«%(title)s» approved at «%(task)s»: it goes on to the next step.")
            % {"title": "Encuentro con rectores", "task": "Revisión de la dependencia"},
        )
        # The approver now sees step 2, labelled.
        response = self.dashboard(self.approver)
        self.assertContains(response, step_label(2, "Aprobación de Participación Comunitaria"))

        self.login(self.reviewer_educacion)
        task_state = self.indicator_state.current_task_state
        url = reverse(
            "wagtailsnippets_rendicion_indicator:workflow_action",
            args=(quote(self.indicator.pk), "reject", task_state.pk),
        )
        response = self.client.post(
            url, {"comment": "Falta la fuente", "next": reverse("wagtailadmin_home")}, follow=True
        )
        self.assertContains(
            response,
            es("Changes requested for «%(title)s»: its author gets your comment.")
            % {"title": get_latest_str(self.indicator)},
        )

    def test_the_authors_panel_says_where_changes_were_requested(self):
        self.indicator_state.current_task_state.reject(
            user=self.reviewer_educacion, comment="Falta la fuente"
        )
        response = self.dashboard(self.editor_educacion)
        with translation.override("es"):
            expected = translation.pgettext("editorial", "Changes requested at «%(task)s»") % {
                "task": "Revisión de la dependencia"
            }
        self.assertContains(response, expected)
        self.assertNotContains(response, " el Revisión de la dependencia")
