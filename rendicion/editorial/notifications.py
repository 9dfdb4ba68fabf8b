"""E-mail to the reviewers of the item's department when it reaches department review.

Wagtail's own submission notifier only knows group approval tasks (it reads the task's
groups); this one asks the department review task for its reviewers and uses the same
templates ("…has been submitted for approval to moderation stage…"). Connected in
``rendicion.editorial.signals.connect_signals``.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.admin.mail import BaseGroupApprovalTaskStateEmailNotifier
from wagtail.models import TaskState


class DepartmentReviewSubmissionEmailNotifier(BaseGroupApprovalTaskStateEmailNotifier):
    notification = "submitted"

    def can_handle(self, instance, **kwargs):
        from rendicion.models import DepartmentReviewTask

        return isinstance(instance, TaskState) and isinstance(
            instance.task.specific, DepartmentReviewTask
        )

    def get_recipient_users(self, task_state, **kwargs):
        workflow_state = task_state.workflow_state
        recipients = task_state.task.specific.reviewers(workflow_state.content_object)
        if getattr(settings, "WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS", True):
            recipients = recipients | get_user_model().objects.filter(
                is_active=True, is_superuser=True
            )
        # Neither the submitter (who cannot approve) nor whoever triggered this step.
        triggering_user = kwargs.get("user")
        excluded = {workflow_state.requested_by_id, getattr(triggering_user, "pk", None)}
        return recipients.exclude(pk__in=[pk for pk in excluded if pk is not None]).distinct()


department_review_submission_notifier = DepartmentReviewSubmissionEmailNotifier()
