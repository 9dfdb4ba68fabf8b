"""A commitment's public status history holds only published changes (never a draft), each
with its date, note and evidence; the page says where it came from and what it changed; the
hearing and encounter pages keep a fixed query budget however many questions they have."""

import datetime

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from participa.models import Question
from rendicion.choices import ActionStatus
from rendicion.models import CommitmentStatusChange, ImprovementAction
from tests.factories import CommitmentFactory, ImprovementPlanFactory
from tests.participa.helpers import build_questions_site, make_question


class StatusHistoryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_questions_site(cls)

    def publish(self, commitment, **changes):
        for name, value in changes.items():
            setattr(commitment, name, value)
        commitment.save_revision().publish()

    def test_only_published_status_changes_are_recorded(self):
        commitment = CommitmentFactory(
            department=self.salud, origin_page=self.encounter, live=False, text="Reabrir el puesto"
        )
        self.publish(commitment)  # first publication: pending
        self.publish(commitment, status_note="Obra contratada", status=ActionStatus.IN_PROGRESS)
        # A draft with another status is not part of the history.
        commitment.status = ActionStatus.FULFILLED
        commitment.save_revision()
        commitment.refresh_from_db()
        self.publish(commitment, evidence="Sin cambio de estado")  # same status: no new entry
        history = list(commitment.status_changes.values_list("status", "note"))
        self.assertEqual(
            history, [(ActionStatus.PENDING, ""), (ActionStatus.IN_PROGRESS, "Obra contratada")]
        )
        self.publish(
            commitment, status=ActionStatus.FULFILLED, status_note="Reabierto", evidence="Acta 12"
        )
        last = commitment.status_changes.last()
        self.assertEqual(
            (last.status, last.note, last.evidence), ("fulfilled", "Reabierto", "Acta 12")
        )
        self.assertIsNotNone(last.revision_id)

        html = self.client.get(self.encounter.url).content.decode()
        self.assertIn(f'id="compromiso-{commitment.pk}"', html)
        self.assertIn("Historial de estados", html)
        self.assertIn("Obra contratada", html)
        self.assertIn("Reabierto", html)

    def test_the_commitment_says_where_it_came_from_and_what_it_changed(self):
        commitment = CommitmentFactory(department=self.salud, origin_page=self.encounter)
        make_question(
            self.encounter,
            self.salud,
            text="¿Cuándo abren el puesto de salud?",
            status="published",
            answer="Pronto",
            commitment=commitment,
        )
        plan = ImprovementPlanFactory(parent=self.cycle, title="Plan de mejoramiento")
        ImprovementAction.objects.create(
            plan=plan,
            description="Ampliar horarios del puesto de salud",
            department=self.salud,
            commitment=commitment,
        )
        html = self.client.get(self.encounter.url).content.decode()
        self.assertIn("Surgió de una pregunta ciudadana", html)
        self.assertIn("Ampliar horarios del puesto de salud", html)
        self.assertIn(f'href="#compromiso-{commitment.pk}"', html)

    def test_figures_count_the_public_commitments(self):
        CommitmentFactory(department=self.salud, origin_page=self.encounter, status="fulfilled")
        CommitmentFactory(department=self.salud, origin_page=self.encounter)
        CommitmentFactory(department=self.salud, origin_page=self.encounter, live=False)
        html = " ".join(self.client.get(self.encounter.url).content.decode().split())
        self.assertIn("<strong>2</strong> compromisos", html)
        self.assertIn("<strong>1</strong> cumplido", html)
        self.assertEqual(CommitmentStatusChange.objects.count(), 0)  # none published by revision


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["hearing", "encounter"])
def test_pages_keep_a_fixed_query_budget_with_0_or_30_questions(client, kind):
    from types import SimpleNamespace

    site = SimpleNamespace()
    build_questions_site(site)
    page = getattr(site, kind)
    commitment = CommitmentFactory(department=site.salud, origin_page=page)
    client.get(page.url)  # warm-up: settings rows, caches
    empty = _queries(client, page.url)
    for n in range(30):
        make_question(
            page,
            site.salud,
            text=f"Pregunta {n}",
            status=Question.Status.PUBLISHED,
            answer="Respuesta",
            answered_at=page.start + datetime.timedelta(days=n),
            commitment=commitment if n % 3 == 0 else None,
        )
    assert _queries(client, page.url) == empty
