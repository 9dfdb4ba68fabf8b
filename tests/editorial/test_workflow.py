"""The editorial workflow, driven through Wagtail's admin with the test client.

Departments draft, their reviewers approve, Participación Comunitaria approves, and only
then is anything public. See docs/workflow.md.
"""

from decimal import Decimal

from django.contrib.admin.utils import quote
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from wagtail.models import (
    GroupPagePermission,
    ModelLogEntry,
    Page,
    PageLogEntry,
    PageViewRestriction,
    Revision,
    TaskState,
    WorkflowState,
)

from rendicion.models import Commitment, DialogueEncounterPage, Indicator
from tests.factories import CommitmentFactory, EncounterFactory, IndicatorFactory
from tests.workflow_helpers import (
    LoginMixin,
    aware,
    build_roles,
    edit_url,
    encounter_form_data,
    indicator_form_data,
    make_user,
)

NEW_ENCOUNTER_TITLE = "Encuentro con rectores rurales"


def add_url(section):
    return reverse(
        "wagtailadmin_pages:add", args=("rendicion", "dialogueencounterpage", section.pk)
    )


def workflow_action_url(page, action):
    task_state = page.current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))


def assert_refused(test, response):
    """Wagtail's admin answers a refused action with 404, or by sending the user back to the
    dashboard with "Sorry, you do not have permission to access this area." (403 over AJAX)."""
    if response.status_code == 302:
        test.assertEqual(response["Location"], reverse("wagtailadmin_home"))
    else:
        test.assertIn(response.status_code, (403, 404))


def admin_text(message, context=None):
    """``message`` as the (Spanish) admin shows it, whether or not it is translated yet."""
    with translation.override("es"):
        if context:
            return translation.pgettext(context, message)
        return translation.gettext(message)


def page_actions(page):
    return list(
        PageLogEntry.objects.filter(page=page)
        .order_by("timestamp", "pk")
        .values_list("action", "user__username")
    )


