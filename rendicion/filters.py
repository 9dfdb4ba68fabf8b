"""Public filters. Parameter names are Spanish because citizens read them in the address bar."""

import django_filters
from django.utils.translation import gettext_lazy as _

from rendicion.models import Department, Indicator, SdgGoal, SdgTarget
from rendicion.visibility import public_pages


def department_filter(queryset):
    """``?dependencia=<slug>``: the department filter of every public listing."""
    return django_filters.ModelChoiceFilter(
        label=_("Department"),
        field_name="department",
        to_field_name="slug",
        queryset=queryset,
        empty_label=_("All departments"),
    )


class IndicatorFilter(django_filters.FilterSet):
    ods = django_filters.ModelChoiceFilter(
        label=_("SDG"),
        field_name="sdg_targets__goal",  # the field's type, for the API's description
        method="filter_goal",
        to_field_name="number",
        queryset=SdgGoal.objects.all(),
        empty_label=_("All SDGs"),
    )
    meta = django_filters.ModelChoiceFilter(
        label=_("SDG target"),
        field_name="sdg_targets",
        to_field_name="code",
        queryset=SdgTarget.objects.filter(indicators__live=True).distinct(),
        distinct=True,
        empty_label=_("All targets"),
    )
    dependencia = department_filter(Department.objects.filter(indicators__live=True).distinct())
    tipo = django_filters.ChoiceFilter(
        label=_("Kind"),
        field_name="kind",
        choices=Indicator.Kind.choices,
        empty_label=_("All kinds"),
    )

    class Meta:
        model = Indicator
        fields = []

    def filter_goal(self, queryset, name, value):
        """Linked to the goal through one of its targets or directly."""
        return queryset.contributing_to(value) if value else queryset


class CyclePageFilter(django_filters.FilterSet):
    """The department filter of a cycle's listings: only departments with a section in it."""

    dependencia = department_filter(Department.objects.none())  # set per cycle below

    def __init__(self, data=None, *, queryset, cycle):
        from rendicion.models import DepartmentSectionPage

        super().__init__(data, queryset=queryset)
        sections = public_pages(DepartmentSectionPage.objects.child_of(cycle))
        self.filters["dependencia"].queryset = Department.objects.filter(
            sections__in=sections
        ).distinct()
