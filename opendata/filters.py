"""Filters of the document library. Parameter names are Spanish: citizens read them."""

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from rendicion.filters import department_filter
from rendicion.models import Department, PortalDocument

# ?orden= value → order_by; every ordering ends on the id so that pages never overlap.
ORDERINGS = {
    "-fecha": ("-published_on", "-pk"),
    "fecha": ("published_on", "pk"),
    "titulo": ("title", "pk"),
    "-titulo": ("-title", "-pk"),
    "-tamano": ("-file_size", "-pk"),
    "tamano": ("file_size", "pk"),
}
ORDERING_CHOICES = [
    ("-fecha", _("Newest first")),
    ("fecha", _("Oldest first")),
    ("titulo", _("Title (A–Z)")),
    ("-titulo", _("Title (Z–A)")),
    ("-tamano", _("Largest first")),
    ("tamano", _("Smallest first")),
]
DEFAULT_ORDERING = "-fecha"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DocumentFilter(django_filters.FilterSet):
    vigencia = django_filters.ChoiceFilter(
        label=_("Fiscal year"),
        field_name="fiscal_year",
        empty_label=_("All years"),
    )
    tipo = django_filters.ChoiceFilter(
        label=_("Document type"),
        field_name="document_type",
        choices=PortalDocument.DocumentType.choices,
        empty_label=_("All types"),
    )
    dependencia = department_filter(Department.objects.none())
    formato = django_filters.ChoiceFilter(
        label=_("Format"),
        method="filter_format",
        choices=[(ext, ext.upper()) for ext in settings.WAGTAILDOCS_EXTENSIONS],
        empty_label=_("All formats"),
    )
    desde = django_filters.DateFilter(
        label=_("Published from"), field_name="published_on", lookup_expr="gte", widget=DateInput
    )
    hasta = django_filters.DateFilter(
        label=_("Published until"), field_name="published_on", lookup_expr="lte", widget=DateInput
    )
    orden = django_filters.ChoiceFilter(
        label=_("Sort by"),
        method="sort",
        choices=ORDERING_CHOICES,
        empty_label=None,
    )

    class Meta:
        model = PortalDocument
        fields = []

    def __init__(self, *args, years=(), public=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["vigencia"].extra["choices"] = [(str(year), str(year)) for year in years]
        if public is not None:
            self.filters["dependencia"].queryset = Department.objects.filter(
                Exists(public.filter(department=OuterRef("pk")))
            )

    def filter_format(self, queryset, name, value):
        return queryset.filter(file__iendswith=f".{value}")

    def sort(self, queryset, name, value):
        return queryset.order_by(*ORDERINGS.get(value, ORDERINGS[DEFAULT_ORDERING]))

    def filter_queryset(self, queryset):
        queryset = queryset.order_by(*ORDERINGS[DEFAULT_ORDERING])
        return super().filter_queryset(queryset)
