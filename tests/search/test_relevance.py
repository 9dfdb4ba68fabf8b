"""What citizens type → what they must find first (or in the top three).

Runs on SQLite and on PostgreSQL (``.ci/run`` runs the suite on both), so the Spanish analysis
and the ranking must give the same answers on each.
"""

import pytest

from search.engine import CitizenSearch

pytestmark = pytest.mark.django_db

FIRST, TOP3 = 1, 3

CASES = [
    # Accents and case do not matter.
    ("educacion", "page:Secretaría de Educación", FIRST),
    ("EDUCACIÓN", "page:Secretaría de Educación", FIRST),
    (
        "bilinguismo",
        "indicator:Instituciones educativas fortalecidas en competencias de bilingüismo",
        FIRST,
    ),
    (
        "vacunacion",
        "indicator:Cobertura de vacunación con esquema completo en niñas y niños menores de un año",
        FIRST,
    ),
    ("vias terciarias", "indicator:Kilómetros de vías terciarias mejorados", FIRST),
    ("participacion comunitaria", "page:Secretaría de Participación Comunitaria", FIRST),
    (
        "dialogo participativo educacion",
        "page:Encuentro de diálogo participativo de la Secretaría de Educación",
        FIRST,
    ),
    # Singular, plural and other inflections.
    ("audiencias", "page:Audiencia pública participativa de rendición de cuentas 2021", FIRST),
    (
        "docente",
        "indicator:Docentes beneficiados con estrategias de mejoramiento de sus competencias",
        FIRST,
    ),
    (
        "estudiante evaluado",
        "indicator:Estudiantes evaluados con pruebas de calidad educativa",
        FIRST,
    ),
    ("organizacion comunal", "indicator:Organizaciones comunales y sociales fortalecidas", FIRST),
    ("informes de gestion", "page:Informe de gestión de Rendición de Cuentas 2021", FIRST),
    ("planes de mejora", "page:Plan de mejora de la rendición de cuentas 2021", TOP3),
    ("personas mayores", "indicator:Personas mayores atendidas en los centros vida", FIRST),
    (
        "encuentros de dialogo",
        "page:Encuentro de diálogo participativo de la Secretaría de Salud",
        TOP3,
    ),
    (
        "calidad educativa",
        "indicator:Estudiantes evaluados con pruebas de calidad educativa",
        FIRST,
    ),
    # Exact identifiers win.
    (
        "220100900",
        "indicator:Docentes beneficiados con estrategias de mejoramiento de sus competencias",
        FIRST,
    ),
    ("220100700", "indicator:Estudiantes evaluados con pruebas de calidad educativa", FIRST),
    (
        "indicador 220103401",
        "indicator:Instituciones educativas fortalecidas en competencias de bilingüismo",
        FIRST,
    ),
    ("4.1", "target:4.1", FIRST),
    ("4.1", "indicator:Estudiantes evaluados con pruebas de calidad educativa", TOP3),
    ("meta 13.3", "target:13.3", FIRST),
    ("Meta 4.c", "target:4.c", FIRST),
    ("ODS 4", "goal:4", FIRST),
    ("ods 3", "goal:3", FIRST),
    ("ODS 16 rendicion de cuentas", "goal:16", FIRST),
    # Department names.
    ("secretaria de salud", "page:Secretaría de Salud", FIRST),
    ("Secretaría de Educación", "page:Secretaría de Educación", TOP3),
    ("infraestructura", "indicator:Kilómetros de vías terciarias mejorados", TOP3),
    ("integracion social", "indicator:Personas mayores atendidas en los centros vida", TOP3),
    # Document titles.
    (
        "relatoria del encuentro",
        "document:Relatoría del encuentro de diálogo participativo - Secretaría de Educación",
        FIRST,
    ),
    (
        "informe final de evaluacion",
        "document:Informe final de evaluación del proceso de rendición de cuentas 2021",
        TOP3,
    ),
    (
        "sistematizacion dialogos",
        "document:Informe de sistematización de los diálogos participativos 2021",
        TOP3,
    ),
    (
        "informe gestion alcaldia palmira",
        "document:Informe de gestión de Rendición de Cuentas 2021 - Alcaldía de Palmira",
        FIRST,
    ),
    # Places and programmes.
    ("gobierno al barrio", "page:Gobierno al barrio – Comuna 1", FIRST),
    ("rozo", "page:Gobierno al campo – Corregimiento de Rozo", FIRST),
    ("mortalidad infantil", "indicator:Tasa de mortalidad infantil en menores de un año", FIRST),
    (
        "material particulado PM2.5",
        "indicator:Concentración media anual de material particulado PM2.5 en la zona urbana",
        FIRST,
    ),
    (
        "alimentacion escolar 2020",
        "page:Informe de rendición de cuentas 2020 de la Secretaría de Educación",
        FIRST,
    ),
]


def describe(hit):
    if hit.kind == "target":
        return f"target:{hit.obj.code}"
    if hit.kind == "goal":
        return f"goal:{hit.obj.number}"
    return f"{hit.kind}:{hit.title}"


@pytest.mark.parametrize(("query", "expected", "within"), CASES)
def test_relevance(search_corpus, query, expected, within):
    outcome = CitizenSearch(site=search_corpus.site).run(query)
    found = [describe(hit) for hit in outcome.hits[:within]]
    assert expected in found, f"{query!r}: {expected!r} not in the top {within}: {found}"


def test_the_relevance_set_is_large_enough():
    assert len(CASES) >= 30
