"""What each role creates most, one click from the dashboard, and the new vigencia
(docs/editorial-creation.md).

The "Crear" panel offers the actions the user can actually take (Wagtail's own page
permissions decide, through the section pages the roles grant rights on), in the current
vigencia: the latest cycle by year, published or not. The new-vigencia action is for those
who consolidate the whole process (``scope.reaches_everything``: portal administrators and
Participación Comunitaria's editors and reviewers); it makes the cycle page and one section
per chosen department as drafts, which go through the workflow like any page.
"""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.models import Site

from rendicion.editorial.scope import member_department_ids, reaches_everything


def current_cycle():
    """The vigencia editors work in now: the latest cycle by year, published or not."""
    from rendicion.models import AccountabilityCycleIndexPage

    return AccountabilityCycleIndexPage.objects.order_by("-year").first()


@dataclass(frozen=True)
class Action:
    label: str
    url: str
    icon: str


def _add_page_url(model, parent):
    meta = model._meta
    return reverse("wagtailadmin_pages:add", args=(meta.app_label, meta.model_name, parent.pk))


def _page_actions(user, parent, models):
    if parent is None or not parent.permissions_for_user(user).can_add_subpage():
        return []
    allowed = set(parent.specific_class.creatable_subpage_models())
    return [
        Action(label, _add_page_url(model, parent), icon)
        for model, label, icon in models
        if model in allowed
    ]


def own_sections(user, cycle):
    """The sections of ``cycle`` that belong to the user's departments."""
    from rendicion.models import DepartmentSectionPage

    if cycle is None:
        return []
    return list(
        DepartmentSectionPage.objects.child_of(cycle)
        .filter(department__in=member_department_ids(user))
        .order_by("title")
    )


def creation_actions(user, cycle, sections):
    """The panel's actions for ``user``, in the order they are used."""
    from rendicion.models import (
        DialogueEncounterPage,
        ImprovementPlanPage,
        PublicHearingPage,
        ReportPage,
    )

    actions = []
    for section in sections:
        actions += _page_actions(
            user,
            section,
            [
                (DialogueEncounterPage, _("New dialogue encounter in %s") % section.title, "group"),
                (ReportPage, _("New report in %s") % section.title, "doc-full"),
                (ImprovementPlanPage, _("New improvement plan in %s") % section.title, "tasks"),
            ],
        )
    if reaches_everything(user) and cycle is not None:
        actions += _page_actions(
            user,
            cycle,
            [
                (PublicHearingPage, _("New public hearing of %s") % cycle.title, "mail"),
                (ReportPage, _("New report of the whole administration"), "doc-full"),
            ],
        )
    if user.has_perm("rendicion.change_indicator"):
        actions.append(
            Action(
                _("Update my indicators"),
                reverse("wagtailsnippets_rendicion_indicator:list"),
                "table",
            )
        )
        actions.append(
            Action(
                _("Import indicators from a spreadsheet"),
                reverse("wagtailsnippets_rendicion_indicator:import"),
                "upload",
            )
        )
    if reaches_everything(user):
        actions.append(Action(_("New vigencia"), reverse("rendicion_new_cycle"), "date"))
    return actions


class CreatePanel(Component):
    name = "create"
    order = 50
    template_name = "editorial/create_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = self.request.user
        cycle = current_cycle()
        sections = own_sections(user, cycle)
        context["actions"] = creation_actions(user, cycle, sections)
        context["cycle"] = cycle
        # An editor whose department has no section in the current vigencia is told why the
        # panel offers no page to create, instead of being left guessing.
        context["missing_section"] = bool(
            cycle is not None and member_department_ids(user) and not sections
        )
        return context


class NewCycleForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    departments = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Department sections to create"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "Each department gets its section as a draft; its editors fill it in and submit it."
        ),
    )

    def __init__(self, *args, **kwargs):
        from rendicion.models import Department

        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = Department.objects.order_by("name")

    def clean_year(self):
        from rendicion.models import AccountabilityCycleIndexPage

        year = self.cleaned_data["year"]
        if AccountabilityCycleIndexPage.objects.filter(year=year).exists():
            raise forms.ValidationError(_("The vigencia %(year)s already exists.") % {"year": year})
        root = Site.objects.get(is_default_site=True).root_page
        if root.get_children().filter(slug=cycle_slug(year)).exists():
            raise forms.ValidationError(
                _("A page with the address «%(slug)s» already exists.") % {"slug": cycle_slug(year)}
            )
        return year


def cycle_slug(year):
    return f"rendicion-de-cuentas-{year}"


def default_year():
    from rendicion.models import AccountabilityCycleIndexPage

    latest = AccountabilityCycleIndexPage.objects.order_by("-year").values_list("year", flat=True)
    this_year = timezone.localdate().year
    return max(this_year, (latest.first() or this_year - 1) + 1)


@transaction.atomic
def create_cycle(year, departments, user):
    """The cycle page and its sections, as drafts with a first revision each."""
    from rendicion.models import AccountabilityCycleIndexPage, DepartmentSectionPage

    home = Site.objects.get(is_default_site=True).root_page.specific
    cycle = AccountabilityCycleIndexPage(
        title=_("Accountability %(year)s") % {"year": year},
        slug=cycle_slug(year),
        year=year,
        objective=format_html(
            "<p>{}</p>",
            _(
                "To inform, explain and show citizens and oversight bodies the results of the "
                "administration's management in %(year)s, through dialogue."
            )
            % {"year": year},
        ),
        live=False,
        owner=user,
    )
    home.add_child(instance=cycle)
    cycle.save_revision(user=user, log_action=True)
    for department in departments:
        section = DepartmentSectionPage(
            title=department.name,
            slug=slugify(department.slug or department.name),
            department=department,
            live=False,
            owner=user,
        )
        cycle.add_child(instance=section)
        section.save_revision(user=user, log_action=True)
    return cycle


def new_cycle(request):
    if not reaches_everything(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = NewCycleForm(request.POST)
        if form.is_valid():
            departments = list(form.cleaned_data["departments"])
            cycle = create_cycle(form.cleaned_data["year"], departments, request.user)
            messages.success(
                request,
                _(
                    "The vigencia %(year)s was created as a draft with %(count)s department "
                    "sections. Complete it and submit it for review; each department's editors "
                    "can now add their encounters and reports to their section."
                )
                % {"year": cycle.year, "count": len(departments)},
            )
            return redirect("wagtailadmin_explore", cycle.pk)
    else:
        form = NewCycleForm(
            initial={
                "year": default_year(),
                "departments": list(
                    NewCycleForm().fields["departments"].queryset.values_list("pk", flat=True)
                ),
            }
        )
    return TemplateResponse(
        request,
        "editorial/new_cycle.html",
        {
            "form": form,
            "page_title": _("New vigencia"),
            "header_title": _("New vigencia"),
            "header_icon": "date",
        },
    )
