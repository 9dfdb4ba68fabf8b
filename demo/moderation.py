"""Work waiting for approval, so that a newcomer finds the moderation dashboards populated.

- The Secretaría de Educación's editor drafts a follow-up session and submits it: it waits for
  the department review (``revisor.educacion``).
- The same editor adds the first-semester 2022 measurement of an indicator and submits it; the
  department's reviewer has approved it, so it waits for Participación Comunitaria
  (``aprobador.participacion``). The public site keeps showing the approved figures.

Created once; a later run leaves them alone whatever happened to them since (approved,
rejected or edited), like every other object an administrator changed.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from wagtail.models import WorkflowState

from demo.helpers import CREATED, UNCHANGED, stream
from rendicion.models import DialogueEncounterPage, Indicator, IndicatorMeasurement

PENDING_PAGE = {
    "parent": "educacion",
    "author": "editor.educacion",
    "slug": "mesa-de-seguimiento-compromisos-educacion",
    "title": "Mesa de seguimiento a los compromisos de la Secretaría de Educación",
    "modality": "department",
    "department": "educacion",
    "start": "2022-03-15 09:00",
    "place": "Institución Educativa Cárdenas Mirriñao, sede principal",
    "summary": "Seguimiento con las asociaciones de padres de familia y el cabildo indígena a "
    "los compromisos del encuentro de diálogo de 2021: formación docente en las "
    "sedes rurales, resultados de las pruebas Saber 11 y materiales con enfoque "
    "intercultural.",
    "body": [
        (
            "paragraph",
            "<p>La Secretaría presentará el avance de cada compromiso con sus evidencias y recogerá "
            "las observaciones de los asistentes para el informe de rendición de cuentas 2022.</p>",
        ),
    ],
}


def ensure_pending_submission(sections, refs, stats, parse_datetime):
    """Create the draft and submit it to its workflow, once."""
    spec = PENDING_PAGE
    parent = sections[spec["parent"]]
    if DialogueEncounterPage.objects.child_of(parent).filter(slug=spec["slug"]).exists():
        stats.record("Páginas en revisión", UNCHANGED)
        return
    author = get_user_model().objects.get(username=spec["author"])
    page = DialogueEncounterPage(
        slug=spec["slug"],
        title=spec["title"],
        modality=spec["modality"],
        department=refs.departments[spec["department"]],
        start=parse_datetime(spec["start"]),
        place=spec["place"],
        summary=spec["summary"],
        body=stream(f"pending:{spec['slug']}:body", spec["body"]),
        live=False,
        owner=author,
    )
    parent.add_child(instance=page)
    page.save_revision(user=author, log_action=True)
    page.get_workflow().start(page, author)
    stats.record("Páginas en revisión", CREATED)


PENDING_INDICATOR_CHANGE = {
    "code": "220100700",
    "author": "editor.educacion",
    "reviewer": "revisor.educacion",
    "measurement": {
        "period": "2022-S1",
        "date": datetime.date(2022, 6, 30),
        "value": Decimal("2900"),
        "source": "Secretaría de Educación, pruebas diagnósticas",
        "note": "Primer semestre de 2022.",
    },
}


def ensure_pending_indicator_change(stats):
    """Draft the new measurement, submit it and approve the department review, once."""
    spec = PENDING_INDICATOR_CHANGE
    indicator = Indicator.objects.get(code=spec["code"])
    if WorkflowState.objects.for_instance(indicator).exists():
        stats.record("Indicadores en revisión", UNCHANGED)
        return
    users = get_user_model().objects.in_bulk(
        [spec["author"], spec["reviewer"]], field_name="username"
    )
    # Added to the draft only: the live row (what citizens see) is not saved.
    indicator.measurements.add(IndicatorMeasurement(**spec["measurement"]))
    indicator.save_revision(user=users[spec["author"]], log_action=True)
    workflow_state = indicator.get_workflow().start(indicator, users[spec["author"]])
    task_state = workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, users[spec["reviewer"]], "approve")
    stats.record("Indicadores en revisión", CREATED)
