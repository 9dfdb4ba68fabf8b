"""The question form links the public data-treatment policy page and records its version."""

import datetime
from types import SimpleNamespace

import pytest

from participa.models import Question
from tests.govco.test_govco import add_policy
from tests.participa.helpers import ask_url, build_questions_site, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def questions_site():
    site = SimpleNamespace()
    build_questions_site(site)
    return site


def test_the_policy_page_in_force_is_linked_and_its_version_recorded(client, questions_site):
    add_policy(version="2.1", effective_date=datetime.date(2026, 1, 15))
    page = client.get(ask_url(questions_site.encounter)).content.decode()
    assert 'href="/politica-de-tratamiento-de-datos/"' in page
    client.post(ask_url(questions_site.encounter), form_data())
    question = Question.objects.get()
    assert (question.consent_policy_url, question.consent_policy_version) == (
        "/politica-de-tratamiento-de-datos/",
        "2.1",
    )


def test_without_a_policy_page_the_configured_address_is_used(client, questions_site, settings):
    settings.PARTICIPATION_DATA_POLICY_URL = "https://www.palmira.gov.co/politica-de-datos"
    settings.PARTICIPATION_DATA_POLICY_VERSION = "2019"
    client.post(ask_url(questions_site.encounter), form_data())
    question = Question.objects.get()
    assert question.consent_policy_version == "2019"
    assert question.consent_policy_url == "https://www.palmira.gov.co/politica-de-datos"
