"""A page waiting for approval, so that a newcomer finds the moderation dashboard populated.

The Secretaría de Educación's editor drafts a follow-up session and submits it: it waits for
the department review (``revisor.educacion``), then for Participación Comunitaria's approval
(``aprobador.participacion``). Created once; a later run leaves it alone whatever happened to
it since (approved, rejected or edited), like every other object an administrator changed.
"""

from django.contrib.auth import get_user_model

from rendicion.demo.helpers import CREATED, UNCHANGED, stream
from rendicion.models import DialogueEncounterPage

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
        ("paragraph",
         "<p>La Secretaría presentará el avance de cada compromiso con sus evidencias y recogerá "
         "las observaciones de los asistentes para el informe de rendición de cuentas 2022.</p>"),
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
        slug=spec["slug"], title=spec["title"], modality=spec["modality"],
        department=refs.departments[spec["department"]], start=parse_datetime(spec["start"]),
        place=spec["place"], summary=spec["summary"],
        body=stream(f"pending:{spec['slug']}:body", spec["body"]),
        live=False, owner=author)
    parent.add_child(instance=page)
    page.save_revision(user=author, log_action=True)
    page.get_workflow().start(page, author)
    stats.record("Páginas en revisión", CREATED)
