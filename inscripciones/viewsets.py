"""The organiser's view of registrations: a listing per event with CSV/XLSX export, and the
status (attendance) edited one by one. Everything is scoped by the portal's one rule
(``Registration.objects.for_user``, which asks rendicion/editorial/scope.py)."""

import django_filters
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic import DeleteView, EditView, IndexView
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page
from wagtail.permission_policies.base import ModelPermissionPolicy

from inscripciones import seats
from inscripciones.models import Registration
from rendicion.editorial.scope import is_portal_admin, queryset_for
from rendicion.spreadsheet_safety import FormulaSafeExportMixin


class RegistrationPermissionPolicy(ModelPermissionPolicy):
    """Anyone in the admin may list, export and mark the registrations of the events they
    reach (the listing is scoped); nobody adds one (citizens do, on the portal); only portal
    administrators delete one (a request to erase personal data, Ley 1581 de 2012)."""

    def user_has_permission(self, user, action):
        if not (user.is_active and user.has_perm("wagtailadmin.access_admin")):
            return False
        if action in ("view", "change", "export"):
            return True
        if action == "delete":
            return is_portal_admin(user)
        return False

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and (
            Registration.objects.for_user(user).filter(pk=instance.pk).exists()
        )


def _event_pages(request):
    from rendicion.models import DialogueEncounterPage, PublicHearingPage

    reached = queryset_for(request.user, Page.objects.all())
    return (
        reached.type(DialogueEncounterPage, PublicHearingPage)
        .filter(registrations__isnull=False)
        .distinct()
        .order_by("-path")
    )


class RegistrationFilterSet(WagtailFilterSet):
    # Only the events the user reaches: a list of every event would name other
    # departments' drafts.
    page = django_filters.ModelChoiceFilter(label=_("Event"), queryset=_event_pages)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Registration.Status.choices)

    class Meta:
        model = Registration
        fields = ["page", "status"]


class ScopedMixin:
    def get_base_queryset(self):
        return Registration.objects.for_user(self.request.user).select_related(
            "page", "population_group"
        )

    def get_queryset(self):
        return self.get_base_queryset()


class RegistrationIndexView(FormulaSafeExportMixin, IndexView):
    def get_base_queryset(self):
        return Registration.objects.for_user(self.request.user).select_related(
            "page", "population_group"
        )


class RegistrationEditView(ScopedMixin, EditView):
    def save_instance(self):
        instance = self.form.instance
        new_status = self.form.cleaned_data["status"]
        current = Registration.objects.get(pk=instance.pk)
        if new_status != current.status:
            seats.set_status(current, new_status)
        return current


class RegistrationDeleteView(ScopedMixin, DeleteView):
    pass


class ScopedObjectMixin:
    """For the views whose own queryset is something else (log entries, references)."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not Registration.objects.for_user(self.request.user).filter(pk=obj.pk).exists():
            raise Http404
        return obj


class RegistrationHistoryView(ScopedObjectMixin, HistoryView):
    pass


class RegistrationUsageView(ScopedObjectMixin, UsageView):
    pass


class RegistrationViewSet(ModelViewSet):
    model = Registration
    icon = "group"
    menu_label = _("Registrations")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = RegistrationIndexView
    edit_view_class = RegistrationEditView
    delete_view_class = RegistrationDeleteView
    filterset_class = RegistrationFilterSet
    form_fields = ["status"]
    list_display = ["name", "page", "status", "position", "territory", "created_at"]
    search_fields = ["name", "email", "territory"]
    list_per_page = 50
    list_export = [
        "page",
        "position",
        "name",
        "email",
        "phone",
        "territory",
        "population_group",
        "get_status_display",
        "created_at",
        "consent_at",
        "consent_version",
    ]
    export_headings = {
        "page": _("Event"),
        "position": _("Order of arrival"),
        "name": _("Full name"),
        "email": _("E-mail"),
        "phone": _("Phone"),
        "territory": _("Territory"),
        "population_group": _("Population group"),
        "get_status_display": _("Status"),
        "created_at": _("Registered at"),
        "consent_at": _("Consent given at"),
        "consent_version": _("Data policy version"),
    }
    export_filename = "inscripciones"
    history_view_class = RegistrationHistoryView
    usage_view_class = RegistrationUsageView
    copy_view_enabled = False
