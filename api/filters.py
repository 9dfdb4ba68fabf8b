"""The API's filters: the public pages' own (``rendicion.filters.IndicatorFilter``), and the
same Spanish parameter names for the other lists. An unknown value or parameter is a 400 with
a message in Spanish, never a 500 and never a silently unfiltered list."""

import django_filters
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError

from rendicion.choices import ActionStatus
from rendicion.models import AccountabilityCycleIndexPage, Department, SdgGoal
from rendicion.visibility import public_pages

PAGINATION_PARAMETERS = ("limit", "offset")


def public_cycles(request=None):
    return public_pages(AccountabilityCycleIndexPage.objects.all()).order_by("-year")


def department_filter(field_name="department"):
    return django_filters.ModelChoiceFilter(
        label=gettext_lazy("Department (its slug, e.g. secretaria-de-educacion)"),
        field_name=field_name,
        to_field_name="slug",
        queryset=Department.objects.all(),
    )


@extend_schema_field(OpenApiTypes.INT)
class CycleYearChoiceFilter(django_filters.ModelChoiceFilter):
    """A public cycle, by its year."""


class CycleYearFilterSet(django_filters.FilterSet):
    """``vigencia=<year>`` on rows annotated with ``cycle_year``: only a public cycle's year."""

    vigencia = CycleYearChoiceFilter(
        label=gettext_lazy("Fiscal year of the accountability cycle, e.g. 2021"),
        to_field_name="year",
        queryset=public_cycles,
        method="filter_cycle_year",
    )

    def filter_cycle_year(self, queryset, name, cycle):
        return queryset.filter(cycle_year=cycle.year)


class CommitmentFilter(CycleYearFilterSet):
    dependencia = department_filter()
    estado = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), field_name="status", choices=ActionStatus.choices
    )


class ImprovementActionFilter(CycleYearFilterSet):
    dependencia = department_filter()
    estado = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), field_name="status", choices=ActionStatus.choices
    )


class SdgTargetFilter(django_filters.FilterSet):
    ods = django_filters.ModelChoiceFilter(
        label=gettext_lazy("SDG number, 1 to 17"),
        field_name="goal",
        to_field_name="number",
        queryset=SdgGoal.objects.all(),
    )


class CycleFilter(django_filters.FilterSet):
    vigencia = django_filters.NumberFilter(
        label=gettext_lazy("Fiscal year of the accountability cycle, e.g. 2021"),
        field_name="year",
    )


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter's backend, refusing parameters it does not know and explaining which
    value of which filter is wrong."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        known = set(filterset_class.base_filters) if filterset_class else set()
        unknown = sorted(set(request.query_params) - known - set(PAGINATION_PARAMETERS))
        if unknown:
            raise ValidationError(
                {
                    "detail": _("Unknown parameter: %(names)s. Accepted: %(accepted)s.")
                    % {
                        "names": ", ".join(unknown),
                        "accepted": ", ".join([*sorted(known), *PAGINATION_PARAMETERS]),
                    }
                }
            )
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            messages = [
                _("“%(value)s” is not a valid value of the filter %(name)s.")
                % {"value": request.query_params.get(name, ""), "name": name}
                for name in filterset.errors
            ]
            raise ValidationError({"detail": " ".join(messages)})
        return filterset.qs
