"""A large synthetic site for the benchmarks: cycles × department sections of encounters,
reports and improvement plans, indicators with SDG targets and measurements, and documents
cited by the reports (so they are public). Deterministic (seeded), built in bulk where the
models allow it; the caller indexes it for search if it needs to.

Used by ``search_bench.py`` (5,000 pages, 2,000 indicators, 1,000 documents), and as
``build_large_site()`` (the demo site plus 5,000 pages, 3,000 indicators with 3 measurements
each, 1,000 documents) by ``page_bench.py`` and ``cache_bench.py`` (``CACHE_BENCH_LARGE=1``,
through ``build_large_site.py``).
"""

import random

from wagtail.models import ReferenceIndex, Site

from rendicion import models
from rendicion.models import PortalDocument

SEARCH_BENCH_DEPARTMENTS = [
    ("Educación", "educacion"),
    ("Salud", "salud"),
    ("Infraestructura", "infraestructura"),
    ("Ambiente", "ambiente"),
    ("Participación Comunitaria", "participacion"),
    ("Integración Social", "integracion"),
    ("Gobierno", "gobierno"),
    ("Desarrollo Económico", "desarrollo-economico"),
]

TOPICS = [
    "educación",
    "bilingüismo",
    "salud",
    "vacunación",
    "vías terciarias",
    "alumbrado público",
    "seguridad ciudadana",
    "medio ambiente",
    "cuencas hidrográficas",
    "participación comunitaria",
    "juventudes",
    "personas mayores",
    "víctimas del conflicto",
    "mujeres rurales",
    "alimentación escolar",
    "transporte escolar",
    "deporte y recreación",
    "cultura",
    "desarrollo económico",
    "emprendimiento",
    "agua potable",
    "saneamiento básico",
    "vivienda de interés social",
    "gestión del riesgo",
    "movilidad",
    "espacio público",
]
PLACES = [f"Comuna {n}" for n in range(1, 8)] + [
    "Rozo",
    "La Torre",
    "Amaime",
    "Tienda Nueva",
    "Potrerillo",
    "Ayacucho",
    "Boyacá",
]
VERBS = ["presentó", "explicó", "dialogó sobre", "respondió preguntas de", "acordó mejorar"]
GROUPS = [
    "padres de familia",
    "docentes",
    "juntas de acción comunal",
    "organizaciones sociales",
    "cabildo indígena",
    "consejos comunitarios",
    "veedurías ciudadanas",
    "estudiantes",
]


def sentence(rng):
    return (
        f"La administración {rng.choice(VERBS)} {rng.choice(TOPICS)} con "
        f"{rng.choice(GROUPS)} de {rng.choice(PLACES)} y {rng.choice(GROUPS)}."
    )


def text(rng, sentences):
    return " ".join(sentence(rng) for _ in range(sentences))


