"""The search test corpus: a small Palmira site built with the factories, plus what must never
be found.

The pages, indicators and documents are those of an accountability cycle (the titles, summaries
and other indexed text the relevance and results tests search for, and the neighbours that
compete with them for the first places), an earlier cycle so that the vigencia facet has two
values, and the drafts, private pages and documents the search must never show. Nothing comes
from the demo data (``load_demo_data``): a change there cannot change what the search tests
measure.

Built once per test module by the ``search_corpus`` fixture (``tests/search/conftest.py``).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from io import StringIO

from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site

from rendicion import models
from tests.factories import (
    CycleFactory,
    DepartmentFactory,
    DepartmentSectionFactory,
    DocumentFactory,
    EncounterFactory,
    HearingFactory,
    ImprovementPlanFactory,
    IndicatorFactory,
    IndicatorIndexFactory,
    MeasurementFactory,
    ReportFactory,
    SdgIndexFactory,
    home_page,
)


@dataclass
class Corpus:
    site: Site
    draft_page: Page
    private_page: Page
    orphan_page: Page
    draft_indicator: models.Indicator
    revised_indicator: models.Indicator
    private_document: object
    draft_only_document: object
    public_document: object


# --- The data ----------------------------------------------------------------------------------

DEPARTMENTS = {
    "educacion": ("Secretaría de Educación", "SEM"),
    "salud": ("Secretaría de Salud", "SSM"),
    "participacion-comunitaria": ("Secretaría de Participación Comunitaria", "SPC"),
    "desarrollo-economico": ("Secretaría de Desarrollo Económico", "SDE"),
    "infraestructura": ("Secretaría de Infraestructura", "SI"),
    "integracion-social": ("Secretaría de Integración Social", "SIS"),
    "ambiente": ("Secretaría de Ambiente", "SA"),
    "planeacion": ("Departamento Administrativo de Planeación", "DAP"),
}

ENTORNOS = "Entornos escolares"

# key: (code, name, department, unit, programme, SDG targets, {year: value})
INDICATORS = {
    "saber-11": (
        "",
        "Número de Instituciones Educativas con mejoramiento de clasificación de plantel según "
        "las pruebas Saber 11",
        "educacion",
        "Número",
        "",
        ["4.1", "4.2", "4.3", "4.4", "4.5", "13.3"],
        {2021: "3"},
    ),
    "docentes": (
        "220100900",
        "Docentes beneficiados con estrategias de mejoramiento de sus competencias",
        "educacion",
        "Número",
        ENTORNOS,
        ["4.c"],
        {2020: "520", 2021: "800"},
    ),
    "estudiantes": (
        "220100700",
        "Estudiantes evaluados con pruebas de calidad educativa",
        "educacion",
        "Número",
        ENTORNOS,
        ["4.1"],
        {2020: "1900", 2021: "2300"},
    ),
    "bilinguismo": (
        "220103401",
        "Instituciones educativas fortalecidas en competencias de bilingüismo",
        "educacion",
        "Número",
        ENTORNOS,
        ["4.4"],
        {2021: "27"},
    ),
    "mortalidad": (
        "",
        "Tasa de mortalidad infantil en menores de un año",
        "salud",
        "Muertes por cada 1.000 nacidos vivos",
        "Salud pública",
        ["3.2"],
        {2020: "8.9", 2021: "8.6"},
    ),
    "vacunacion": (
        "",
        "Cobertura de vacunación con esquema completo en niñas y niños menores de un año",
        "salud",
        "Porcentaje",
        "Salud pública",
        ["3.b", "3.2"],
        {2021: "93.4"},
    ),
    "pm25": (
        "",
        "Concentración media anual de material particulado PM2.5 en la zona urbana",
        "ambiente",
        "µg/m³",
        "Calidad del aire",
        ["11.6", "3.9"],
        {2021: "22.5"},
    ),
    "cuencas": (
        "",
        "Hectáreas en proceso de restauración ecológica en las cuencas de los ríos Nima y Amaime",
        "ambiente",
        "Hectáreas",
        "Conservación de la biodiversidad y sus servicios ecosistémicos",
        ["15.1", "6.6"],
        {2021: "320"},
    ),
    "organizaciones": (
        "",
        "Organizaciones comunales y sociales fortalecidas",
        "participacion-comunitaria",
        "Número",
        "Participación ciudadana y fortalecimiento comunal",
        ["16.7"],
        {2021: "110"},
    ),
    "espacios-dialogo": (
        "",
        "Encuentros de diálogo participativo y jornadas zonales de rendición de cuentas realizados",
        "participacion-comunitaria",
        "Número",
        "Participación ciudadana y fortalecimiento comunal",
        ["16.6", "16.7"],
        {2021: "22"},
    ),
    "vias": (
        "",
        "Kilómetros de vías terciarias mejorados",
        "infraestructura",
        "Kilómetros",
        "Infraestructura vial rural",
        ["9.1"],
        {2021: "18.5"},
    ),
    "personas-mayores": (
        "",
        "Personas mayores atendidas en los centros vida",
        "integracion-social",
        "Número",
        "Atención integral a la persona mayor",
        ["10.2", "1.3"],
        {},  # a new indicator, not measured yet
    ),
}

# key: (title, description, document type, department)
DOCUMENTS = {
    "informe-gestion": (
        "Informe de gestión de Rendición de Cuentas 2021 - Alcaldía de Palmira",
        "Informe de la gestión de la administración municipal durante la vigencia 2021, "
        "presentado en la audiencia pública participativa.",
        "management_report",
        "participacion-comunitaria",
    ),
    "informe-educacion": (
        "Informe de rendición de cuentas 2021 - Secretaría de Educación",
        "Informe enviado a los grupos de valor antes del encuentro de diálogo.",
        "management_report",
        "educacion",
    ),
    "relatoria-educacion": (
        "Relatoría del encuentro de diálogo participativo - Secretaría de Educación",
        "Sistematización de las preguntas, propuestas y compromisos del encuentro.",
        "minutes",
        "educacion",
    ),
    "informe-sistematizacion": (
        "Informe de sistematización de los diálogos participativos 2021",
        "Consolidado de los encuentros por dependencia, las jornadas zonales y la audiencia "
        "pública.",
        "systematisation",
        "participacion-comunitaria",
    ),
    "informe-evaluacion": (
        "Informe final de evaluación del proceso de rendición de cuentas 2021",
        "Evaluación de la estrategia: cumplimiento del cronograma, participación y percepción "
        "ciudadana.",
        "evaluation",
        "participacion-comunitaria",
    ),
}

CYCLE_OBJECTIVE = (
    "<p>Identificar y caracterizar las organizaciones sociales, comunales, usuarios, grupos de "
    "valor y la ciudadanía en general, teniendo en cuenta los roles, competencias y la "
    "representación que puedan tener para la administración municipal de Palmira.</p>"
)
CYCLE_BODY = [
    ("heading", {"text": "¿Qué es y quiénes participan?", "level": "h2"}),
    (
        "paragraph",
        "<p>La rendición de cuentas es un proceso que está orientado por un conjunto de normas, "
        "procedimientos, metodologías y resultados mediante los cuales las entidades de la "
        "administración pública del nivel nacional y territorial informan, explican y dan a "
        "conocer los resultados de su gestión a la ciudadanía, la sociedad civil, otras "
        "entidades públicas y a los organismos de control, a partir de la promoción del diálogo "
        "(Ley 1757 de 2015, artículos 48 a 57).</p>",
    ),
    ("heading", {"text": "Enfoque basado en derechos humanos y paz", "level": "h2"}),
    (
        "paragraph",
        "<p>Vincular a todos los sujetos de derecho, especialmente a aquellos que históricamente "
        "han sido excluidos, y evidenciar cómo la gestión pública mejoró, respetó, protegió y "
        "garantizó los derechos humanos en las condiciones de vida de las comunidades.</p>",
    ),
]

SECTION_INTROS = {
    "educacion": "<p>Encuentro de diálogo, informe e indicadores de la Secretaría de Educación "
    "en la rendición de cuentas 2021.</p>",
    "salud": "<p>Encuentro de diálogo e indicadores de la Secretaría de Salud.</p>",
    "participacion-comunitaria": "<p>La Secretaría coordina la estrategia de rendición de "
    "cuentas y las jornadas zonales Gobierno al barrio y Gobierno al campo.</p>",
}


def question(kind, text, asked_by, answer, answered_by):
    return (
        "question",
        {
            "kind": kind,
            "text": text,
            "asked_by": asked_by,
            "answer": answer,
            "answered_by": answered_by,
        },
    )


# Keyword arguments of EncounterFactory; section, department and document by key.
ENCOUNTERS = [
    {
        "section": "educacion",
        "title": "Encuentro de diálogo participativo de la Secretaría de Educación",
        "modality": "department",
        "department": "educacion",
        "place": "Auditorio del Centro Administrativo Municipal de Palmira (CAMP)",
        "summary": "La Secretaría de Educación presentó a las asociaciones de padres de familia, "
        "docentes, estudiantes y organizaciones étnicas el avance del programa Entornos "
        "escolares y los resultados de las pruebas Saber 11, y respondió sus preguntas.",
        "body": [
            (
                "paragraph",
                "<p>El informe de la Secretaría se envió a los grupos de valor quince días "
                "antes del encuentro. La jornada tuvo tres momentos: presentación de "
                "resultados, mesas de diálogo por tema (calidad educativa, bilingüismo y "
                "entornos escolares) y plenaria de compromisos.</p>",
            )
        ],
        "questions": [
            question(
                "question",
                "¿Qué instituciones educativas mejoraron su clasificación en las pruebas "
                "Saber 11 y qué apoyo recibirán las que bajaron?",
                "Asociaciones de padres de familia",
                "<p>Tres instituciones educativas oficiales subieron de categoría en 2021. "
                "Las que bajaron contarán con un plan de mejoramiento académico acompañado "
                "por la Secretaría y con prioridad en la formación docente.</p>",
                "Secretaría de Educación",
            ),
            question(
                "proposal",
                "Llevar la formación en competencias digitales y bilingüismo a los docentes "
                "de las sedes rurales.",
                "Docentes de sedes rurales",
                "<p>Se acoge la propuesta y queda como compromiso para el primer semestre "
                "de 2022.</p>",
                "Secretaría de Educación",
            ),
            question(
                "concern",
                "Los estudiantes indígenas necesitan materiales y evaluaciones con enfoque "
                "intercultural.",
                "Cabildo indígena de Palmira",
                "<p>Se conformará una mesa con el cabildo para revisar los materiales del "
                "programa de bilingüismo y las pruebas diagnósticas.</p>",
                "Secretaría de Educación",
            ),
            question(
                "recognition",
                "Las pruebas diagnósticas permitieron conocer cómo quedaron los aprendizajes "
                "después de la pandemia.",
                "Plataforma Municipal de Juventudes",
                "",
                "",
            ),
        ],
        "systematisation_document": "relatoria-educacion",
    },
    {
        "section": "salud",
        "title": "Encuentro de diálogo participativo de la Secretaría de Salud",
        "modality": "department",
        "department": "salud",
        "place": "Salón de eventos del Centro Administrativo Municipal de Palmira (CAMP)",
        "summary": "La Secretaría de Salud rindió cuentas sobre la vacunación, la salud infantil "
        "y la atención a la pandemia ante las asociaciones de usuarios y las veedurías.",
        "questions": [
            question(
                "question",
                "¿Cuándo habrá jornadas de vacunación en los corregimientos más alejados?",
                "Asociación de usuarios",
                "<p>Entre noviembre y diciembre se programan jornadas extramurales en los "
                "corregimientos con menor cobertura.</p>",
                "Secretaría de Salud",
            ),
            question(
                "concern",
                "La asignación de citas de medicina general tarda más de dos semanas.",
                "Red de veedurías ciudadanas",
                "<p>La Secretaría hará seguimiento mensual a la oportunidad de las citas con "
                "la ESE y las EPS.</p>",
                "Secretaría de Salud",
            ),
        ],
    },
    {
        "section": "participacion-comunitaria",
        "title": "Gobierno al barrio – Comuna 1",
        "modality": "neighbourhood",
        "department": "participacion-comunitaria",
        "territory": "Comuna 1",
        "place": "Polideportivo de la Comuna 1",
        "summary": "El Alcalde y su gabinete escucharon a las juntas de acción comunal y a los "
        "vecinos de la Comuna 1 y respondieron sobre vías, alumbrado, seguridad y programas "
        "sociales.",
        "questions": [
            question(
                "question",
                "¿Cuándo se hará el mantenimiento de las vías internas de la comuna?",
                "Juntas de Acción Comunal de la Comuna 1",
                "<p>Las vías priorizadas por las juntas se incluirán en el plan de obras de "
                "2022.</p>",
                "Secretaría de Infraestructura",
            ),
            question(
                "proposal",
                "Que las juntas reciban acompañamiento para presentar proyectos al "
                "presupuesto participativo.",
                "Asojuntas",
                "<p>La Secretaría de Participación Comunitaria abrirá talleres de "
                "formulación de proyectos en noviembre.</p>",
                "Secretaría de Participación Comunitaria",
            ),
            question(
                "concern",
                "Las personas mayores no conocen la oferta de los centros vida.",
                "Vecinos de la comuna",
                "<p>Se hará una jornada de inscripción en la comuna.</p>",
                "Secretaría de Integración Social",
            ),
        ],
    },
    {
        "section": "participacion-comunitaria",
        "title": "Gobierno al campo – Corregimiento de Rozo",
        "modality": "rural",
        "department": "participacion-comunitaria",
        "territory": "Corregimiento de Rozo",
        "place": "Parque principal del corregimiento de Rozo",
        "summary": "Jornada zonal con las comunidades campesinas y afrodescendientes de Rozo "
        "sobre vías terciarias, salud rural y apoyo a la producción agropecuaria.",
        "questions": [
            question(
                "concern",
                "Las vías terciarias del corregimiento están en mal estado y dificultan "
                "sacar las cosechas.",
                "Juntas de Acción Comunal de Rozo",
                "<p>Se hará un diagnóstico de las vías terciarias de Rozo para priorizar su "
                "intervención.</p>",
                "Secretaría de Infraestructura",
            ),
            question(
                "proposal",
                "Realizar una brigada de salud y vacunación en el corregimiento.",
                "Consejo comunitario",
                "<p>Se programa para noviembre.</p>",
                "Secretaría de Salud",
            ),
            question(
                "question",
                "¿Qué apoyo tendrán los pequeños productores para comercializar?",
                "Productores de Rozo",
                "<p>Se propone un mercado campesino mensual en el centro de Palmira.</p>",
                "Secretaría de Desarrollo Económico",
            ),
        ],
    },
]

HEARING_TITLE = "Audiencia pública participativa de rendición de cuentas 2021"
HEARING_SUMMARY = (
    "El Alcalde presentó los temas estratégicos de la gestión 2021 y la administración respondió "
    "las preguntas inscritas por la ciudadanía y las recibidas en la transmisión."
)
HEARING_OUTCOMES = [
    (
        "paragraph",
        "<p>Se inscribieron 27 preguntas y se respondieron todas en la audiencia o por escrito "
        "dentro de los quince días siguientes. La Personería Municipal y la red de veedurías "
        "participaron como observadoras.</p>",
    )
]

# Keyword arguments of ReportFactory; section (none: the cycle), department, documents and
# indicators by key.
REPORTS = [
    {
        "title": "Informe de gestión de Rendición de Cuentas 2021",
        "kind": "management",
        "summary": "Resultados de la administración municipal en 2021 frente al Plan de "
        "Desarrollo, con enfoque basado en derechos humanos y paz y su aporte a los Objetivos "
        "de Desarrollo Sostenible.",
        "body": [
            ("heading", {"text": "Temas estratégicos", "level": "h2"}),
            (
                "paragraph",
                "<ul><li><b>Educación:</b> entornos escolares, calidad educativa y "
                "bilingüismo.</li><li><b>Salud:</b> vacunación y salud infantil.</li>"
                "<li><b>Participación:</b> 22 espacios de diálogo con la ciudadanía.</li>"
                "<li><b>Ambiente:</b> calidad del aire y restauración de las cuencas.</li></ul>",
            ),
        ],
        "documents": ["informe-gestion"],
        "indicators": [
            "docentes",
            "estudiantes",
            "bilinguismo",
            "saber-11",
            "mortalidad",
            "vacunacion",
            "pm25",
            "espacios-dialogo",
        ],
    },
    {
        "section": "educacion",
        "title": "Informe de rendición de cuentas 2021 de la Secretaría de Educación",
        "kind": "department",
        "department": "educacion",
        "summary": "Avance de los indicadores del programa Entornos escolares y del indicador de "
        "resultado de las pruebas Saber 11.",
        "body": [
            (
                "paragraph",
                "<p>El informe se envió a los grupos de valor de la Secretaría antes del "
                "encuentro de diálogo participativo e integra las observaciones recibidas en "
                "él.</p>",
            )
        ],
        "documents": ["informe-educacion"],
        "indicators": ["docentes", "estudiantes", "bilinguismo", "saber-11"],
    },
    {
        "title": "Informe de sistematización de los diálogos participativos 2021",
        "kind": "systematisation",
        "summary": "Consolidado de las preguntas, propuestas y compromisos de los encuentros por "
        "dependencia, las jornadas zonales y la audiencia pública.",
        "body": [
            (
                "paragraph",
                "<p>Los temas más consultados fueron la calidad educativa, las vías rurales, la "
                "atención en salud y la seguridad en los barrios.</p>",
            )
        ],
        "documents": ["informe-sistematizacion"],
        "indicators": ["espacios-dialogo"],
    },
    {
        "title": "Informe final de evaluación del proceso de rendición de cuentas 2021",
        "kind": "evaluation",
        "summary": "Evaluación del cumplimiento del cronograma, la participación y la percepción "
        "ciudadana; origen del plan de mejora.",
        "body": [
            (
                "paragraph",
                "<p>El 87 % de quienes respondieron la encuesta de evaluación consideró útil la "
                "información presentada. Las principales oportunidades de mejora son la "
                "convocatoria en la zona rural y a los grupos étnicos, la publicación anticipada "
                "del informe y la accesibilidad de las transmisiones.</p>",
            )
        ],
        "documents": ["informe-evaluacion"],
    },
]

PLAN_TITLE = "Plan de mejora de la rendición de cuentas 2021"
PLAN_SUMMARY = (
    "Acciones para atender las oportunidades de mejora identificadas en el informe final de "
    "evaluación."
)


# --- Building it -------------------------------------------------------------------------------


def aware(*args):
    return timezone.make_aware(datetime.datetime(*args))


def document_blocks(documents):
    return [
        ("document", {"document": document, "description": document.description})
        for document in documents
    ]


def build_departments():
    return {
        slug: DepartmentFactory(slug=slug, name=name, acronym=acronym)
        for slug, (name, acronym) in DEPARTMENTS.items()
    }


def build_indicators(departments):
    indicators = {}
    for key, (code, name, department, unit, programme, targets, values) in INDICATORS.items():
        indicator = IndicatorFactory(
            code=code,
            name=name,
            department=departments[department],
            unit=unit,
            programme=programme,
            sdg_targets=targets,
        )
        for year, value in values.items():
            MeasurementFactory(
                indicator=indicator,
                period=str(year),
                date=datetime.date(year, 12, 31),
                value=Decimal(value),
            )
        indicators[key] = indicator
    return indicators


def build_documents(departments):
    return {
        key: DocumentFactory(
            title=title,
            description=description,
            document_type=document_type,
            department=departments[department],
        )
        for key, (title, description, document_type, department) in DOCUMENTS.items()
    }


def build_cycle_2021(home, departments, indicators, documents):
    """The 2021 cycle: sections, encounters, hearing, reports and improvement plan."""
    cycle = CycleFactory(
        parent=home,
        year=2021,
        slug="rendicion-de-cuentas-2021",
        objective=CYCLE_OBJECTIVE,
        body=CYCLE_BODY,
    )
    sections = {
        slug: DepartmentSectionFactory(
            parent=cycle, department=departments[slug], slug=slug, intro=intro
        )
        for slug, intro in SECTION_INTROS.items()
    }
    for spec in ENCOUNTERS:
        spec = dict(spec)
        document = spec.pop("systematisation_document", None)
        EncounterFactory(
            parent=sections[spec.pop("section")],
            department=departments[spec.pop("department")],
            systematisation_document=documents[document] if document else None,
            **spec,
        )
    HearingFactory(
        parent=cycle,
        title=HEARING_TITLE,
        start=aware(2021, 12, 16, 9, 0),
        place="Auditorio del Centro Administrativo Municipal de Palmira (CAMP)",
        summary=HEARING_SUMMARY,
        documents=document_blocks([documents["informe-gestion"]]),
        outcomes=HEARING_OUTCOMES,
    )
    reports = {}
    for spec in REPORTS:
        spec = dict(spec)
        section = spec.pop("section", None)
        department = spec.pop("department", None)
        reports[spec["title"]] = ReportFactory(
            parent=sections[section] if section else cycle,
            department=departments[department] if department else None,
            documents=document_blocks([documents[key] for key in spec.pop("documents")]),
            indicators=[indicators[key] for key in spec.pop("indicators", [])],
            **spec,
        )
    ImprovementPlanFactory(
        parent=cycle,
        title=PLAN_TITLE,
        source_page=reports["Informe final de evaluación del proceso de rendición de cuentas 2021"],
        department=departments["participacion-comunitaria"],
        summary=PLAN_SUMMARY,
    )
    return sections


def build_cycle_2020(home, departments):
    """An earlier vigencia, so that the vigencia facet has two values; its public report cites
    the document the results tests look for."""
    cycle = CycleFactory(
        parent=home, year=2020, title="Rendición de Cuentas 2020", slug="rendicion-de-cuentas-2020"
    )
    section = DepartmentSectionFactory(
        parent=cycle, department=departments["educacion"], slug="educacion"
    )
    document = DocumentFactory(
        title="Informe de rendición de cuentas 2020 - Secretaría de Educación",
        description="Resultados de la vigencia 2020 en cobertura escolar y alimentación escolar.",
        fiscal_year=2020,
        department=departments["educacion"],
    )
    ReportFactory(
        parent=section,
        title="Informe de rendición de cuentas 2020 de la Secretaría de Educación",
        department=departments["educacion"],
        summary="Cobertura escolar, alimentación escolar y transporte escolar rural en 2020.",
        documents=document_blocks([document]),
    )
    return cycle, document


def build_hidden(cycle_2020, section_2021, departments, indicators):
    """Never to be found: a draft, a private page, a page under an unpublished section, an
    indicator never approved, an approved one with an unapproved edit, and documents that no
    public page cites."""
    educacion = departments["educacion"]
    draft_only_document = DocumentFactory(title="Borrador de bilingüismo rural sin publicar")
    draft_page = EncounterFactory(
        parent=section_2021,
        title="Encuentro borrador sobre bilingüismo rural",
        summary="Borrador de bilingüismo rural que nadie aprobó.",
        department=educacion,
        live=False,
        systematisation_document=draft_only_document,
    )
    private_page = ReportFactory(
        parent=section_2021,
        title="Informe reservado de bilingüismo rural",
        summary="Bilingüismo rural: documento interno.",
        department=educacion,
    )
    PageViewRestriction.objects.create(
        page=private_page, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    hidden_section = DepartmentSectionFactory(
        parent=cycle_2020,
        department=departments["salud"],
        title="Sección retirada de salud",
        slug="salud",
    )
    orphan_page = ReportFactory(
        parent=hidden_section,
        title="Informe huérfano de bilingüismo rural",
        summary="Bilingüismo rural bajo una sección retirada.",
    )
    hidden_section.unpublish()
    draft_indicator = IndicatorFactory(
        code="990000001",
        name="Sedes rurales con bilingüismo rural nunca aprobado",
        department=educacion,
        live=False,
    )
    # An edit waiting for approval lives in a revision; the row stays the approved version.
    revised_indicator = indicators["estudiantes"]
    revised_indicator.name = "Estudiantes evaluados en bilingüismo rural, edición pendiente"
    revised_indicator.save_revision()
    revised_indicator.refresh_from_db()
    return {
        "draft_page": draft_page,
        "private_page": private_page,
        "orphan_page": orphan_page,
        "draft_indicator": draft_indicator,
        "revised_indicator": revised_indicator,
        "private_document": DocumentFactory(title="Documento privado de bilingüismo rural"),
        "draft_only_document": draft_only_document,
    }


def build_corpus():
    site = Site.objects.get(is_default_site=True)
    home = home_page()
    home.title = "Rendición de Cuentas de la Alcaldía de Palmira"
    home.save_revision().publish()
    IndicatorIndexFactory(parent=home, title="Indicadores del Plan de Desarrollo")
    SdgIndexFactory(parent=home)

    departments = build_departments()
    indicators = build_indicators(departments)
    documents = build_documents(departments)
    sections = build_cycle_2021(home, departments, indicators, documents)
    cycle_2020, public_document = build_cycle_2020(home, departments)
    hidden = build_hidden(cycle_2020, sections["educacion"], departments, indicators)

    call_command("update_index", stdout=StringIO(), verbosity=0)
    call_command("rebuild_references_index", stdout=StringIO(), verbosity=0)
    return Corpus(site=site, public_document=public_document, **hidden)
