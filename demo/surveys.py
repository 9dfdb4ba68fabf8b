"""The two surveys of the 2021 cycle (encuestas/): the characterisation of stakeholders and
the evaluation of the exercise, with a few submissions so their results show in the admin.

Pages are matched by slug under the cycle, questions by label, submissions by survey and
submission time (set here, so a re-run finds them). Answers use the reserved example.org
domain and invented names: no real person's data."""

import datetime
from zoneinfo import ZoneInfo

from wagtail.contrib.forms.utils import get_field_clean_name

from demo.helpers import CREATED, UNCHANGED, upsert_page
from encuestas.models import SurveyPage, SurveySubmission
from participa.consent import current_policy
from rendicion.models import (
    AccountabilityCycleIndexPage,
    DialogueEncounterPage,
    PopulationGroup,
    PublicHearingPage,
    StakeholderGroup,
)

PALMIRA_TZ = ZoneInfo("America/Bogota")
CYCLE_SLUG = "rendicion-de-cuentas-2021"


def _lines(*choices):
    return "\n".join(choices)


def _question(label, field_type, *, required=True, choices=(), help_text="", **extra):
    return {
        "label": label,
        "field_type": field_type,
        "required": required,
        "choices": _lines(*choices),
        "help_text": help_text,
        "personal_data": extra.get("personal_data", False),
        "stakeholder_field": extra.get("stakeholder_field", ""),
    }


SECTORS = [
    "Educación",
    "Salud",
    "Infraestructura y vías",
    "Desarrollo económico y empleo",
    "Cultura, deporte y recreación",
    "Ambiente",
    "Seguridad y convivencia",
    "Otro",
]
TERRITORIES = [
    *(f"Comuna {number}" for number in range(1, 8)),
    "Zona rural (corregimientos)",
    "Todo el municipio",
]
CHANNELS = [
    "Correo electrónico",
    "WhatsApp",
    "Redes sociales",
    "Radio comunitaria",
    "Portal web de la Alcaldía",
    "Reuniones presenciales",
]


def characterisation_questions():
    population_groups = list(
        PopulationGroup.objects.order_by("name").values_list("name", flat=True)
    )
    group_types = [str(label) for _value, label in StakeholderGroup.GroupType.choices]
    return [
        _question("Nombre de la organización o grupo", "singleline", stakeholder_field="name"),
        _question(
            "Tipo de organización", "dropdown", choices=group_types, stakeholder_field="group_type"
        ),
        _question("Sector o tema principal", "dropdown", choices=SECTORS),
        _question("Territorio", "dropdown", choices=TERRITORIES, stakeholder_field="territory"),
        _question(
            "Grupos poblacionales que representa",
            "checkboxes",
            required=False,
            choices=population_groups,
            stakeholder_field="population_groups",
        ),
        _question(
            "Número aproximado de integrantes",
            "number",
            required=False,
            stakeholder_field="members",
        ),
        _question(
            "Temas de interés para la rendición de cuentas",
            "checkboxes",
            required=False,
            choices=SECTORS[:-1],
        ),
        _question(
            "Canales por los que prefiere recibir información", "checkboxes", choices=CHANNELS
        ),
        _question(
            "Persona de contacto",
            "singleline",
            required=False,
            personal_data=True,
            stakeholder_field="contact_name",
        ),
        _question(
            "Correo electrónico de contacto",
            "email",
            required=False,
            personal_data=True,
            stakeholder_field="contact_email",
        ),
        _question(
            "Teléfono de contacto",
            "singleline",
            required=False,
            personal_data=True,
            stakeholder_field="contact_phone",
        ),
        _question("Observaciones", "multiline", required=False, stakeholder_field="notes"),
    ]


LEARNED = [
    "Invitación de la Alcaldía",
    "Redes sociales",
    "Radio o televisión",
    "Junta de acción comunal",
    "Portal web de la Alcaldía",
    "Otro",
]
CLARITY = ["Muy clara", "Clara", "Poco clara", "Nada clara"]
USEFULNESS = ["Muy útil", "Útil", "Poco útil", "Nada útil"]
ANSWERED = ["Sí, todas", "Algunas", "No", "No hice preguntas"]

EVALUATION_QUESTIONS = [
    _question("¿Cómo se enteró de este espacio?", "radio", choices=LEARNED),
    _question("¿La información presentada fue clara?", "radio", choices=CLARITY),
    _question("¿Qué tan útil le pareció el espacio?", "radio", choices=USEFULNESS),
    _question("¿Sus preguntas fueron respondidas?", "radio", choices=ANSWERED),
    _question("Sugerencias para mejorar", "multiline", required=False),
]

SURVEYS = {
    "characterisation": {
        "slug": "caracterizacion-de-grupos-de-interes",
        "title": "Caracterización de grupos de interés",
        "kind": SurveyPage.Kind.CHARACTERISATION,
        "intro": (
            "<p>Si hace parte de una organización social, comunal, de usuarios o de un grupo "
            "de valor, cuéntenos quiénes son y cómo prefieren recibir información: así la "
            "Alcaldía los convoca a los encuentros de diálogo de la rendición de cuentas.</p>"
        ),
        "thank_you_text": (
            "<p>La Secretaría de Participación Comunitaria revisará la información y la "
            "incluirá en la caracterización de grupos de interés.</p>"
        ),
    },
    "evaluation": {
        "slug": "evaluacion-de-la-rendicion-de-cuentas",
        "title": "Evaluación de la rendición de cuentas 2021",
        "kind": SurveyPage.Kind.EVALUATION,
        "intro": (
            "<p>Su opinión sobre los encuentros de diálogo y la audiencia pública alimenta el "
            "informe final de evaluación y el plan de mejora. La encuesta es anónima.</p>"
        ),
        "thank_you_text": "<p>Gracias por ayudarnos a mejorar la rendición de cuentas.</p>",
    },
}


