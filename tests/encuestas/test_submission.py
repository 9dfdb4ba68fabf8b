"""A citizen answers a survey: valid, invalid (what was typed stays), consent when personal data
is asked, the honeypot, the rate limit, a hostile answer, the event it evaluates."""

import pytest

from encuestas.forms import CONSENT_FIELD, LONG_TEXT_MAX_LENGTH
from encuestas.models import SurveySubmission
from participa.protection import HONEYPOT_FIELD

pytestmark = pytest.mark.django_db

ANSWERS = {
    "como_se_entero": "Radio",
    "fue_clara_la_informacion": "Sí",
    "que_temas_le_interesan": ["Educación", "Vías"],
    "sugerencias": "Más tiempo para preguntas",
}


def post(client, page, data, **query):
    url = page.url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")
    return client.post(url, data, REMOTE_ADDR="203.0.113.7")


def test_a_valid_submission_is_stored_and_thanked(client, evaluation):
    response = post(client, evaluation, ANSWERS)
    assert response.status_code == 200
    assert "hemos recibido sus respuestas" in response.content.decode()
    submission = SurveySubmission.objects.get(page=evaluation)
    assert submission.form_data == ANSWERS
    assert submission.event is None
    assert not submission.consent_version  # no personal data asked, no consent needed


def test_an_invalid_submission_keeps_what_was_typed_and_says_why_in_spanish(client, evaluation):
    data = {**ANSWERS, "como_se_entero": "", "sugerencias": "Mi sugerencia <b>importante</b>"}
    html = post(client, evaluation, data).content.decode()
    assert not SurveySubmission.objects.exists()
    assert "La encuesta no se envió" in html
    assert "Este campo es necesario" in html
    assert "Mi sugerencia &lt;b&gt;importante&lt;/b&gt;</textarea>" in html
    assert 'aria-invalid="true"' in html


def test_a_long_text_answer_is_refused_and_the_limit_is_in_the_form(client, evaluation):
    html = client.get(evaluation.url).content.decode()
    assert f'maxlength="{LONG_TEXT_MAX_LENGTH}"' in html
    data = {**ANSWERS, "sugerencias": "x" * (LONG_TEXT_MAX_LENGTH + 1)}
    html = post(client, evaluation, data).content.decode()
    assert not SurveySubmission.objects.exists()
    assert "Asegúrese de que este valor tenga como máximo" in html


def test_consent_is_required_when_personal_data_is_asked_and_recorded(
    client, characterisation, settings
):
    settings.PARTICIPATION_DATA_POLICY_URL = "/politica-de-datos/"
    settings.PARTICIPATION_DATA_POLICY_VERSION = "2021-03"
    data = {"organizacion": "Colectivo", "tipo": "Academia", "territorio": "Comuna 2"}
    page_html = client.get(characterisation.url).content.decode()
    assert f'name="{CONSENT_FIELD}"' in page_html and 'href="/politica-de-datos/"' in page_html

    html = post(client, characterisation, data).content.decode()
    assert not SurveySubmission.objects.exists()
    assert "debe autorizar el tratamiento de sus datos personales" in html
    assert 'value="Colectivo"' in html

    post(client, characterisation, {**data, CONSENT_FIELD: "on"})
    submission = SurveySubmission.objects.get()
    assert submission.consent_version == "2021-03"
    assert submission.consented_at is not None
    assert CONSENT_FIELD not in submission.form_data


def test_the_evaluation_without_personal_data_asks_no_consent(client, evaluation):
    assert f'name="{CONSENT_FIELD}"' not in client.get(evaluation.url).content.decode()


def test_a_filled_honeypot_is_answered_as_received_and_stores_nothing(client, evaluation):
    response = post(client, evaluation, {**ANSWERS, HONEYPOT_FIELD: "http://spam.example"})
    assert "hemos recibido sus respuestas" in response.content.decode()
    assert not SurveySubmission.objects.exists()


def test_over_the_rate_limit_the_form_says_so_and_keeps_the_answers(client, evaluation, settings):
    settings.PARTICIPATION_RATE_PER_ADDRESS = "2/h"
    for _ in range(2):
        post(client, evaluation, ANSWERS)
    html = post(client, evaluation, {**ANSWERS, "sugerencias": "Tercera vez"}).content.decode()
    assert SurveySubmission.objects.count() == 2
    assert "Hemos recibido muchos envíos" in html
    assert "Tercera vez</textarea>" in html


def test_a_hostile_answer_is_stored_as_text_and_shown_inert(client, evaluation, admin_user_):
    script = '<script>alert("x")</script>'
    post(client, evaluation, {**ANSWERS, "sugerencias": script})
    client.force_login(admin_user_)
    listing = client.get(f"/admin/forms/submissions/{evaluation.pk}/").content.decode()
    assert script not in listing and "&lt;script&gt;" in listing


def test_an_answer_to_the_honeypot_or_consent_is_never_a_question_name(client, evaluation):
    html = client.get(evaluation.url).content.decode()
    assert html.count(f'name="{HONEYPOT_FIELD}"') == 1


class TestEvent:
    def test_a_public_event_is_named_and_stored(self, client, evaluation, hearing):
        html = client.get(f"{evaluation.url}?evento={hearing.pk}").content.decode()
        assert "Audiencia pública 2021" in html
        assert f'name="evento" value="{hearing.pk}"' in html
        post(client, evaluation, {**ANSWERS, "evento": hearing.pk})
        assert SurveySubmission.objects.get().event_id == hearing.pk

    @pytest.mark.parametrize("kind", ["draft", "not_an_event", "garbage"])
    def test_anything_else_is_ignored(self, client, evaluation, hearing, cycle, kind):
        value = {"draft": hearing.pk, "not_an_event": cycle.pk, "garbage": "1;DROP"}[kind]
        if kind == "draft":
            hearing.unpublish()
        html = client.get(f"{evaluation.url}?evento={value}").content.decode()
        assert "Audiencia pública 2021" not in html
        post(client, evaluation, {**ANSWERS, "evento": value})
        assert SurveySubmission.objects.get().event is None
