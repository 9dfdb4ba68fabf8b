"""A request for changes, so that a newcomer sees the rejection banner and the "Cambios
solicitados" status (docs/editorial-state.md).

The Secretaría de Educación's editor updates the evidence of one of the department's
commitments and submits it; the department's reviewer requests changes with a comment.
``editor.educacion`` finds the comment and its author above the commitment's form. Created
once; a later run leaves it alone whatever happened to it since.
"""

from django.contrib.auth import get_user_model
from wagtail.models import WorkflowState

from demo.helpers import CREATED, UNCHANGED
from rendicion.models import Commitment

AUTHOR = "editor.educacion"
REVIEWER = "revisor.educacion"
NEW_EVIDENCE = "Listados de asistencia de la formación docente en 12 sedes rurales (borrador)."
COMMENT = (
    "Falta adjuntar las actas firmadas de las sedes rurales y decir cuántos docentes "
    "asistieron en cada una."
)


def ensure_changes_requested(stats):
    label = "Compromisos con cambios solicitados"
    commitment = (
        Commitment.objects.filter(department__slug="educacion", live=True).order_by("pk").first()
    )
    users = get_user_model().objects.in_bulk([AUTHOR, REVIEWER], field_name="username")
    if commitment is None or len(users) < 2:
        return
    if WorkflowState.objects.for_instance(commitment).exists():
        stats.record(label, UNCHANGED)
        return
    # The draft only: the live row (what citizens see) is not saved.
    commitment.evidence = NEW_EVIDENCE
    commitment.save_revision(user=users[AUTHOR], log_action=True)
    workflow_state = commitment.get_workflow().start(commitment, users[AUTHOR])
    task_state = workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, users[REVIEWER], "reject", comment=COMMENT)
    stats.record(label, CREATED)
