"""Citizens' questions on the current cycle's hearing and encounters, in every moderation state:
published with an answer, answered privately, rejected, one received and due soon, one
overdue; one answer created a commitment whose status history was published step by step.

Matched by (page, text); dates are set when a question is created (relative to that day), so
a re-run changes nothing.
"""

import datetime

from django.utils import timezone

from demo.current_cycle import HEARING_SLUG
from demo.helpers import CREATED, UNCHANGED, UPDATED, assign
from participa.consent import current_policy
from participa.deadlines import is_business_day
from participa.models import Question
from rendicion.choices import ActionStatus
from rendicion.models import Commitment, Department, PopulationGroup

LABEL = "Preguntas ciudadanas"
COMMITMENT_TEXT = (
    "Abrir el puesto de salud de La Buitrera dos tardes por semana, con médico y enfermera."
)

# (event slug, department slug, name, territory, population group slug, text, state,
# answer, rejection reason, business days ago it was received)
QUESTIONS = [
    (
        "encuentro-dialogo-salud",
        "salud",
        "María Fernanda Caicedo",
        "Corregimiento La Buitrera",
        "mujeres",
        "¿Cuándo vuelve a abrir por las tardes el puesto de salud de La Buitrera? Las madres "
        "tenemos que bajar hasta Palmira con los niños.",
        Question.Status.PUBLISHED,
        "La Secretaría de Salud se compromete a abrir el puesto dos tardes por semana desde el "
        "próximo mes; el compromiso y su avance se publican en esta página.",
        "",
        6,
    ),
    (
        "encuentro-dialogo-educacion",
        "educacion",
        "Jorge Iván Lozano",
        "Comuna 5",
        "",
        "Propongo que el transporte escolar rural pase también por la vereda La Quisquina.",
        Question.Status.PUBLISHED,
        "La ruta se amplía a La Quisquina desde el segundo semestre, según el estudio de "
        "demanda de la Secretaría.",
        "",
        5,
    ),
    (
        "encuentro-dialogo-salud",
        "salud",
        "Luz Dary Ospina",
        "Comuna 2",
        "personas-mayores",
        "Mi mamá lleva tres meses esperando una cita con el especialista; ¿a quién acudo?",
        Question.Status.ANSWERED_PRIVATELY,
        "Le escribimos por correo con los datos de la oficina de atención al usuario.",
        "",
        4,
    ),
    (
        HEARING_SLUG,
        "participacion-comunitaria",
        "Anónimo",
        "Comuna 1",
        "",
        "Gane dinero desde su casa, visite nuestro sitio web.",
        Question.Status.REJECTED,
        "",
        Question.RejectionReason.SPAM,
        3,
    ),
    (
        HEARING_SLUG,
        "participacion-comunitaria",
        "Carlos Andrés Mejía",
        "Corregimiento Rozo",
        "",
        "¿Qué avance tiene la pavimentación de la vía Rozo – La Torre prometida en 2021?",
        Question.Status.RECEIVED,
        "",
        "",
        13,  # due in two business days: "due soon"
    ),
    (
        "gobierno-al-barrio-comuna-7",
        "participacion-comunitaria",
        "Yolanda Restrepo",
        "Comuna 7",
        "",
        "El alumbrado del parque del barrio Zamorano lleva dos meses dañado.",
        Question.Status.RECEIVED,
        "",
        "",
        18,  # past its 15 business days: "overdue"
    ),
]


def _business_days_ago(days):
    """A moment ``days`` business days before today, at 10:00."""
    day = timezone.localdate()
    counted = 0
    while counted < days:
        day -= datetime.timedelta(days=1)
        if is_business_day(day):
            counted += 1
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def load_questions(events, stats):
    departments = {d.slug: d for d in Department.objects.all()}
    groups = {g.slug: g for g in PopulationGroup.objects.all()}
    policy = current_policy()
    loaded = {}
    for event, department, name, territory, group, text, status, answer, reason, days in QUESTIONS:
        page = events[event]
        question = Question.objects.filter(page=page, text=text).first()
        created = question is None
        if created:
            received = _business_days_ago(days)
            question = Question(
                page=page,
                text=text,
                received_at=received,
                consent_at=received,
                consent_policy_version=policy.version,
                consent_policy_url=policy.url,
                email=f"{name.split()[0].lower()}@example.org" if name != "Anónimo" else "",
            )
            if status in (Question.Status.PUBLISHED, Question.Status.ANSWERED_PRIVATELY):
                question.answered_at = received + datetime.timedelta(days=2)
                question.notified_at = question.answered_at
        changed = assign(
            question,
            department=departments[department],
            name="" if name == "Anónimo" else name,
            anonymous=name == "Anónimo",
            territory=territory,
            population_group=groups.get(group),
            status=status,
            answer=answer,
            rejection_reason=reason,
        )
        if created or changed:
            question.save()
        stats.record(LABEL, CREATED if created else UPDATED if changed else UNCHANGED)
        loaded[text] = question
    _load_commitment(loaded[QUESTIONS[0][5]], stats)


def _load_commitment(question, stats):
    """The commitment the first answer created, published through its revisions: pending,
    then in progress (each publication writes one entry of its status history)."""
    commitment = question.commitment or Commitment.objects.filter(text=COMMITMENT_TEXT).first()
    if commitment is None:
        commitment = Commitment(
            text=COMMITMENT_TEXT,
            department=question.department,
            origin_page=question.page,
            due_date=timezone.localdate() + datetime.timedelta(days=90),
            live=False,
        )
        commitment.save()
        commitment.save_revision().publish()
        commitment.status = ActionStatus.IN_PROGRESS
        commitment.status_note = "Se contrató el médico; falta la enfermera."
        commitment.evidence = "Contrato de prestación de servicios 0412."
        commitment.save_revision().publish()
        stats.record("Compromisos de preguntas", CREATED)
    else:
        stats.record("Compromisos de preguntas", UNCHANGED)
    if question.commitment_id != commitment.pk:
        question.commitment = commitment
        question.save()
