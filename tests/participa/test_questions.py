"""A citizen asks on a hearing or encounter, a reviewer answers in the admin, the citizen gets
an e-mail and sees the answer on the page; consent, honeypot, rate limits, lengths, escaping."""

import re
from types import SimpleNamespace

import pytest
from django.core import mail
from django.test import TestCase, override_settings
from wagtail.models import Site

from participa.models import Question
from participa.protection import HONEYPOT_FIELD
from rendicion.models import PortalSettings
from tests.participa.helpers import (
    XSS,
    ask_url,
    build_questions_site,
    edit_url,
    form_data,
    make_question,
    moderation_data,
)
from tests.workflow_helpers import LoginMixin


@override_settings(
    PARTICIPATION_DATA_POLICY_URL="/politica-de-datos/",
    PARTICIPATION_DATA_POLICY_VERSION="2026-03",
    PORTAL_BASE_URL="https://rendicion.palmira.gov.co",
)
class AskAndAnswerTests(LoginMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        build_questions_site(cls)

    def test_submit_moderate_answer_publish_and_email(self):
        form = self.client.get(ask_url(self.encounter))
        self.assertContains(form, 'href="/politica-de-datos/"')
        self.assertContains(form, "csrfmiddlewaretoken")

        response = self.client.post(ask_url(self.encounter), form_data())
        self.assertContains(response, "Recibimos su mensaje")
        question = Question.objects.get()
        self.assertEqual(question.department, self.salud)  # the encounter's department
        self.assertEqual(question.consent_policy_version, "2026-03")
        self.assertEqual(question.consent_policy_url, "/politica-de-datos/")
        self.assertIsNotNone(question.consent_at)
        self.assertEqual(question.status, Question.Status.RECEIVED)

        page = self.client.get(self.encounter.url)
        self.assertNotContains(page, "La Buitrera")  # not published yet

        self.login(self.reviewer_salud)
        answer = "El puesto se reabre en marzo, con dos médicos."
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                edit_url(question), moderation_data(question, status="published", answer=answer)
            )
        self.assertEqual(response.status_code, 302, getattr(response, "context", None))
        question.refresh_from_db()
        self.assertEqual(question.status, Question.Status.PUBLISHED)
        self.assertEqual(question.answered_by, self.reviewer_salud)

        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(message.to, ["ana@example.org"])
        self.assertIn("respondida", message.subject)
        self.assertIn(answer, message.body)
        self.assertIn(
            f"https://rendicion.palmira.gov.co{self.encounter.url}#pregunta-{question.pk}",
            message.body,
        )

        self.client.logout()
        page = self.client.get(self.encounter.url)
        self.assertContains(page, "La Buitrera")
        self.assertContains(page, answer)
        self.assertContains(page, "Ana Pérez")
        self.assertNotContains(page, "ana@example.org")
        self.assertNotContains(page, "300 123 4567")

        # A second save does not send the e-mail again.
        self.login(self.reviewer_salud)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(edit_url(question), moderation_data(question))
        self.assertEqual(len(mail.outbox), 1)

    def test_answered_privately_is_mailed_but_not_shown(self):
        question = make_question(self.encounter, self.salud, text="Mi caso personal de EPS")
        self.login(self.reviewer_salud)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                edit_url(question),
                moderation_data(question, status="private", answer="Le escribimos aparte."),
            )
        self.assertEqual(len(mail.outbox), 1)
        self.assertIn("no se publica", mail.outbox[0].body)
        self.client.logout()
        self.assertNotContains(self.client.get(self.encounter.url), "Mi caso personal")

    def test_publishing_needs_an_answer_and_rejecting_a_reason(self):
        question = make_question(self.encounter, self.salud)
        self.login(self.reviewer_salud)
        response = self.client.post(
            edit_url(question), moderation_data(question, status="published")
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Escriba la respuesta")
        response = self.client.post(
            edit_url(question), moderation_data(question, status="rejected")
        )
        self.assertContains(response, "Diga por qué")
        response = self.client.post(
            edit_url(question),
            moderation_data(question, status="rejected", rejection_reason="duplicate"),
        )
        self.assertEqual(response.status_code, 302)
        question.refresh_from_db()
        self.assertEqual(question.rejection_reason, "duplicate")
        self.assertEqual(len(mail.outbox), 0)

    def test_consent_is_required_and_what_was_typed_is_kept(self):
        data = form_data(text="Propongo una ciclovía por la carrera 28", consent="")
        del data["consent"]
        response = self.client.post(ask_url(self.encounter), data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "debe autorizar el tratamiento de sus datos personales")
        self.assertContains(response, "Propongo una ciclovía por la carrera 28")
        self.assertContains(response, 'value="Ana Pérez"')
        self.assertFalse(Question.objects.exists())

    def test_spanish_errors_for_missing_and_too_long_fields(self):
        response = self.client.post(
            ask_url(self.hearing), form_data(name="", territory="", text="x" * 2001)
        )
        self.assertContains(response, "Escriba su nombre.")
        self.assertContains(response, "Díganos su comuna o corregimiento.")
        self.assertContains(response, "Escriba como máximo 2000 caracteres")
        self.assertContains(response, 'aria-invalid="true"')
        self.assertFalse(Question.objects.exists())

    def test_anonymous_only_where_the_page_allows_it(self):
        # The hearing does not allow it: the box is not offered, and a name is required.
        response = self.client.post(ask_url(self.hearing), form_data(name="", anonymous="on"))
        self.assertContains(response, "Escriba su nombre.")
        self.assertNotContains(response, 'name="anonymous"')
        # The encounter allows it.
        response = self.client.post(ask_url(self.encounter), form_data(name="", anonymous="on"))
        self.assertContains(response, "Recibimos su mensaje")
        question = Question.objects.get()
        self.assertTrue(question.anonymous)
        self.assertEqual(str(question.public_name), "Anónimo")

    def test_the_honeypot_stores_nothing_and_answers_as_if_received(self):
        response = self.client.post(
            ask_url(self.encounter), form_data(**{HONEYPOT_FIELD: "http://spam.example"})
        )
        self.assertContains(response, "Recibimos su mensaje")
        self.assertFalse(Question.objects.exists())

    @override_settings(PARTICIPATION_RATE_PER_ADDRESS="2/h")
    def test_the_rate_limit_refuses_in_spanish_and_keeps_the_text(self):
        for n in range(2):
            self.client.post(ask_url(self.encounter), form_data(email=f"p{n}@example.org"))
        response = self.client.post(
            ask_url(self.encounter), form_data(email="otra@example.org", text="Texto que queda")
        )
        self.assertContains(response, "en una hora")
        self.assertContains(response, "Texto que queda")
        self.assertEqual(Question.objects.count(), 2)

    def test_a_page_that_does_not_accept_questions_or_is_not_public_has_no_form(self):
        self.encounter.accepts_questions = False
        self.encounter.save_revision().publish()
        self.assertEqual(self.client.get(ask_url(self.encounter)).status_code, 404)
        self.hearing.unpublish()
        self.assertEqual(self.client.get(ask_url(self.hearing)).status_code, 404)
        self.assertEqual(self.client.get(ask_url(self.cycle)).status_code, 404)

    def test_xss_payloads_are_inert_on_the_page_admin_email_and_csv(self):
        question = make_question(
            self.encounter, self.salud, name=XSS, territory=XSS, text="=HYPERLINK(1) " + XSS
        )
        self.login(self.reviewer_salud)
        listing = self.client.get("/admin/participa/preguntas/")
        self.assertEqual(listing.status_code, 200)
        self.assertNotIn("<script>alert", listing.content.decode())
        self.assertIn("&lt;script&gt;", listing.content.decode())
        edit = self.client.get(edit_url(question))
        self.assertNotIn("<script>alert", edit.content.decode())
        csv = b"".join(self.client.get("/admin/participa/preguntas/?export=csv").streaming_content)
        self.assertIn("'=HYPERLINK(1)", csv.decode())
        self.assertNotRegex(csv.decode(), r"(^|,)=HYPERLINK")

        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                edit_url(question), moderation_data(question, status="published", answer=XSS)
            )
        body = mail.outbox[0]
        self.assertEqual(body.content_subtype, "plain")
        self.assertFalse(getattr(body, "alternatives", []))

        self.client.logout()
        html = self.client.get(self.encounter.url).content.decode()
        self.assertNotIn("<script>alert", html)
        self.assertNotIn("<img src=x", html)
        self.assertIn("&lt;script&gt;", html)

    def test_figures_and_newest_first_pagination(self):
        for n in range(12):
            make_question(
                self.hearing,
                self.educacion,
                text=f"Pregunta número {n:02d}",
                status="published",
                answer="Respuesta",
                answered_at=self.hearing.start.replace(day=1 + n),
            )
        make_question(self.hearing, self.educacion, status="rejected", rejection_reason="spam")
        make_question(self.hearing, self.educacion)
        html = self.client.get(self.hearing.url).content.decode()
        figures = re.sub(r"\s+", " ", html)
        self.assertIn("<strong>13</strong> preguntas recibidas", figures)
        self.assertIn("<strong>12</strong> respondidas públicamente", figures)
        self.assertLess(html.index("Pregunta número 11"), html.index("Pregunta número 02"))
        self.assertNotIn("Pregunta número 01", html)  # on page 2
        page_two = self.client.get(self.hearing.url + "?preguntas=2").content.decode()
        self.assertIn("Pregunta número 01", page_two)


@pytest.mark.django_db
def test_the_page_cache_empties_when_a_question_is_published(client, settings, redis_cache):
    settings.PAGE_CACHE_SECONDS = 300
    site = SimpleNamespace()
    build_questions_site(site)
    PortalSettings.for_site(Site.objects.get(is_default_site=True))
    question = make_question(site.encounter, site.salud, text="Pregunta sobre vacunas")
    url = site.encounter.url
    assert client.get(url)["X-Cache"] == "MISS"
    assert client.get(url)["X-Cache"] == "HIT"
    # A new question is not public: the page stays cached. The form is never cached.
    make_question(site.encounter, site.salud)
    assert client.get(url)["X-Cache"] == "HIT"
    assert "X-Cache" not in client.get(ask_url(site.encounter))
    question.status = Question.Status.PUBLISHED
    question.answer = "Llegan en abril."
    question.save()
    response = client.get(url)
    assert response["X-Cache"] == "MISS"
    assert "Pregunta sobre vacunas" in response.content.decode()
