"""The two workflow tasks of the editorial process (see docs/workflow.md).

1. ``DepartmentReviewTask``: the reviewers (jefe / enlace de RdC) of the item's own department.
   One task serves every department: the reviewers are found from the item, not configured.
2. ``IndependentGroupApprovalTask``: a group approval, used for Participación Comunitaria.

Neither lets the person who submitted the item approve or reject it.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, Task, TaskState

from rendicion.editorial.forms import RejectionCommentForm
from rendicion.editorial.moderation import approve_corrections_made_in_step
from rendicion.editorial.scope import department_of, reviewed_department_ids

MODERATION_ACTIONS = [
    ("reject", _("Request changes"), True),
    ("approve", _("Approve"), False),
    ("approve", _("Approve with comment"), True),
]


class SubmitterCannotModerateMixin:
    """Keeps whoever submitted an item from approving or rejecting it.

    ``get_actions`` (which must return nothing for the submitter, see ``is_submitter``) drives
    the buttons, the workflow action views and the edit view's "approve while editing";
    ``on_action`` checks again against the task state being acted on, because Wagtail's
    workflow action URL names the object and the task state separately.
    """

    @staticmethod
    def is_submitter(obj, user):
        workflow_state = obj.current_workflow_state
        return workflow_state is not None and workflow_state.requested_by_id == user.pk

    def get_form_for_action(self, action):
        if action == "reject":
            return RejectionCommentForm
        return super().get_form_for_action(action)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return (
            super()
            .get_task_states_user_can_moderate(user, **kwargs)
            .exclude(workflow_state__requested_by=user)
        )

    def on_action(self, task_state, user, action_name, **kwargs):
        workflow_state = task_state.workflow_state
        obj = workflow_state.content_object
        if hasattr(obj, "specific"):
            obj = obj.specific
        allowed = {name for name, _label, _modal in self.get_actions(obj, user)}
        if (
            task_state.task_id != self.pk
            or task_state.status != TaskState.STATUS_IN_PROGRESS
            or workflow_state.current_task_state_id != task_state.pk
            or workflow_state.requested_by_id == user.pk
            or action_name not in allowed
        ):
            raise PermissionDenied
        if action_name == "approve":
            approve_corrections_made_in_step(task_state)
        return super().on_action(task_state, user, action_name, **kwargs)


class DepartmentReviewTask(SubmitterCannotModerateMixin, Task):
    """Approval by the reviewers of the department the page or snippet belongs to."""

    def user_can_review(self, obj, user):
        if user is None or not user.is_authenticated:
            return False
        if user.is_superuser:
            return True
        department = department_of(obj)
        return department is not None and department.pk in reviewed_department_ids(user)

    def user_can_access_editor(self, obj, user):
        return self.user_can_review(obj, user)

    def locked_for_user(self, obj, user):
        return not self.user_can_review(obj, user)

    def user_can_lock(self, obj, user):
        return self.user_can_review(obj, user)

    def get_actions(self, obj, user):
        if not self.user_can_review(obj, user) or self.is_submitter(obj, user):
            return []
        return MODERATION_ACTIONS

    def get_task_states_user_can_moderate(self, user, **kwargs):
        in_progress = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if not user.is_superuser:
            if not reviewed_department_ids(user):
                return TaskState.objects.none()
            # Few items wait at a time; the department comes from each one (its tree branch).
            reviewable = [
                state.pk
                for state in in_progress.select_related("workflow_state")
                if (obj := state.workflow_state.content_object) is not None
                and self.user_can_review(obj, user)
            ]
            in_progress = in_progress.filter(pk__in=reviewable)
        return in_progress.exclude(workflow_state__requested_by=user)

    def reviewers(self, obj):
        """Active users who can approve this task for ``obj`` (superusers excluded)."""
        from django.contrib.auth import get_user_model

        department = department_of(obj)
        if department is None or department.reviewers_group_id is None:
            return get_user_model().objects.none()
        return get_user_model().objects.filter(is_active=True, groups=department.reviewers_group_id)

    @classmethod
    def get_description(cls):
        return _(
            "Reviewers of the department the page or snippet belongs to approve this task; "
            "never the person who submitted it"
        )

    class Meta:
        verbose_name = _("department review task")
        verbose_name_plural = _("department review tasks")


class IndependentGroupApprovalTask(SubmitterCannotModerateMixin, AbstractGroupApprovalTask):
    """Wagtail's group approval, except that the submitter cannot approve their own item."""

    def get_actions(self, obj, user):
        if self.is_submitter(obj, user):
            return []
        return super().get_actions(obj, user)

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups approve this task; never the person who submitted it"
        )

    class Meta:
        verbose_name = _("group approval task (not by the submitter)")
        verbose_name_plural = _("group approval tasks (not by the submitter)")
