"""The search page's facet parameters, validated by django-filter.

The facets filter the merged list of hits (``search.engine.Hit``) rather than a queryset: one
search covers three models. Each filter therefore names a ``method`` that filters hits. An
unknown value makes the form invalid for that parameter only; the view ignores it and says so.
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from rendicion.models import AccountabilityCycleIndexPage, Department, SdgGoal
from search.engine import TYPE_CHOICES

FACETS = ("tipo", "vigencia", "dependencia", "ods")


def cycle_years():
    years = AccountabilityCycleIndexPage.objects.order_by("-year").values_list("year", flat=True)
    return [(str(year), str(year)) for year in years.distinct()]


class Hits(list):
    """A list of hits standing where django-filter expects a queryset."""

    model = None


class SearchFilter(django_filters.FilterSet):
    tipo = django_filters.ChoiceFilter(label=_("Type"), choices=TYPE_CHOICES, method="filter_type")
    vigencia = django_filters.ChoiceFilter(
        label=_("Accountability cycle"), choices=cycle_years, method="filter_year"
    )
    dependencia = django_filters.ModelChoiceFilter(
        label=_("Department"),
        queryset=Department.objects.all(),
        to_field_name="slug",
        method="filter_department",
    )
    ods = django_filters.ModelChoiceFilter(
        label=_("SDG"),
        queryset=SdgGoal.objects.all(),
        to_field_name="number",
        method="filter_goal",
    )

    def __init__(self, data=None, *, request=None):
        super().__init__(data, queryset=Hits(), request=request)

    # The "queryset" here is a list of hits; ``matches`` is the one test of each facet.
    def filter_type(self, hits, name, value):
        return [hit for hit in hits if self.matches(hit, "tipo", value)]

    def filter_year(self, hits, name, value):
        return [hit for hit in hits if self.matches(hit, "vigencia", value)]

    def filter_department(self, hits, name, value):
        return [hit for hit in hits if self.matches(hit, "dependencia", value)]

    def filter_goal(self, hits, name, value):
        return [hit for hit in hits if self.matches(hit, "ods", value)]

    @staticmethod
    def matches(hit, name, value):
        """Whether ``hit`` passes the facet ``name`` set to its cleaned ``value``."""
        if name == "tipo":
            return hit.type == value
        if name == "vigencia":
            return int(value) in hit.years
        if name == "dependencia":
            return value.pk in hit.departments
        return value.number in hit.goals

    def valid_values(self):
        """The parameters that passed validation, as {name: cleaned value}."""
        self.is_valid()
        cleaned = getattr(self.form, "cleaned_data", {})
        return {
            name: cleaned[name]
            for name in FACETS
            if cleaned.get(name) not in (None, "") and name not in self.form.errors
        }

    def invalid_names(self):
        self.is_valid()
        return [name for name in FACETS if name in self.form.errors]

    def apply(self, hits, values):
        """Hits that pass every filter in ``values``."""
        for name, value in values.items():
            hits = self.filters[name].filter(hits, value)
        return hits
