"""Workflow plumbing: what final approval does, and the signal handlers of the editorial
process (connected in ``RendicionConfig.ready()``).

Imported by Wagtail while its models load (``WAGTAIL_FINISH_WORKFLOW_ACTION``): keep the
module-level imports free of Wagtail models.
"""


def publish_approved_revision(workflow_state, user=None):
    """``WAGTAIL_FINISH_WORKFLOW_ACTION``: publish the approved revision.

    Wagtail's default action publishes as the final approver and checks that they may
    publish, which approvers deliberately may not (only portal administrators can publish
    outside the workflow). Approval *is* the permission here, so the check is skipped; the
    publication is still logged under the approver's name.
    """
    workflow_state.content_object.get_latest_revision().publish(
        user=user, skip_permission_checks=True
    )


def _sync_page_rights(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from rendicion.roles import grant_page_rights

    grant_page_rights(instance)


def connect_signals():
    from django.db.models.signals import post_save
    from wagtail.models import TaskState
    from wagtail.signals import task_submitted

    from rendicion.models import AccountabilityCycleIndexPage, DepartmentSectionPage
    from rendicion.notifications import department_review_submission_notifier

    task_submitted.connect(
        department_review_submission_notifier,
        sender=TaskState,
        dispatch_uid="rendicion_department_review_submitted_email",
    )
    for model in (AccountabilityCycleIndexPage, DepartmentSectionPage):
        post_save.connect(
            _sync_page_rights,
            sender=model,
            dispatch_uid=f"rendicion_page_rights_{model._meta.model_name}",
        )
