"""The signal handlers of the editorial process, connected in ``RendicionConfig.ready()``."""


def _sync_page_rights(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from rendicion.editorial.roles import grant_page_rights

    grant_page_rights(instance)


def connect_signals():
    from django.db.models.signals import post_save, pre_save
    from wagtail.models import Revision, TaskState
    from wagtail.signals import pre_page_move, task_submitted

    from rendicion.editorial.moderation import (
        refuse_locked_revision_writes,
        refuse_moving_pages_in_review,
    )
    from rendicion.editorial.notifications import department_review_submission_notifier
    from rendicion.models import AccountabilityCycleIndexPage, DepartmentSectionPage

    pre_save.connect(
        refuse_locked_revision_writes,
        sender=Revision,
        dispatch_uid="rendicion_refuse_locked_revision_writes",
    )
    pre_page_move.connect(
        refuse_moving_pages_in_review, dispatch_uid="rendicion_refuse_moving_pages_in_review"
    )
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