class EncounterWorkflowTests(LoginMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        build_roles(cls)

    # --- helpers ---

    def draft_encounter(self, user=None, **overrides):
        """Create the encounter through the admin as ``user`` (saved as a draft)."""
        user = user or self.editor_educacion
        self.login(user)
        response = self.client.post(
            add_url(self.section_educacion), encounter_form_data(self.educacion, **overrides)
        )
        self.assertEqual(response.status_code, 302, getattr(response, "context", None))
        return DialogueEncounterPage.objects.get(slug="encuentro-con-rectores-rurales")

    def submit(self, page, user=None, **overrides):
        user = user or self.editor_educacion
        self.login(user)
        response = self.client.post(
            edit_url(page),
            encounter_form_data(self.educacion, **{"action-submit": "1", **overrides}),
        )
        self.assertEqual(response.status_code, 302)
        page.refresh_from_db()
        return page

    def act(self, page, user, action, comment=""):
        self.login(user)
        return self.client.post(workflow_action_url(page, action), {"comment": comment})

    def approve(self, page, user):
        response = self.act(page, user, "approve")
        self.assertEqual(response.status_code, 302)
        page.refresh_from_db()
        return page

    # --- the whole path ---

    def test_draft_submit_review_approve_publish(self):
        # The Educación editor drafts the encounter and has no way to publish it.
        self.login(self.editor_educacion)
        form = self.client.get(add_url(self.section_educacion))
        self.assertEqual(form.status_code, 200)
        self.assertNotContains(form, 'name="action-publish"')
        self.assertContains(form, 'name="action-submit"')

        page = self.draft_encounter(**{"action-publish": "1"})
        self.assertFalse(page.live)
        self.assertFalse(PageLogEntry.objects.filter(page=page, action="wagtail.publish").exists())

        mail.outbox.clear()
        page = self.submit(page)
        self.assertFalse(page.live)
        self.assertEqual(page.current_workflow_task.name, "Revisión de la dependencia")
        # The department's reviewers are told, nobody else (not the author, not Salud).
        self.assertEqual(
            sorted(address for message in mail.outbox for address in message.to),
            ["revisor.educacion@example.org"],
        )
        self.assertIn(NEW_ENCOUNTER_TITLE, mail.outbox[0].subject)

        # Nobody outside the workflow sees the draft.
        self.assertEqual(self.client.get(page.url).status_code, 404)  # (logged-in editor)
        self.client.logout()
        self.assertEqual(self.client.get("/rendicion-de-cuentas-2021/educacion/").status_code, 200)
        self.assertEqual(self.client.get(page.url).status_code, 404)
        self.assert_no_access_for(page, user=None)
        self.assert_no_access_for(page, user=self.editor_salud)

        # The author cannot approve their own submission.
        assert_refused(self, self.act(page, self.editor_educacion, "approve"))

        # The Educación reviewer finds it on the dashboard, previews it and approves it.
        self.login(self.reviewer_educacion)
        self.assertContains(self.client.get(reverse("wagtailadmin_home")), NEW_ENCOUNTER_TITLE)
        preview = self.client.get(
            reverse(
                "wagtailadmin_pages:workflow_preview", args=(page.pk, page.current_workflow_task.pk)
            )
        )
        self.assertContains(preview, NEW_ENCOUNTER_TITLE)
        mail.outbox.clear()
        page = self.approve(page, self.reviewer_educacion)
        self.assertFalse(page.live)
        self.assertEqual(page.current_workflow_task.name, "Aprobación de Participación Comunitaria")
        self.assertEqual(
            sorted(address for message in mail.outbox for address in message.to),
            ["aprobador.participacion@example.org", "aprobadora2.participacion@example.org"],
        )
        # A department reviewer cannot also give the final approval.
        assert_refused(self, self.act(page, self.reviewer_educacion, "approve"))

        # Participación Comunitaria approves: the page is published.
        self.login(self.approver)
        self.assertContains(self.client.get(reverse("wagtailadmin_home")), NEW_ENCOUNTER_TITLE)
        mail.outbox.clear()
        page = self.approve(page, self.approver)
        self.assertTrue(page.live)
        self.assertEqual(page.current_workflow_state, None)
        self.client.logout()
        self.assertContains(self.client.get(page.url), NEW_ENCOUNTER_TITLE)
        # The author hears that it was approved.
        self.assertEqual([m.to for m in mail.outbox], [["editor.educacion@example.org"]])

        # The audit log has one entry per step, each with who did it.
        self.assertEqual(
            [entry for entry in page_actions(page) if entry[0] != "wagtail.edit"],
            [
                ("wagtail.create", "editor.educacion"),
                ("wagtail.workflow.start", "editor.educacion"),
                ("wagtail.workflow.approve", "revisor.educacion"),
                ("wagtail.workflow.approve", "aprobador.participacion"),
                ("wagtail.publish", "aprobador.participacion"),
            ],
        )

    def assert_no_access_for(self, page, user):
        """``user`` (None: anonymous) can neither open, preview nor act on the draft."""
        self.client.logout()
        if user is not None:
            self.login(user)
        task = page.current_workflow_task
        urls = [
            edit_url(page),
            reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,)),
            reverse("wagtailadmin_pages:view_draft", args=(page.pk,)),
            reverse("wagtailadmin_pages:history", args=(page.pk,)),
            reverse("wagtailadmin_pages:revisions_compare", args=(page.pk, "live", "latest")),
            reverse("wagtailadmin_pages:workflow_history", args=(page.pk,)),
            reverse("wagtailadmin_pages:workflow_preview", args=(page.pk, task.pk)),
        ]
        for url in urls:
            with self.subTest(user=str(user), url=url):
                response = self.client.get(url)
                if user is None:
                    # The admin sends anonymous visitors to its login page, whatever the page.
                    self.assertRedirects(
                        response,
                        f"{reverse('wagtailadmin_login')}?next={url}",
                        fetch_redirect_response=False,
                    )
                else:
                    assert_refused(self, response)
                    self.assertNotIn(NEW_ENCOUNTER_TITLE, response.content.decode())
        for action in ("approve", "reject"):
            with self.subTest(user=str(user), action=action):
                self.client.post(workflow_action_url(page, action), {"comment": "x"})
                page.refresh_from_db()
                self.assertEqual(page.current_workflow_task.name, task.name)
                self.assertEqual(
                    page.current_workflow_task_state.status, TaskState.STATUS_IN_PROGRESS
                )
        self.client.logout()

    # --- rejection ---

    def test_rejection_returns_the_page_to_its_author_with_the_comment(self):
        page = self.submit(self.draft_encounter())
        # Requesting changes without saying which is refused.
        self.act(page, self.reviewer_educacion, "reject", comment="")
        page.refresh_from_db()
        self.assertEqual(page.current_workflow_state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.login(self.reviewer_educacion)
        modal = self.client.post(
            workflow_action_url(page, "reject"),
            {"comment": ""},
            headers={"x-requested-with": "XMLHttpRequest"},
        )
        self.assertEqual(modal.status_code, 200)
        self.assertIn(admin_text("Tell the author what to change."), modal.json()["html"])

        mail.outbox.clear()
        comment = "Falta la lista de asistentes por grupo de interés."
        response = self.act(page, self.reviewer_educacion, "reject", comment)
        self.assertEqual(response.status_code, 302)
        page.refresh_from_db()

        self.assertFalse(page.live)
        self.assertEqual(page.current_workflow_state.status, WorkflowState.STATUS_NEEDS_CHANGES)
        self.assertEqual(page.current_workflow_state.current_task_state.comment, comment)
        self.assertEqual([m.to for m in mail.outbox], [["editor.educacion@example.org"]])
        self.assertIn(comment, mail.outbox[0].body)
        self.assertIn(("wagtail.workflow.reject", "revisor.educacion"), page_actions(page))

        # The author sees the comment in the editor, fixes the page and resubmits it.
        self.login(self.editor_educacion)
        self.assertContains(self.client.get(edit_url(page)), comment)
        page = self.submit(page, attendance_total="34")
        self.assertEqual(page.current_workflow_state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertEqual(page.current_workflow_task.name, "Revisión de la dependencia")
        self.assertEqual(page.get_latest_revision_as_object().attendance_total, 34)
        page = self.approve(page, self.reviewer_educacion)
        page = self.approve(page, self.approver)
        self.assertTrue(page.live)
        self.assertEqual(page.attendance_total, 34)

    # --- self-approval ---

    def test_nobody_approves_their_own_submission(self):
        second_reviewer = make_user("revisora2.educacion", self.educacion.reviewers_group)
        page = self.submit(self.draft_encounter(self.reviewer_educacion), self.reviewer_educacion)

        self.login(self.reviewer_educacion)
        editor = self.client.get(edit_url(page))
        self.assertEqual(editor.status_code, 200)
        self.assertNotContains(editor, 'data-workflow-action-name="approve"')
        self.assertNotContains(
            self.client.get(reverse("wagtailadmin_home")),
            admin_text("Pending review", context="editorial"),
        )
        for action in ("approve", "reject"):
            assert_refused(self, self.act(page, self.reviewer_educacion, action))
        # Nor through the edit form's "approve while editing".
        self.login(self.reviewer_educacion)
        self.client.post(
            edit_url(page),
            encounter_form_data(
                self.educacion,
                **{"action-workflow-action": "1", "workflow-action-name": "approve"},
            ),
        )
        page.refresh_from_db()
        self.assertEqual(page.current_workflow_task.name, "Revisión de la dependencia")

        # Another reviewer of the department can.
        self.login(second_reviewer)
        self.assertContains(
            self.client.get(reverse("wagtailadmin_home")),
            admin_text("Pending review", context="editorial"),
        )
        self.assertContains(self.client.get(edit_url(page)), 'data-workflow-action-name="approve"')
        page = self.approve(page, second_reviewer)
        self.assertEqual(page.current_workflow_task.name, "Aprobación de Participación Comunitaria")

    def test_an_approver_cannot_approve_what_they_submitted(self):
        # A superuser is not exempt either: the second step needs another approver.
        admin = make_user("admin", superuser=True)
        admin.groups.add(self.participacion.approvers_group)
        page = self.submit(self.draft_encounter(admin), admin)
        page = self.approve(page, self.reviewer_educacion)
        assert_refused(self, self.act(page, admin, "approve"))
        page = self.approve(page, self.approver)
        self.assertTrue(page.live)

    def test_a_task_state_of_another_department_cannot_be_acted_on_through_ones_own_page(self):
        # Wagtail's workflow action URL names a page and a task state separately.
        salud_page = EncounterFactory(
            parent=self.section_salud,
            title="Encuentro de Salud",
            department=self.salud,
            live=False,
        )
        salud_page.get_workflow().start(salud_page, self.editor_salud)
        own_page = self.submit(self.draft_encounter())
        url = reverse(
            "wagtailadmin_pages:workflow_action",
            args=(own_page.pk, "approve", salud_page.current_workflow_task_state.pk),
        )
        self.login(self.reviewer_educacion)
        assert_refused(self, self.client.post(url))
        salud_page.refresh_from_db()
        self.assertEqual(salud_page.current_workflow_task.name, "Revisión de la dependencia")

    # --- scoping ---

    def test_other_departments_cannot_list_the_draft(self):
        page = self.submit(self.draft_encounter())
        self.login(self.editor_salud)
        listings = {
            "explorer (cycle)": reverse("wagtailadmin_explore", args=(self.cycle.pk,)),
            "explorer (section)": reverse(
                "wagtailadmin_explore", args=(self.section_educacion.pk,)
            ),
            "page search": reverse("wagtailadmin_pages:search") + "?q=rectores",
            "explorer search": reverse("wagtailadmin_explore", args=(self.cycle.pk,))
            + "?q=rectores&search_all=1",
            "page chooser": reverse(
                "wagtailadmin_choose_page_child", args=(self.section_educacion.pk,)
            ),
            "page chooser search": reverse("wagtailadmin_choose_page_search") + "?q=rectores",
            "admin API": reverse("wagtailadmin_api:pages:listing")
            + f"?child_of={self.section_educacion.pk}&for_explorer=1",
            "admin API search": reverse("wagtailadmin_api:pages:listing") + "?search=rectores",
            "dashboard": reverse("wagtailadmin_home"),
            "workflow report": reverse("wagtailadmin_reports:workflow"),
            "workflow tasks report": reverse("wagtailadmin_reports:workflow_tasks"),
            "site history": reverse("wagtailadmin_reports:site_history"),
            "locked pages": reverse("wagtailadmin_reports:locked_pages"),
            "aging pages": reverse("wagtailadmin_reports:aging_pages"),
        }
        for name, url in listings.items():
            with self.subTest(name):
                response = self.client.get(url)
                self.assertFalse(NEW_ENCOUNTER_TITLE in response.content.decode(), name)
        # Their own section is listed, with their own work.
        response = self.client.get(reverse("wagtailadmin_explore", args=(self.section_salud.pk,)))
        self.assertEqual(response.status_code, 200)
        # The Educación editor lists it.
        self.login(self.editor_educacion)
        response = self.client.get(
            reverse("wagtailadmin_explore", args=(self.section_educacion.pk,))
        )
        self.assertContains(response, NEW_ENCOUNTER_TITLE)
        self.assertEqual(page.get_parent().pk, self.section_educacion.pk)

    def test_editors_cannot_create_pages_in_another_section(self):
        self.login(self.editor_salud)
        assert_refused(self, self.client.get(add_url(self.section_educacion)))
        response = self.client.post(
            add_url(self.section_educacion), encounter_form_data(self.educacion)
        )
        assert_refused(self, response)
        self.assertFalse(DialogueEncounterPage.objects.filter(title=NEW_ENCOUNTER_TITLE).exists())

    def test_cycle_level_pages_are_reviewed_by_the_coordinating_department(self):
        participacion_editor = make_user("editor.participacion", self.participacion.editors_group)
        participacion_reviewer = make_user(
            "revisor.participacion", self.participacion.reviewers_group
        )
        self.login(participacion_editor)
        url = reverse("wagtailadmin_pages:add", args=("rendicion", "reportpage", self.cycle.pk))
        self.assertEqual(self.client.get(url).status_code, 200)
        self.login(self.editor_educacion)
        assert_refused(self, self.client.get(url))

        hearing = EncounterFactory(
            parent=self.cycle, title="Gobierno al barrio", modality="neighbourhood", live=False
        )
        mail.outbox.clear()
        hearing.get_workflow().start(hearing, participacion_editor)
        self.assertEqual([m.to for m in mail.outbox], [["revisor.participacion@example.org"]])
        task = hearing.current_workflow_task.specific
        self.assertTrue(task.user_can_access_editor(hearing, participacion_reviewer))
        self.assertFalse(task.user_can_access_editor(hearing, self.reviewer_educacion))

    # --- the publish gap ---

    def test_publish_permission_outside_the_workflow_is_ignored(self):
        """A user put in a group with Wagtail's "publish" page permission (like the stock
        Moderators group) still cannot publish, unpublish or change privacy."""
        moderators = Group.objects.create(name="Moderators")
        for codename in ("add_page", "change_page", "publish_page", "unlock_page"):
            GroupPagePermission.objects.create(
                group=moderators, page=Page.get_first_root_node(), permission_type=codename[:-5]
            )
        moderators.permissions.add(*self.educacion.editors_group.permissions.all())
        moderator = make_user("moderadora", moderators)
        live_page = EncounterFactory(
            parent=self.section_educacion, title="Encuentro publicado", department=self.educacion
        )
        draft = self.draft_encounter()

        self.login(moderator)
        self.assertNotContains(self.client.get(edit_url(draft)), 'name="action-publish"')
        self.client.post(
            edit_url(draft), encounter_form_data(self.educacion, **{"action-publish": "1"})
        )
        draft.refresh_from_db()
        self.assertFalse(draft.live)

        for url in (
            reverse("wagtailadmin_pages:unpublish", args=(live_page.pk,)),
            reverse("wagtailadmin_pages:set_privacy", args=(live_page.pk,)),
        ):
            with self.subTest(url=url):
                assert_refused(self, self.client.get(url))
                assert_refused(self, self.client.post(url, {"restriction_type": "login"}))
        live_page.refresh_from_db()
        self.assertTrue(live_page.live)
        self.assertFalse(PageViewRestriction.objects.filter(page=live_page).exists())

        bulk_publish = (
            reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
            + f"?id={draft.pk}"
        )
        self.client.post(bulk_publish)
        draft.refresh_from_db()
        self.assertFalse(draft.live)

    def test_portal_administrators_publish_directly(self):
        from rendicion.editorial.roles import Report, administrators_group

        administrator = make_user("administradora", administrators_group(Report()))
        draft = self.draft_encounter()
        self.login(administrator)
        self.assertContains(self.client.get(edit_url(draft)), 'name="action-publish"')
        self.client.post(
            edit_url(draft), encounter_form_data(self.educacion, **{"action-publish": "1"})
        )
        draft.refresh_from_db()
        self.assertTrue(draft.live)
        self.assertIn(("wagtail.publish", "administradora"), page_actions(draft))

    # --- scheduling and revisions ---

    def test_scheduled_go_live_and_expiry_after_approval(self):
        page = self.submit(
            self.draft_encounter(),
            go_live_at="2099-03-01 08:00",
            expire_at="2099-06-30 18:00",
        )
        page = self.approve(page, self.reviewer_educacion)
        page = self.approve(page, self.approver)
        # Approved, but waiting for its go-live date.
        self.assertFalse(page.live)
        revision = Revision.page_revisions.get(
            object_id=str(page.pk), approved_go_live_at__isnull=False
        )
        self.assertEqual(revision.approved_go_live_at, aware(2099, 3, 1, 8, 0))
        self.assertIn(("wagtail.publish.schedule", "aprobador.participacion"), page_actions(page))
        call_command("publish_scheduled")
        page.refresh_from_db()
        self.assertFalse(page.live)

        # The date arrives (moved back rather than waited for).
        revision.approved_go_live_at = aware(2021, 3, 1, 8, 0)
        revision.content["go_live_at"] = revision.approved_go_live_at.isoformat()
        # Time travel for the test only: an approved revision is otherwise never rewritten.
        type(revision).objects.filter(pk=revision.pk).update(
            approved_go_live_at=revision.approved_go_live_at, content=revision.content
        )
        call_command("publish_scheduled")
        page.refresh_from_db()
        self.assertTrue(page.live)
        self.assertEqual(self.client.get(page.url).status_code, 200)

        # And its expiry date.
        DialogueEncounterPage.objects.filter(pk=page.pk).update(expire_at=aware(2021, 6, 30, 18, 0))
        call_command("publish_scheduled")
        page.refresh_from_db()
        self.assertFalse(page.live)
        self.assertTrue(page.expired)

    def test_revisions_can_be_compared_by_the_department_and_the_reviewers(self):
        page = self.draft_encounter()
        page = self.submit(page, summary="Diálogo con los rectores y las juntas de padres.")
        compare = reverse(
            "wagtailadmin_pages:revisions_compare",
            args=(page.pk, "earliest", "latest"),
        )
        self.login(self.reviewer_educacion)
        response = self.client.get(compare)
        self.assertContains(response, "juntas de padres")
        self.login(self.editor_salud)
        assert_refused(self, self.client.get(compare))


class IndicatorWorkflowTests(LoginMixin, TestCase):
    """A changed measurement of an indicator follows the same path as a page."""

    @classmethod
    def setUpTestData(cls):
        build_roles(cls)

    def snippet_url(self, name, *args):
        return reverse(f"wagtailsnippets_rendicion_indicator:{name}", args=args)

    def public_page(self):
        return self.client.get(f"/indicadores/{self.indicator.code}/")

    def act(self, user, action, comment=""):
        self.indicator.refresh_from_db()
        task_state = self.indicator.current_workflow_task_state
        self.login(user)
        return self.client.post(
            self.snippet_url("workflow_action", quote(self.indicator.pk), action, task_state.pk),
            {"comment": comment},
        )

    def test_measurement_change_is_public_only_after_approval(self):
        edit = self.snippet_url("edit", quote(self.indicator.pk))
        measurement = self.indicator.measurements.get()
        measurement.value = Decimal(950)
        self.login(self.editor_educacion)
        editor = self.client.get(edit)
        self.assertEqual(editor.status_code, 200)
        self.assertNotContains(editor, 'name="action-publish"')

        # Saving with "publish" from a non-administrator only saves a draft.
        response = self.client.post(
            edit, indicator_form_data(self.indicator, [measurement], **{"action-publish": "1"})
        )
        self.assertEqual(response.status_code, 302)
        self.assertContains(self.public_page(), "800")
        self.assertNotContains(self.public_page(), "950")

        mail.outbox.clear()
        response = self.client.post(
            edit, indicator_form_data(self.indicator, [measurement], **{"action-submit": "1"})
        )
        self.assertEqual(response.status_code, 302)
        self.indicator.refresh_from_db()
        self.assertEqual(self.indicator.current_workflow_task.name, "Revisión de la dependencia")
        self.assertEqual([m.to for m in mail.outbox], [["revisor.educacion@example.org"]])
        # The live row, and so every public listing, still holds the approved value.
        self.assertEqual(self.indicator.measurements.get().value, Decimal(800))
        self.assertEqual(
            Indicator.objects.public().get(pk=self.indicator.pk).latest_measurement.value,
            Decimal(800),
        )

        # Salud cannot open, compare or act on it, nor see it listed.
        self.login(self.editor_salud)
        for url in (
            edit,
            self.snippet_url("history", quote(self.indicator.pk)),
            self.snippet_url("revisions_compare", quote(self.indicator.pk), "live", "latest"),
            self.snippet_url("workflow_history", quote(self.indicator.pk)),
        ):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)
        for name, url in {
            "listing": self.snippet_url("list"),
            "export": self.snippet_url("list") + "?export=csv",
            "workflow report": reverse("wagtailadmin_reports:workflow"),
            "workflow tasks report": reverse("wagtailadmin_reports:workflow_tasks"),
            "site history": reverse("wagtailadmin_reports:site_history"),
            "dashboard": reverse("wagtailadmin_home"),
        }.items():
            with self.subTest(name):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                content = (
                    b"".join(response.streaming_content) if response.streaming else response.content
                )
                self.assertFalse(self.indicator.name in content.decode(), name)
        # (while the department's own editors follow it in the reports)
        self.login(self.editor_educacion)
        self.assertContains(
            self.client.get(reverse("wagtailadmin_reports:site_history")), self.indicator.name
        )
        self.assertContains(
            self.client.get(reverse("wagtailadmin_reports:workflow")), self.indicator.name
        )
        self.assertEqual(self.act(self.editor_salud, "approve").status_code, 404)
        assert_refused(self, self.act(self.editor_educacion, "approve"))

        # Department review, then Participación Comunitaria.
        self.assertEqual(self.act(self.reviewer_educacion, "approve").status_code, 302)
        self.indicator.refresh_from_db()
        self.assertEqual(
            self.indicator.current_workflow_task.name, "Aprobación de Participación Comunitaria"
        )
        self.client.logout()
        self.assertNotContains(self.public_page(), "950")

        self.assertEqual(self.act(self.approver, "approve").status_code, 302)
        self.indicator.refresh_from_db()
        self.assertEqual(self.indicator.measurements.get().value, Decimal(950))
        self.client.logout()
        self.assertContains(self.public_page(), "950")

        actions = list(
            ModelLogEntry.objects.filter(object_id=str(self.indicator.pk))
            .order_by("timestamp", "pk")
            .values_list("action", "user__username")
        )
        self.assertEqual(
            [entry for entry in actions if entry[0] != "wagtail.edit"],
            [
                ("wagtail.workflow.start", "editor.educacion"),
                ("wagtail.workflow.approve", "revisor.educacion"),
                ("wagtail.workflow.approve", "aprobador.participacion"),
                ("wagtail.publish", "aprobador.participacion"),
            ],
        )

    def test_a_new_target_can_be_scheduled(self):
        edit = self.snippet_url("edit", quote(self.indicator.pk))
        self.login(self.editor_educacion)
        data = indicator_form_data(
            self.indicator,
            list(self.indicator.measurements.all()),
            target_value="1200",
            go_live_at="2099-01-01 00:00",
            **{"action-submit": "1"},
        )
        self.assertEqual(self.client.post(edit, data).status_code, 302)
        self.assertEqual(self.act(self.reviewer_educacion, "approve").status_code, 302)
        self.assertEqual(self.act(self.approver, "approve").status_code, 302)

        # Approved for later: the approved indicator stays public, unchanged, until then.
        self.indicator.refresh_from_db()
        self.assertTrue(self.indicator.live)
        self.assertEqual(self.indicator.target_value, Decimal(1050))
        self.client.logout()
        self.assertContains(self.public_page(), "1.050")
        revision = self.indicator.revisions.get(approved_go_live_at__isnull=False)
        self.assertEqual(revision.approved_go_live_at, aware(2099, 1, 1, 0, 0))

        revision.approved_go_live_at = aware(2021, 1, 1, 0, 0)
        revision.content["go_live_at"] = revision.approved_go_live_at.isoformat()
        # Time travel for the test only: an approved revision is otherwise never rewritten.
        type(revision).objects.filter(pk=revision.pk).update(
            approved_go_live_at=revision.approved_go_live_at, content=revision.content
        )
        call_command("publish_scheduled")
        self.indicator.refresh_from_db()
        self.assertEqual(self.indicator.target_value, Decimal(1200))
        self.client.logout()
        self.assertContains(self.public_page(), "1.200")

    def test_other_departments_new_indicators_are_not_offered(self):
        draft = IndicatorFactory(
            code="", name="Indicador nuevo de Educación", department=self.educacion, live=False
        )
        chooser = reverse("wagtailsnippetchoosers_rendicion_indicator:choose")
        new_report = reverse(
            "wagtailadmin_pages:add", args=("rendicion", "reportpage", self.section_salud.pk)
        )

        def text(response):
            self.assertEqual(response.status_code, 200)
            if response["Content-Type"].startswith("application/json"):
                return response.json()["html"]  # the chooser modal
            return response.content.decode()

        self.login(self.editor_salud)
        for url in (chooser, new_report):
            with self.subTest(url=url):
                html = text(self.client.get(url))
                self.assertNotIn(draft.name, html)
                # Approved indicators of every department can be chosen.
                self.assertIn(self.indicator.name, html)
        self.login(self.editor_educacion)
        self.assertIn(draft.name, text(self.client.get(chooser)))

    def test_department_choices_are_the_editors_own(self):
        self.login(self.editor_educacion)
        response = self.client.get(self.snippet_url("add"))
        choices = [
            choice.instance.pk if hasattr(choice, "instance") else choice
            for choice, _label in response.context["form"].fields["department"].choices
            if choice
        ]
        self.assertEqual([str(pk) for pk in choices], [str(self.educacion.pk)])
        measurement_data = indicator_form_data(
            self.indicator,
            [],
            code="",
            name="Indicador de Salud",
            slug="indicador-de-salud",
            department=self.salud.pk,
        )
        response = self.client.post(self.snippet_url("add"), measurement_data)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Indicator.objects.filter(name="Indicador de Salud").exists())


