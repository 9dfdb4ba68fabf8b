"""Each publication event appends exactly one entry, in the publishing transaction; drafts,
rejected changes and rolled-back publications append nothing."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction
from wagtail.models import GroupApprovalTask, Workflow, WorkflowContentType, WorkflowTask
from wagtail.rich_text import RichText

from registro.models import Entry, Event, ObjectKind
from rendicion.choices import ActionStatus
from rendicion.models import ImprovementAction, IndicatorMeasurement
from tests.factories import (
    CommitmentFactory,
    CycleFactory,
    DocumentFactory,
    EncounterFactory,
    ImprovementPlanFactory,
    IndicatorFactory,
    ReportFactory,
    home_page,
    pdf_bytes,
)

pytestmark = pytest.mark.django_db


def entries(**filters):
    return list(Entry.objects.filter(**filters).order_by("sequence"))


def new_entries(since):
    return list(Entry.objects.filter(sequence__gte=since).order_by("sequence"))


def record_size():
    return Entry.objects.count()


@pytest.fixture
def cycle():
    return CycleFactory(parent=home_page(), year=2021)


def documents_stream(*documents):
    return [{"type": "document", "value": {"document": d.pk, "description": ""}} for d in documents]


# --- Pages --------------------------------------------------------------------------------


def test_publishing_a_page_appends_one_entry(cycle):
    before = record_size()
    report = ReportFactory(parent=cycle, title="Informe de gestión")
    added = new_entries(before)
    assert [(e.event, e.object_kind, e.object_id) for e in added] == [
        (Event.PUBLISHED, ObjectKind.PAGE, str(report.pk))
    ]
    assert added[0].url == report.url
    assert added[0].title == "Informe de gestión"
    assert len(added[0].content_sha256) == 64


def test_republishing_changed_content_appends_one_entry_and_identical_none(cycle):
    report = ReportFactory(parent=cycle)
    before = record_size()
    report.save_revision().publish()  # nothing the public sees changed
    assert new_entries(before) == []
    report.title = "Informe corregido"
    report.save_revision().publish()
    added = new_entries(before)
    assert [(e.event, e.object_id) for e in added] == [(Event.REPUBLISHED, str(report.pk))]


def test_unpublishing_appends_one_entry(cycle):
    report = ReportFactory(parent=cycle)
    before = record_size()
    report.unpublish()
    assert [(e.event, e.object_id) for e in new_entries(before)] == [
        (Event.UNPUBLISHED, str(report.pk))
    ]


def test_a_draft_appends_nothing(cycle):
    report = ReportFactory(parent=cycle)
    before = record_size()
    report.title = "Borrador"
    report.save_revision()
    ReportFactory(parent=cycle, live=False)
    assert new_entries(before) == []


def test_a_rolled_back_publication_appends_nothing(cycle):
    report = ReportFactory(parent=cycle)
    before = record_size()
    with pytest.raises(RuntimeError), transaction.atomic():
        report.title = "Nunca publicado"
        report.save_revision().publish()
        assert len(new_entries(before)) == 1  # written in the publishing transaction
        raise RuntimeError
    assert new_entries(before) == []


# --- Indicators and commitments -----------------------------------------------------------


def test_an_approved_indicator_change_appends_one_entry_with_its_measurements():
    indicator = IndicatorFactory(name="Cobertura escolar")
    before = record_size()
    indicator.measurements.add(
        IndicatorMeasurement(period="2021", date=datetime.date(2021, 12, 31), value=Decimal("42.5"))
    )
    indicator.save_revision().publish()
    added = new_entries(before)
    assert [(e.event, e.object_kind, e.object_id) for e in added] == [
        (Event.APPROVED, ObjectKind.INDICATOR, str(indicator.pk))
    ]
    assert added[0].details["measurements"] == [
        {"period": "2021", "date": "2021-12-31", "value": "42.5000"}
    ]


def test_a_rolled_back_approval_and_file_replacement_append_nothing(cycle):
    indicator = IndicatorFactory()
    document = DocumentFactory(content=pdf_bytes("anexo"))
    ReportFactory(parent=cycle, body=documents_stream(document))
    before = record_size()
    with pytest.raises(RuntimeError), transaction.atomic():
        indicator.name = "Aprobado y deshecho"
        indicator.save_revision().publish()
        document.file = ContentFile(pdf_bytes("otro anexo"), name="anexo-2.pdf")
        document._set_document_file_metadata()
        document.save()
        assert [e.event for e in new_entries(before)] == [Event.APPROVED, Event.FILE_REPLACED]
        raise RuntimeError
    assert new_entries(before) == []


def test_a_rejected_indicator_change_appends_nothing():
    indicator = IndicatorFactory()
    group = Group.objects.create(name="Aprobadores de prueba")
    user = get_user_model().objects.create_superuser("aprobador", "a@example.org", "x")
    task = GroupApprovalTask.objects.create(name="Aprobación de prueba")
    task.groups.set([group])
    workflow = Workflow.objects.create(name="Flujo de prueba")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowContentType.objects.create(
        workflow=workflow, content_type=indicator.get_base_content_type()
    )
    before = record_size()
    indicator.name = "Cambio rechazado"
    indicator.save_revision(user=user)
    state = workflow.start(indicator, user)
    state.current_task_state.task.specific.on_action(state.current_task_state, user, "reject")
    assert new_entries(before) == []


def test_an_approved_commitment_appends_one_entry(cycle):
    encounter = EncounterFactory(parent=cycle)
    commitment = CommitmentFactory(origin_page=encounter)
    before = record_size()
    commitment.text = "Instalar 20 puntos de agua"
    commitment.save_revision().publish()
    added = new_entries(before)
    assert [(e.event, e.object_kind) for e in added] == [(Event.APPROVED, ObjectKind.COMMITMENT)]


# --- Documents ----------------------------------------------------------------------------


def test_a_document_becomes_public_then_private_and_its_file_is_replaced(cycle):
    document = DocumentFactory(title="Acta", content=pdf_bytes("acta"))
    assert entries(object_kind=ObjectKind.DOCUMENT) == []  # private: used by nothing
    before = record_size()
    report = ReportFactory(parent=cycle, body=documents_stream(document))
    made_public = [e for e in new_entries(before) if e.object_kind == ObjectKind.DOCUMENT]
    assert [(e.event, e.file_sha256, e.file_size) for e in made_public] == [
        (Event.MADE_PUBLIC, document.sha256, document.file_size)
    ]

    before = record_size()
    document.file = ContentFile(pdf_bytes("acta corregida"), name="acta-2.pdf")
    document._set_document_file_metadata()
    document.save()
    replaced = new_entries(before)
    assert [(e.event, e.file_sha256) for e in replaced] == [(Event.FILE_REPLACED, document.sha256)]

    before = record_size()
    report.unpublish()
    assert [(e.event, e.object_kind) for e in new_entries(before)] == [
        (Event.UNPUBLISHED, ObjectKind.PAGE),
        (Event.MADE_PRIVATE, ObjectKind.DOCUMENT),
    ]


def test_a_draft_that_adds_a_document_appends_nothing(cycle):
    report = ReportFactory(parent=cycle)
    document = DocumentFactory()
    before = record_size()
    report.body = documents_stream(document)
    report.save_revision()
    assert new_entries(before) == []


# --- Improvement actions and answers -------------------------------------------------------


def test_an_improvement_action_status_change_appends_one_entry(cycle):
    plan = ImprovementPlanFactory(parent=cycle)
    department = IndicatorFactory().department
    plan.actions.add(ImprovementAction(description="Publicar actas", department=department))
    plan.save_revision().publish()
    action = ImprovementAction.objects.get(plan=plan)
    before = record_size()
    plan = type(plan).objects.get(pk=plan.pk)
    actions = list(plan.actions.all())
    actions[0].status = ActionStatus.IN_PROGRESS
    plan.actions = actions
    plan.save_revision().publish()
    changes = [e for e in new_entries(before) if e.object_kind == ObjectKind.IMPROVEMENT_ACTION]
    assert [
        (e.event, e.object_id, e.details["status"], e.details["previous_status"]) for e in changes
    ] == [(Event.STATUS_CHANGED, str(action.pk), ActionStatus.IN_PROGRESS, ActionStatus.PENDING)]


def test_answering_a_citizen_question_appends_one_entry(cycle):
    question = {
        "kind": "question",
        "text": "¿Cuándo llega el agua?",
        "asked_by": "Vereda",
        "answer": "",
        "answered_by": "",
    }
    encounter = EncounterFactory(parent=cycle, questions=[{"type": "question", "value": question}])
    assert entries(object_kind=ObjectKind.QUESTION) == []  # asked, not answered
    before = record_size()
    encounter.questions[0].value["answer"] = RichText("<p>En marzo.</p>")
    encounter.save_revision().publish()
    answered = [e for e in new_entries(before) if e.object_kind == ObjectKind.QUESTION]
    assert [(e.event, e.title) for e in answered] == [(Event.ANSWERED, "¿Cuándo llega el agua?")]


# --- What was public before the record -----------------------------------------------------


def test_what_was_public_before_the_record_is_recorded_once(cycle):
    indicator = IndicatorFactory()  # written directly, as the demo and old installs did
    assert entries(object_kind=ObjectKind.INDICATOR) == []
    before = record_size()
    call_command("record_current_state")
    added = {(e.event, e.object_kind, e.object_id) for e in new_entries(before)}
    assert (Event.APPROVED, ObjectKind.INDICATOR, str(indicator.pk)) in added
    # The home page was made by a migration, never published through Wagtail's actions.
    assert (Event.PUBLISHED, ObjectKind.PAGE, str(home_page().pk)) in added
    # The cycle was published with the record in place: it is not recorded twice.
    assert not [e for e in added if e[1] == ObjectKind.PAGE and e[2] == str(cycle.pk)]
    before = record_size()
    call_command("record_current_state")
    assert new_entries(before) == []
