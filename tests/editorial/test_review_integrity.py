"""What goes live is exactly what both workflow steps approved (docs/workflow.md).

The security test found a review bypass: after step 1 approved draft B, the editor reverted
to an unreviewed draft A through the admin API, and step 2's approval published A. These
tests change an item in review by every path that writes a revision, as each person
involved, at each step, then finish the review and check what went live.
"""

import json

from django.contrib.admin.utils import quote
from django.test import TestCase
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from importer.apply import PlanHasErrorsError, apply_plan
from importer.plan import build_plan
from rendicion.models import DialogueEncounterPage, Indicator
from tests.factories import EncounterFactory
from tests.spreadsheets import HEADER, csv_bytes, row
from tests.workflow_helpers import (
    LoginMixin,
    build_roles,
    edit_url,
    encounter_form_data,
    indicator_form_data,
)

STEP_1, STEP_2 = "Revisión de la dependencia", "Aprobación de Participación Comunitaria"
REVIEWED = "Contenido revisado por la dependencia"


def api_revert_url(page):
    return f"/admin/api/main/pages/{page.pk}/action/revert_to_page_revision/"


class ReviewIntegrityMixin(LoginMixin):
    @classmethod
    def setUpTestData(cls):
        build_roles(cls)

    def approve_current_step(self, obj, url_for_action):
        state = obj.current_workflow_state
        task_state = state.current_task_state
        approver = self.reviewer_educacion if task_state.task.name == STEP_1 else self.approver
        self.login(approver)
        response = self.client.post(url_for_action(obj, task_state), {"comment": ""})
        self.assertIn(response.status_code, (200, 302))

    def finish_review(self, obj, url_for_action, reload):
        """Approve each step as its reviewers would until the workflow ends (a step that
        must approve a newer revision again comes round again)."""
        for _round in range(6):
            obj = reload(obj)
            if obj.current_workflow_state is None:
                return obj
            self.approve_current_step(obj, url_for_action)
        self.fail("the review never ended")

    def assert_live_is_what_both_steps_approved(self, obj):
        self.assertTrue(obj.live)
        approved = {
            task_state.task.name: task_state.revision_id
            for task_state in TaskState.objects.filter(
                workflow_state__object_id=str(obj.pk),
                workflow_state__base_content_type=obj.get_base_content_type(),
                status=TaskState.STATUS_APPROVED,
            ).order_by("finished_at", "pk")
        }
        self.assertEqual(approved[STEP_1], obj.live_revision_id)
        self.assertEqual(approved[STEP_2], obj.live_revision_id)
        return obj.live_revision.as_object()