class CommitmentWorkflowTests(LoginMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        build_roles(cls)
        cls.commitment = CommitmentFactory(
            text="Instalar la mesa de bilingüismo", department=cls.educacion
        )

    def test_status_change_waits_for_approval(self):
        url = reverse("wagtailsnippets_rendicion_commitment:edit", args=(self.commitment.pk,))
        self.login(self.editor_educacion)
        data = {
            "text": self.commitment.text,
            "department": self.educacion.pk,
            "due_date": "2022-06-30",
            "status": Commitment.Status.FULFILLED,
            "origin_page": "",
            "evidence": "Mesa instalada el 3 de marzo.",
            "evidence_document": "",
            "go_live_at": "",
            "expire_at": "",
            "action-submit": "1",
        }
        self.assertEqual(self.client.post(url, data).status_code, 302)
        self.commitment.refresh_from_db()
        self.assertEqual(self.commitment.status, Commitment.Status.PENDING)

        for user in (self.reviewer_educacion, self.approver):
            task_state = self.commitment.current_workflow_task_state
            self.login(user)
            response = self.client.post(
                reverse(
                    "wagtailsnippets_rendicion_commitment:workflow_action",
                    args=(self.commitment.pk, "approve", task_state.pk),
                )
            )
            self.assertEqual(response.status_code, 302)
            self.commitment.refresh_from_db()
        self.assertEqual(self.commitment.status, Commitment.Status.FULFILLED)
        self.assertTrue(self.commitment.live)

        self.login(self.editor_salud)
        self.assertEqual(self.client.get(url).status_code, 404)
