"""Shared set-up for the citizen-question tests: the workflow roles (two departments and
Participación Comunitaria), a hearing and an encounter of Salud, and helpers to ask and
moderate through the real views."""

import datetime

from django.urls import reverse
from django.utils import timezone

from participa.models import Question
from rendicion.models import PopulationGroup
from tests.factories import EncounterFactory, HearingFactory
from tests.workflow_helpers import build_roles, make_user

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def build_questions_site(cls):
    build_roles(cls)
    cls.hearing = HearingFactory(parent=cls.cycle, title="Audiencia pública", slug="audiencia")
    cls.encounter = EncounterFactory(
        parent=cls.section_salud,
        title="Encuentro de salud",
        slug="encuentro-salud",
        department=cls.salud,
        allows_anonymous_questions=True,
    )
    cls.reviewer_participacion = make_user(
        "revisor.participacion", cls.participacion.reviewers_group
    )
    cls.population_group, _ = PopulationGroup.objects.get_or_create(
        slug="mujeres", defaults={"name": "Mujeres"}
    )


def ask_url(page):
    return reverse("participa_ask", args=[page.pk])


def form_data(**overrides):
    data = {
        "kind": "question",
        "name": "Ana Pérez",
        "email": "ana@example.org",
        "phone": "300 123 4567",
        "territory": "Comuna 1",
        "population_group": "",
        "department": "",
        "text": "¿Cuándo arreglan el puesto de salud de La Buitrera?",
        "consent": "on",
        "sitio_web": "",
    }
    data.update(overrides)
    return data


def make_question(page, department, **values):
    now = timezone.now()
    defaults = {
        "name": "Ana Pérez",
        "email": "ana@example.org",
        "territory": "Comuna 1",
        "text": "¿Cuándo arreglan el puesto de salud?",
        "consent_at": now,
        "consent_policy_version": "1",
        "consent_policy_url": "/politica/",
        "received_at": now,
    }
    defaults.update(values)
    return Question.objects.create(page=page, department=department, **defaults)


def moderation_data(question, **overrides):
    data = {
        "department": question.department_id,
        "status": question.status,
        "rejection_reason": question.rejection_reason,
        "answer": question.answer,
        "moderation_note": question.moderation_note,
        "commitment": question.commitment_id or "",
        "commitment_text": "",
        "commitment_due_date": "",
    }
    data.update(overrides)
    return data


def edit_url(question):
    return reverse("participa_question:edit", args=[question.pk])


def aware_date(year, month, day, hour=10):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, 0))
