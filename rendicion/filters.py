"""Public filters. Parameter names are Spanish because citizens read them in the address bar."""

import django_filters
from django.utils.translation import gettext_lazy as _

from rendicion.models import Department, Indicator, SdgGoal, SdgTarget


class IndicatorFilter(django_filters.FilterSet):
    ods = django_filters.ModelChoiceFilter(
        label=_("SDG"),
        field_name="sdg_targets__goal",
        to_field_name="number",
        queryset=SdgGoal.objects.all(),
        distinct=True,
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
    dependencia = django_filters.ModelChoiceFilter(
        label=_("Department"),
        field_name="department",
        to_field_name="slug",
        queryset=Department.objects.filter(indicators__live=True).distinct(),
        empty_label=_("All departments"),
    )
    tipo = django_filters.ChoiceFilter(
        label=_("Kind"),
        field_name="kind",
        choices=Indicator.Kind.choices,
        empty_label=_("All kinds"),
    )

    class Meta:
        model = Indicator
        fields = []
