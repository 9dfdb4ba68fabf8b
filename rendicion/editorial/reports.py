"""Wagtail's workflow and site-history reports, without other departments' snippets.

Wagtail lists a snippet's workflow states and log entries to anyone with a permission on the
snippet's model, so an editor of Salud would see Educación's indicators being edited and
submitted there (their names included). These subclasses drop the rows about indicators and
commitments the user does not reach (``rendicion.editorial.scope``);
``rendicion.editorial.admin_urls`` serves them at Wagtail's own addresses. Pages need
nothing: Wagtail already limits them to the pages the user may edit.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.views.reports.workflows import WorkflowTasksView, WorkflowView
from wagtail.models import ModelLogEntry

from rendicion.editorial.scope import queryset_for, reaches_everything


def other_departments_snippets(user, prefix=""):
    """A filter for rows (with ``content_type`` and ``object_id``) about the indicators and
    commitments of departments other than the user's."""
    from rendicion.models import Commitment, Indicator

    hidden = Q(pk__in=[])
    for model in (Indicator, Commitment):
        own_keys = (
            queryset_for(user, model.objects.all())
            .annotate(key=Cast("pk", output_field=CharField()))
            .values("key")
        )
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        hidden |= Q(**{f"{prefix}content_type": content_type}) & ~Q(
            **{f"{prefix}object_id__in": own_keys}
        )
    return hidden


class DepartmentScopedWorkflowView(WorkflowView):
    def get_queryset(self):
        queryset = super().get_queryset()
        if reaches_everything(self.request.user):
            return queryset
        return queryset.exclude(other_departments_snippets(self.request.user))


class DepartmentScopedWorkflowTasksView(WorkflowTasksView):
    def get_queryset(self):
        queryset = super().get_queryset()
        if reaches_everything(self.request.user):
            return queryset
        return queryset.exclude(other_departments_snippets(self.request.user, "workflow_state__"))


class DepartmentScopedLogEntriesView(LogEntriesView):
    def filter_queryset(self, queryset):
        # Called once per log model, before the models' entries are combined.
        queryset = super().filter_queryset(queryset)
        if queryset.model is ModelLogEntry and not reaches_everything(self.request.user):
            queryset = queryset.exclude(other_departments_snippets(self.request.user))
        return queryset