def _answers(questions, *values):
    return {
        get_field_clean_name(question["label"]): value
        for question, value in zip(questions, values, strict=True)
    }


def _evaluation_submissions():
    q = EVALUATION_QUESTIONS
    return [
        (
            "2021-12-15 12:10",
            "hearing",
            _answers(
                q,
                "Redes sociales",
                "Muy clara",
                "Muy útil",
                "Sí, todas",
                "Transmitir también por la emisora comunitaria.",
            ),
        ),
        (
            "2021-12-15 12:25",
            "hearing",
            _answers(q, "Invitación de la Alcaldía", "Clara", "Útil", "Algunas", ""),
        ),
        (
            "2021-12-15 13:05",
            "hearing",
            _answers(
                q,
                "Junta de acción comunal",
                "Poco clara",
                "Útil",
                "No",
                "Menos cifras y más ejemplos de obras en los barrios.",
            ),
        ),
        (
            "2021-10-09 11:40",
            "comuna-1",
            _answers(
                q,
                "Junta de acción comunal",
                "Clara",
                "Muy útil",
                "Sí, todas",
                "Repetir la jornada en la Comuna 1 cada semestre.",
            ),
        ),
        (
            "2021-10-09 11:55",
            "comuna-1",
            _answers(q, "Radio o televisión", "Muy clara", "Útil", "No hice preguntas", ""),
        ),
        (
            "2021-10-09 12:20",
            "comuna-1",
            _answers(
                q,
                "Invitación de la Alcaldía",
                "Clara",
                "Poco útil",
                "Algunas",
                "Más tiempo para las preguntas de la comunidad.",
            ),
        ),
    ]


def _characterisation_submissions(questions):
    return [
        (
            "2021-08-20 10:15",
            _answers(
                questions,
                "Colectivo Juvenil Palmira Crea",
                "Organización social",
                "Cultura, deporte y recreación",
                "Comuna 5",
                ["Jóvenes"],
                35,
                ["Cultura, deporte y recreación", "Educación"],
                ["WhatsApp", "Redes sociales"],
                "Laura Gómez (ejemplo)",
                "colectivo.juvenil@example.org",
                "300 000 0000",
                "Trabajamos con jóvenes de los barrios de la Comuna 5.",
            ),
        ),
        (
            "2021-08-23 16:40",
            _answers(
                questions,
                "Asociación de Usuarios del Hospital Raúl Orejuela Bueno",
                "Usuarios de los servicios",
                "Salud",
                "Todo el municipio",
                ["Personas mayores", "Personas con discapacidad"],
                120,
                ["Salud"],
                ["Correo electrónico", "Reuniones presenciales"],
                "",
                "",
                "",
                "",
            ),
        ),
    ]


def _local(value):
    return datetime.datetime.strptime(value, "%Y-%m-%d %H:%M").replace(tzinfo=PALMIRA_TZ)


def _ensure_submission(stats, page, when, answers, event=None, consent=False):
    submit_time = _local(when)
    if SurveySubmission.objects.filter(page=page, submit_time=submit_time).exists():
        stats.record("Respuestas a encuestas", UNCHANGED)
        return
    policy = current_policy()
    submission = SurveySubmission.objects.create(
        page=page,
        form_data=answers,
        event=event,
        consent_version=policy.version if consent else "",
        consented_at=submit_time if consent else None,
    )
    # submit_time is set on creation (auto_now_add): the demo's dates come after.
    SurveySubmission.objects.filter(pk=submission.pk).update(submit_time=submit_time)
    stats.record("Respuestas a encuestas", CREATED)


def _survey(stats, cycle, spec, questions):
    rows = [dict(question) for question in questions]
    return upsert_page(
        stats,
        cycle,
        SurveyPage,
        spec["slug"],
        children={"form_fields": (("label",), rows)},
        title=spec["title"],
        kind=spec["kind"],
        intro=spec["intro"],
        thank_you_text=spec["thank_you_text"],
    )


def load_surveys(stats):
    cycle = AccountabilityCycleIndexPage.objects.get(slug=CYCLE_SLUG)
    questions = characterisation_questions()
    characterisation = _survey(stats, cycle, SURVEYS["characterisation"], questions)
    evaluation = _survey(stats, cycle, SURVEYS["evaluation"], EVALUATION_QUESTIONS)
    events = {
        "hearing": PublicHearingPage.objects.descendant_of(cycle).first(),
        "comuna-1": DialogueEncounterPage.objects.descendant_of(cycle)
        .filter(slug="gobierno-al-barrio-comuna-1")
        .first(),
    }
    for when, event, answers in _evaluation_submissions():
        _ensure_submission(stats, evaluation, when, answers, event=events[event])
    for when, answers in _characterisation_submissions(questions):
        _ensure_submission(stats, characterisation, when, answers, consent=True)
