"""What each row of the API says. Field names are the fixed Spanish identifiers of the
open-data files (``opendata/exports.py``: ``codigo``, ``linea_base``, ``avance_porcentaje``…),
with their definitions, so a script reads the API and the files alike; codes (``tipo``,
``estado``…) are the values the filters take, their Spanish wording is in ``*_nombre``.

Every serializer reads only what its view prefetched: none runs a query per row."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from wagtail.rich_text import expand_db_html

from opendata.addresses import absolute_url
from opendata.exports import INDICATOR_FIELDS, json_value

DEFINITIONS = {field.key: field.description for field in INDICATOR_FIELDS}


@extend_schema_field({"type": "number", "nullable": True})
class NumberField(serializers.Field):
    """A decimal as a JSON number (``400``, ``61.5``), as in /datos/indicadores.json."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return json_value(value)


class HtmlUrlField(serializers.Field):
    """The absolute address of the object's public page (``html_url``), or null."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("help_text", _("Address of its public page on this portal."))
        super().__init__(**kwargs)

    def to_representation(self, instance):
        request = self.context["request"]
        url = instance.get_url(request)
        return absolute_url(request, url) if url else None


extend_schema_field({"type": "string", "format": "uri", "nullable": True})(HtmlUrlField)


def label(choice_field, **kwargs):
    """The Spanish wording of a choice (``get_<field>_display``)."""
    return serializers.CharField(source=f"get_{choice_field}_display", read_only=True, **kwargs)


class DepartmentSerializer(serializers.Serializer):
    slug = serializers.CharField(help_text=_("As the dependencia filter takes it."))
    nombre = serializers.CharField(source="name")
    sigla = serializers.CharField(source="acronym")


class MeasurementSerializer(serializers.Serializer):
    periodo = serializers.CharField(source="period")
    fecha_corte = serializers.DateField(source="date")
    valor = NumberField(source="value")
    fuente = serializers.CharField(source="source")
    nota = serializers.CharField(source="note")


class TargetCodeSerializer(serializers.Serializer):
    codigo = serializers.CharField(source="code")
    ods = serializers.IntegerField(source="goal.number")


class IndicatorSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    codigo = serializers.CharField(source="code", help_text=DEFINITIONS["codigo"])
    slug = serializers.CharField()
    nombre = serializers.CharField(source="name", help_text=DEFINITIONS["nombre"])
    tipo = serializers.CharField(source="kind", help_text=_("result or product."))
    tipo_nombre = label("kind")
    unidad = serializers.CharField(source="unit", help_text=DEFINITIONS["unidad"])
    sentido = serializers.CharField(
        source="direction", help_text=_("increase, decrease or maintain.")
    )
    sentido_nombre = label("direction")
    linea_base = NumberField(source="baseline_value", help_text=DEFINITIONS["linea_base"])
    linea_base_texto = serializers.CharField(
        source="baseline_text", help_text=DEFINITIONS["linea_base_texto"]
    )
    meta = NumberField(source="target_value", help_text=DEFINITIONS["meta"])
    meta_texto = serializers.CharField(source="target_text", help_text=DEFINITIONS["meta_texto"])
    linea_plan = serializers.CharField(source="plan_line")
    programa = serializers.CharField(source="programme")
    dependencia = DepartmentSerializer(source="department")
    metas_ods = TargetCodeSerializer(source="sdg_targets", many=True)
    ods = serializers.ListField(
        source="sdg_goal_numbers",
        child=serializers.IntegerField(),
        help_text=_(
            "Every SDG the indicator contributes to: those of its targets, and those a "
            "development-plan matrix names without a target."
        ),
    )
    mediciones = MeasurementSerializer(
        source="ordered_measurements",
        many=True,
        help_text=_("Every measurement, oldest first."),
    )
    ultima_medicion = NumberField(
        source="latest_measurement.value", help_text=DEFINITIONS["ultima_medicion"]
    )
    avance_porcentaje = NumberField(
        source="progress.percent", help_text=DEFINITIONS["avance_porcentaje"]
    )
    estado_avance = serializers.CharField(
        source="progress.status",
        help_text=_("no_measurement, not_computable, met, in_progress or behind."),
    )
    estado_avance_nombre = serializers.CharField(
        source="progress.status_label", help_text=DEFINITIONS["estado_avance"]
    )
    html_url = HtmlUrlField()


class SdgTargetSerializer(serializers.Serializer):
    codigo = serializers.CharField(source="code")
    titulo = serializers.CharField(source="title")
    ods = serializers.IntegerField(source="goal.number")
    indicadores = serializers.IntegerField(
        source="indicator_count", help_text=_("How many approved indicators contribute to it.")
    )


class SdgGoalTargetSerializer(serializers.Serializer):
    codigo = serializers.CharField(source="code")
    titulo = serializers.CharField(source="title")
    indicadores = serializers.IntegerField(
        source="indicator_count", help_text=_("How many approved indicators contribute to it.")
    )


class SdgGoalSerializer(serializers.Serializer):
    numero = serializers.IntegerField(source="number")
    titulo_corto = serializers.CharField(source="short_title")
    titulo = serializers.CharField(source="title")
    color = serializers.CharField(source="colour", help_text=_("Official UN colour, #RRGGBB."))
    indicadores = serializers.IntegerField(
        source="indicator_count",
        help_text=_("How many approved indicators contribute to one of its targets."),
    )
    metas = SdgGoalTargetSerializer(source="targets", many=True)
    html_url = HtmlUrlField()


class PageLinkSerializer(serializers.Serializer):
    """A public page: its id in /api/v2/pages/, title and address."""

    id = serializers.IntegerField()
    titulo = serializers.CharField(source="title")
    html_url = HtmlUrlField()


class CommitmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    texto = serializers.CharField(source="text")
    dependencia = DepartmentSerializer(source="department")
    fecha_limite = serializers.DateField(source="due_date", allow_null=True)
    estado = serializers.CharField(
        source="status", help_text=_("pending, in_progress, fulfilled or not_fulfilled.")
    )
    estado_nombre = label("status")
    evidencia = serializers.CharField(source="evidence")
    documento_evidencia = serializers.SerializerMethodField(
        help_text=_("Download address of the evidence document, if any.")
    )
    vigencia = serializers.IntegerField(source="cycle_year", allow_null=True)
    origen = PageLinkSerializer(
        source="origin_page", help_text=_("The encounter or hearing where it was made.")
    )

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_documento_evidencia(self, commitment):
        # A commitment shown on a public page makes its evidence public (docs/visibility.md).
        document = commitment.evidence_document
        if document is None:
            return None
        return absolute_url(self.context["request"], document.url)


class ImprovementActionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    descripcion = serializers.CharField(source="description")
    dependencia = DepartmentSerializer(source="department")
    fecha_limite = serializers.DateField(source="due_date", allow_null=True)
    estado = serializers.CharField(
        source="status", help_text=_("pending, in_progress, fulfilled or not_fulfilled.")
    )
    estado_nombre = label("status")
    avance_porcentaje = serializers.IntegerField(
        source="progress", help_text=_("Progress of the action, 0 to 100, as reported.")
    )
    vigencia = serializers.IntegerField(source="cycle_year", allow_null=True)
    plan = PageLinkSerializer(help_text=_("The improvement plan the action belongs to."))


class ActivitySerializer(serializers.Serializer):
    fase = serializers.CharField(
        source="phase", help_text=_("preparation, implementation or evaluation.")
    )
    fase_nombre = label("phase")
    titulo = serializers.CharField(source="title")
    fecha_inicio = serializers.DateField(source="start_date")
    fecha_fin = serializers.DateField(source="end_date", allow_null=True)
    pagina = serializers.SerializerMethodField(
        help_text=_("The public page where the activity is reported, if any.")
    )

    @extend_schema_field(PageLinkSerializer(allow_null=True))
    def get_pagina(self, activity):
        # Only a public page: a link to a draft or a restricted page would leak its title.
        if not getattr(activity, "linked_page_is_public", False):
            return None
        return PageLinkSerializer(activity.linked_page, context=self.context).data


class CycleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    vigencia = serializers.IntegerField(source="year")
    titulo = serializers.CharField(source="title")
    objetivo = serializers.SerializerMethodField(help_text=_("Objective, as HTML."))
    actividades = ActivitySerializer(
        source="activities", many=True, help_text=_("The schedule, by start date.")
    )
    html_url = HtmlUrlField()

    @extend_schema_field(OpenApiTypes.STR)
    def get_objetivo(self, cycle):
        return expand_db_html(cycle.objective)
