"""E-mail to the reviewers of the item's department when it reaches department review.

Wagtail's own submission notifier only knows group approval tasks (it reads the task's
groups); this one asks the department review task for its reviewers and uses the same
templates ("…has been submitted for approval to moderation stage…"). Connected in
``rendicion.editorial.signals.connect_signals``.

Wagtail's Spanish catalog translates those templates' sentences about pages but not the ones
about snippets, so the e-mails about an indicator or a commitment (an import sent for
approval, an approval, a rejection) came out in English: "The indicador … has been
submitted…". ``SNIPPET_NOTIFICATION_STRINGS`` lists those sentences, exactly as Wagtail's
templates (wagtailadmin/notifications/) ask for them, so that makemessages puts them in our
catalog and the Spanish translation there, which comes first (LOCALE_PATHS), is used.
tests/importer/test_import_matrices.py renders every template in Spanish: a Wagtail upgrade
that changes a sentence shows up there.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_noop
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


SNIPPET_NOTIFICATION_STRINGS = [
    # task_state_submitted.txt / .html / _subject.txt
    gettext_noop(
        'The %(model_name)s "%(title)s" has been submitted for approval to moderation stage '
        '"%(task)s".'
    ),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been submitted for approval in moderation stage '
        '"%(task)s".'
    ),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been submitted for approval in moderation stage '
        '"%(task)s"'
    ),
    gettext_noop("You can preview the %(model_name)s here:"),
    # task_state_approved / task_state_rejected
    gettext_noop(
        'The %(model_name)s "%(title)s" has been approved in moderation stage "%(task)s".'
    ),
    gettext_noop('The %(model_name)s "%(title)s" has been approved in "%(task)s".'),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been rejected in moderation stage "%(task)s".'
    ),
    gettext_noop('The %(model_name)s "%(title)s" has been rejected during "%(task)s".'),
    # workflow_state_submitted / _approved / _rejected
    gettext_noop(
        'The %(model_name)s "%(title)s" has been submitted for moderation to workflow '
        '"%(workflow)s" by %(requester)s.'
    ),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been submitted for moderation to workflow '
        '"%(workflow)s".'
    ),
    gettext_noop('The %(model_name)s "%(title)s" has been submitted to workflow "%(workflow)s"'),
    gettext_noop('The %(model_name)s "%(title)s" has been approved in workflow "%(workflow)s".'),
    gettext_noop('The %(model_name)s "%(title)s" has been approved in "%(workflow)s".'),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been rejected during "%(task)s" in workflow '
        '"%(workflow)s" by %(rejector)s.'
    ),
    gettext_noop(
        'The %(model_name)s "%(title)s" has been rejected during "%(task)s" in workflow '
        '"%(workflow)s".'
    ),
    gettext_noop('The %(model_name)s "%(title)s" has been rejected during "%(workflow)s".'),
]