def build_site(
    *, pages, indicators, documents, years, measurements=2, departments=None, cited_indicators=0
):
    """Build the site; returns (pages, indicators, documents) created. ``departments``: the
    existing ones to use (default: the search benchmark's eight, created); each report cites
    ``cited_indicators`` indicators."""
    rng = random.Random(2021)
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    if departments is None:
        departments = [
            models.Department.objects.create(name=f"Secretaría de {name}", slug=slug)
            for name, slug in SEARCH_BENCH_DEPARTMENTS
        ]
    targets = list(models.SdgTarget.objects.all())

    # Indicators, their SDG targets and measurements, in bulk.
    indicator_rows = models.Indicator.objects.bulk_create(
        models.Indicator(
            code=f"22{n:07d}",
            slug=f"22{n:07d}",
            live=True,
            name=f"{rng.choice(['Número de', 'Porcentaje de', 'Tasa de'])} "
            f"{rng.choice(GROUPS)} atendidos en {rng.choice(TOPICS)}",
            unit="Número",
            baseline_value=10,
            target_value=100,
            department=rng.choice(departments),
            programme=f"Programa de {rng.choice(TOPICS)}",
        )
        for n in range(indicators)
    )
    through = models.Indicator.sdg_targets.through
    through.objects.bulk_create(
        through(indicator_id=indicator.pk, sdgtarget_id=rng.choice(targets).pk)
        for indicator in indicator_rows
    )
    models.IndicatorMeasurement.objects.bulk_create(
        models.IndicatorMeasurement(
            indicator=indicator, period=str(year), date=f"{year}-12-31", value=rng.randint(0, 120)
        )
        for indicator in indicator_rows
        for year in rng.sample(years, measurements)
    )

    document_rows = PortalDocument.objects.bulk_create(
        PortalDocument(
            title=f"Informe de {rng.choice(TOPICS)} {rng.choice(years)} - {rng.choice(PLACES)}",
            description=text(rng, 2),
            file=f"documents/bench-{n}.pdf",
        )
        for n in range(documents)
    )

    # The page tree: cycles, department sections and the pages in them.
    built = 0
    leaf_types = [models.DialogueEncounterPage, models.ReportPage, models.ImprovementPlanPage]
    sections = len(years) * len(departments)
    per_section, extra = divmod(pages - len(years) * (1 + len(departments)), sections)
    document_iter = iter(document_rows)
    reports = []
    for year in years:
        cycle = home.add_child(
            instance=models.AccountabilityCycleIndexPage(
                title=f"Rendición de Cuentas {year}",
                slug=f"rendicion-{year}",
                year=year,
                objective=f"<p>{text(rng, 2)}</p>",
            )
        )
        built += 1
        for department in departments:
            section = cycle.add_child(
                instance=models.DepartmentSectionPage(
                    title=department.name,
                    slug=department.slug,
                    department=department,
                    intro=f"<p>{text(rng, 1)}</p>",
                )
            )
            built += 1
            in_section = per_section + (1 if extra > 0 else 0)
            extra -= 1
            for n in range(in_section):
                model = leaf_types[n % 3]
                topic, place = rng.choice(TOPICS), rng.choice(PLACES)
                fields = {"slug": f"p{built}", "department": department, "summary": text(rng, 3)}
                if model is models.DialogueEncounterPage:
                    page = model(
                        title=f"Encuentro de diálogo sobre {topic} en {place}",
                        modality="department",
                        start=f"{year}-10-01T09:00-05:00",
                        place=place,
                        **fields,
                    )
                elif model is models.ReportPage:
                    document = next(document_iter, None)
                    page = model(
                        title=f"Informe de {topic} {year}: {place}",
                        kind="department",
                        documents=[("document", {"document": document, "description": ""})]
                        if document
                        else [],
                        **fields,
                    )
                else:
                    page = model(
                        title=f"Plan de mejoramiento de {topic} en {place}",
                        source="evaluation",
                        **fields,
                    )
                section.add_child(instance=page)
                built += 1
                if model is models.ReportPage:
                    reports.append(page)
    if cited_indicators:
        cited = models.ReportPage.indicators.through
        cited.objects.bulk_create(
            cited(reportpage_id=report.pk, indicator_id=indicator.pk)
            for report in reports
            for indicator in rng.sample(indicator_rows, cited_indicators)
        )
    for report in reports:
        ReferenceIndex.create_or_update_for_object(report)
    return built, len(indicator_rows), len(document_rows)


LARGE_SITE_YEARS = (2016, 2017, 2018, 2019, 2020)  # before the demo's 2021, the current one


def build_large_site(scale=1.0):
    """The demo site plus the large synthetic site, indexed for search; returns the counts."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction
    from wagtail.signal_handlers import disable_reference_index_auto_update

    # Indexed once at the end, as a bulk load would; the portal updates on every save.
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]
    auto_update, backend["AUTO_UPDATE"] = backend.get("AUTO_UPDATE", True), False
    call_command("load_demo_data", verbosity=0)
    with disable_reference_index_auto_update(), transaction.atomic():
        counts = build_site(
            pages=int(5000 * scale),
            indicators=int(3000 * scale),
            documents=int(1000 * scale),
            years=LARGE_SITE_YEARS,
            measurements=3,
            departments=list(models.Department.objects.order_by("pk")[:8]),
            cited_indicators=3,
        )
    backend["AUTO_UPDATE"] = auto_update
    call_command("update_index", verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # planner statistics, as autovacuum keeps them
    return counts
