"""What goes live is exactly what the workflow's steps approved (docs/workflow.md).

Three rules, each enforced at one point that every path goes through:

* **Reapproval on edit** (``WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT``): a step counts as
  approved only for the revision its task state carries; a later revision sends the item
  back through every step that has not approved *that* revision.
* **No revision while locked** (``refuse_locked_revision_writes``, a ``pre_save`` handler on
  Wagtail's ``Revision``): while an item is in review, a revision by a user the current step
  locks out — the editor who submitted it, another department, a script without a user — is
  refused, whichever path writes it (edit form, autosave, revert from the history or the
  admin API, snippet revert, the importer). A revision some step already approved is never
  rewritten in place (autosave overwrites its own last revision otherwise).
* **Publish the approved revision** (``publish_approved_revision``, the finish action): the
  revision the last step approved is published, after checking that every step approved that
  same revision and that nothing newer exists; never "the latest revision".

Imported by Wagtail while its models load (``WAGTAIL_FINISH_WORKFLOW_ACTION``): keep the
module-level imports free of Wagtail models.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import CharField
from django.db.models.functions import Cast
from django.utils.translation import gettext as _


class ModerationLocked(PermissionDenied):
    """A write refused because the item is in review (or locked) for this user."""


class WorkflowIntegrityError(PermissionDenied):
    """Final approval refused: the steps did not all approve the revision to publish."""


def _in_progress_state(revision):
    from wagtail.models import WorkflowState

    return (
        WorkflowState.objects.filter(
            base_content_type_id=revision.base_content_type_id,
            object_id=revision.object_id,
            status=WorkflowState.STATUS_IN_PROGRESS,
        )
        .select_related("current_task_state__task")
        .first()
    )


def _writes_content(instance, update_fields):
    return instance._state.adding or update_fields is None or "content" in update_fields


def refuse_locked_revision_writes(sender, instance, raw=False, update_fields=None, **kwargs):
    """``pre_save`` on ``Revision``: see the module docstring."""
    from wagtail.models import TaskState

    if raw or not _writes_content(instance, update_fields):
        return
    if not instance._state.adding and TaskState.objects.filter(revision_id=instance.pk).exists():
        raise ModerationLocked(
            _("This version was already sent for review and cannot be overwritten.")
        )
    obj = instance.content_object
    if obj is None:
        return
    lock = obj.get_lock() if hasattr(obj, "get_lock") else None
    user = instance.user
    if lock is not None and (user is None or lock.for_user(user)):
        raise ModerationLocked(_("It is locked while it is in review; it cannot be changed."))
    if lock is None and user is None and _in_progress_state(instance) is not None:
        raise ModerationLocked(_("It is locked while it is in review; it cannot be changed."))


def approve_corrections_made_in_step(task_state):
    """An approval covers the corrections made during the step.

    With reapproval on edit, a task state approves the revision it carries (the one its step
    started on). While the step is open only its own reviewers may write revisions
    (``refuse_locked_revision_writes``), and the editor shows the reviewer the latest one, so
    a revision written during the step is within the step's authority: the approval is moved
    to it. Anything written before the step started is covered only if the step started on it.
    """
    latest = task_state.workflow_state.content_object.get_latest_revision()
    if (
        latest is not None
        and latest.pk != task_state.revision_id
        and latest.created_at >= task_state.started_at
    ):
        task_state.revision = latest
        task_state.save(update_fields=["revision"])


def approved_revision(workflow_state):
    """The revision every step of ``workflow_state`` approved, or raise
    ``WorkflowIntegrityError``."""
    from wagtail.models import Task, TaskState

    revision = workflow_state.current_task_state.revision
    latest = workflow_state.content_object.get_latest_revision()
    if revision is None or latest is None or revision.pk != latest.pk:
        raise WorkflowIntegrityError(
            _("A newer version exists than the one approved: it must be reviewed again.")
        )
    steps = Task.objects.filter(workflow_tasks__workflow=workflow_state.workflow_id, active=True)
    approved_steps = TaskState.objects.filter(
        workflow_state=workflow_state, status=TaskState.STATUS_APPROVED, revision=revision
    ).values_list("task_id", flat=True)
    if set(steps.values_list("pk", flat=True)) - set(approved_steps):
        raise WorkflowIntegrityError(
            _("Not every step approved this version: it must be reviewed again.")
        )
    return revision


def publish_approved_revision(workflow_state, user=None):
    """``WAGTAIL_FINISH_WORKFLOW_ACTION``: publish the revision the steps approved.

    Wagtail's default action publishes the *latest* revision as the final approver and checks
    that they may publish, which approvers deliberately may not (only portal administrators
    can publish outside the workflow). Approval is the permission here, so the check is
    skipped; the publication is logged under the approver's name.
    """
    approved_revision(workflow_state).publish(user=user, skip_permission_checks=True)


def refuse_moving_pages_in_review(sender, instance, **kwargs):
    """``pre_page_move``: a page in review stays where its reviewers found it (moving it into
    another department's section would hand the review to another department mid-step)."""
    from wagtail.models import Page, WorkflowState

    branch = Page.objects.descendant_of(instance, inclusive=True).annotate(
        key=Cast("pk", output_field=CharField())
    )
    if WorkflowState.objects.filter(
        base_content_type__app_label="wagtailcore",
        base_content_type__model="page",
        object_id__in=branch.values("key"),
        status=WorkflowState.STATUS_IN_PROGRESS,
    ).exists():
        raise ModerationLocked(_("A page in review cannot be moved until the review ends."))