class PageReviewIntegrityTests(ReviewIntegrityMixin, TestCase):
    def encounter_in_review(self, slug, step):
        """An encounter whose editor saved draft A, then draft B, and submitted B; at step 2
        once the department's reviewer approved B."""
        page = EncounterFactory(
            parent=self.section_educacion,
            department=self.educacion,
            title="Encuentro en revisión",
            slug=slug,
            summary="Borrador A: nunca revisado",
            live=False,
        )
        self.draft_a = page.save_revision(user=self.editor_educacion)
        page.summary = REVIEWED
        page.save_revision(user=self.editor_educacion)
        page.get_workflow().start(page, self.editor_educacion)
        if step == 2:
            self.approve_current_step(page, self.workflow_action_url)
            page.refresh_from_db()
            self.assertEqual(page.current_workflow_task.name, STEP_2)
        return DialogueEncounterPage.objects.get(pk=page.pk)

    @staticmethod
    def workflow_action_url(page, task_state):
        return reverse(
            "wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)
        )

    @staticmethod
    def reload(page):
        return DialogueEncounterPage.objects.get(pk=page.pk)

    def finish(self, page):
        return self.finish_review(page, self.workflow_action_url, self.reload)

    # --- finding 1, as reported ---

    def test_reverting_to_an_unreviewed_draft_through_the_admin_api_is_refused(self):
        page = self.encounter_in_review("encuentro-finding-1", step=2)
        self.login(self.editor_educacion)
        response = self.client.post(
            api_revert_url(page),
            json.dumps({"revision_id": self.draft_a.pk}),
            content_type="application/json",
        )
        self.assertEqual(response.status_code, 403)
        page = self.reload(page)
        self.assertEqual(page.get_latest_revision_as_object().summary, REVIEWED)

        live = self.assert_live_is_what_both_steps_approved(self.finish(page))
        self.assertEqual(live.summary, REVIEWED)
        self.assertEqual(self.reload(page).summary, REVIEWED)

    def test_an_unreviewed_revision_slipped_in_is_never_published(self):
        """Defence in depth: even if a revision got past the lock (written straight to the
        database), the last step's approval sends it back to step 1 instead of publishing
        content step 1 never saw."""
        page = self.encounter_in_review("encuentro-deslizado", step=2)
        page.summary = "Escrito directamente, sin revisión"
        revision = page.save_revision(user=self.approver)  # allowed to write at step 2
        self.assertTrue(revision.pk)
        self.approve_current_step(page, self.workflow_action_url)
        page = self.reload(page)
        self.assertFalse(page.live)
        self.assertEqual(page.current_workflow_task.name, STEP_1)
        live = self.assert_live_is_what_both_steps_approved(self.finish(page))
        self.assertEqual(live.summary, "Escrito directamente, sin revisión")

    # --- every path, every person, both steps ---

    def paths(self):
        def edit(page, marker):
            return self.client.post(
                edit_url(page), encounter_form_data(self.educacion, summary=marker, slug=page.slug)
            )

        def autosave(page, marker):
            return self.client.post(
                edit_url(page),
                encounter_form_data(self.educacion, summary=marker, slug=page.slug),
                HTTP_ACCEPT="application/json",
            )

        def revert_in_history(page, marker):
            url = reverse("wagtailadmin_pages:revisions_revert", args=(page.pk, self.draft_a.pk))
            return self.client.post(
                url, encounter_form_data(self.educacion, summary=marker, slug=page.slug)
            )

        def revert_through_api(page, marker):
            return self.client.post(
                api_revert_url(page),
                json.dumps({"revision_id": self.draft_a.pk}),
                content_type="application/json",
            )

        def move(page, marker):
            url = reverse("wagtailadmin_pages:move_confirm", args=(page.pk, self.section_salud.pk))
            return self.client.post(url)

        return {
            "edit": edit,
            "autosave": autosave,
            "revert_in_history": revert_in_history,
            "revert_through_api": revert_through_api,
            "move": move,
        }

    def test_every_change_during_review_goes_live_only_if_both_steps_approved_it(self):
        people = {
            "editor": self.editor_educacion,
            "reviewer": self.reviewer_educacion,
            "approver": self.approver,
        }
        for step in (1, 2):
            for who, user in people.items():
                for path_name, change in self.paths().items():
                    with self.subTest(step=step, who=who, path=path_name):
                        slug = f"encuentro-{step}-{who}-{path_name}".replace("_", "-")
                        page = self.encounter_in_review(slug, step)
                        marker = f"Cambio {path_name} de {who} en el paso {step}"
                        self.login(user)
                        change(page, marker)
                        page = self.reload(page)
                        self.assertEqual(page.get_parent().pk, self.section_educacion.pk)
                        latest = page.get_latest_revision_as_object().summary
                        # Only a step's own reviewers may correct (or revert) the item at
                        # that step; whatever they leave, both steps then approve.
                        may_correct = (step, who) in {(1, "reviewer"), (2, "approver")}
                        if not may_correct:
                            self.assertEqual(latest, REVIEWED)
                        live = self.assert_live_is_what_both_steps_approved(self.finish(page))
                        self.assertEqual(live.summary, latest)
                        self.assertEqual(self.reload(page).summary, latest)


class IndicatorReviewIntegrityTests(ReviewIntegrityMixin, TestCase):
    def indicator_in_review(self, step):
        indicator = self.indicator
        indicator.target_value = 1100
        self.draft_a = indicator.save_revision(user=self.editor_educacion)
        indicator.refresh_from_db()
        indicator.target_value = 1200
        indicator.save_revision(user=self.editor_educacion)
        indicator.refresh_from_db()
        indicator.get_workflow().start(indicator, self.editor_educacion)
        if step == 2:
            self.approve_current_step(indicator, self.workflow_action_url)
        return self.reload(indicator)

    @staticmethod
    def workflow_action_url(indicator, task_state):
        return reverse(
            "wagtailsnippets_rendicion_indicator:workflow_action",
            args=(quote(indicator.pk), "approve", task_state.pk),
        )

    @staticmethod
    def reload(indicator):
        return Indicator.objects.get(pk=indicator.pk)

    def latest_target(self, indicator):
        return self.reload(indicator).get_latest_revision_as_object().target_value

    def test_revert_edit_and_import_of_an_indicator_in_review_are_refused(self):
        for step in (1, 2):
            with self.subTest(step=step):
                indicator = self.indicator_in_review(step)
                self.login(self.editor_educacion)
                revert = reverse(
                    "wagtailsnippets_rendicion_indicator:revisions_revert",
                    args=(quote(indicator.pk), self.draft_a.pk),
                )
                measurements = list(indicator.measurements.all())
                self.client.post(revert, indicator_form_data(indicator, measurements))
                edit = reverse(
                    "wagtailsnippets_rendicion_indicator:edit", args=(quote(indicator.pk),)
                )
                self.client.post(
                    edit, indicator_form_data(indicator, measurements, target_value="9999")
                )
                self.assertEqual(self.latest_target(indicator), 1200)

                matrix = csv_bytes([HEADER, row(code=indicator.code, Meta="5000")])
                plan = build_plan(matrix, "matriz.csv", update=True)
                self.assertEqual([problem.code for problem in plan.errors], ["in_review"])
                with self.assertRaises(PlanHasErrorsError):
                    apply_plan(plan, self.editor_educacion)
                self.assertEqual(self.latest_target(indicator), 1200)

                indicator = self.finish_review(indicator, self.workflow_action_url, self.reload)
                self.assert_live_is_what_both_steps_approved(indicator)
                self.assertEqual(indicator.target_value, 1200)
                self.assertIsNone(
                    WorkflowState.objects.active().filter(object_id=str(indicator.pk)).first()
                )
