"""Moderation is scoped like the rest of the editorial work (rendicion/editorial/scope.py):
each department's reviewers reach their own questions — listing, edit, export, report,
counts, dashboard — Participación Comunitaria reaches all; personal data only with the
permission; deadlines in business days, flagged across a Colombian holiday."""

import datetime
from unittest import mock

from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from participa.models import Question
from rendicion.editorial.roles import setup_roles
from rendicion.models import Commitment
from tests.participa.helpers import (
    build_questions_site,
    edit_url,
    make_question,
    moderation_data,
)
from tests.workflow_helpers import LoginMixin

LISTING = "/admin/participa/preguntas/"
REPORT = "/admin/reports/preguntas-por-responder/"
SALUD_TEXT = "ZQXSALUD pregunta del hospital"
EDUCACION_TEXT = "ZQXEDUCACION pregunta de la escuela"


def csv_of(response):
    return b"".join(response.streaming_content).decode()


class ScopingTests(LoginMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        build_questions_site(cls)
        cls.salud_question = make_question(
            cls.encounter, cls.salud, text=SALUD_TEXT, email="salud@example.org", phone="3001112233"
        )
        cls.educacion_question = make_question(
            cls.hearing, cls.educacion, text=EDUCACION_TEXT, email="edu@example.org"
        )

    def assert_reaches(self, user, reached, not_reached):
        self.login(user)
        for url in (LISTING, REPORT, "/admin/"):
            html = self.client.get(url).content.decode()
            self.assertIn(reached.text, html, url)
            self.assertNotIn(not_reached.text, html, url)
        for url in (LISTING + "?export=csv", REPORT + "?export=csv"):
            rows = csv_of(self.client.get(url))
            self.assertIn(reached.text, rows)
            self.assertNotIn(not_reached.text, rows)
        self.assertEqual(self.client.get(edit_url(reached)).status_code, 200)
        for url in (
            edit_url(not_reached),
            f"{LISTING}history/{not_reached.pk}/",
            f"{LISTING}usage/{not_reached.pk}/",
        ):
            self.assertEqual(self.client.get(url).status_code, 404, url)
        before = Question.objects.get(pk=not_reached.pk)
        self.client.post(
            edit_url(not_reached), moderation_data(not_reached, status="published", answer="x")
        )
        self.assertEqual(Question.objects.get(pk=not_reached.pk).status, before.status)

    def test_each_department_reviewer_reaches_only_its_own(self):
        self.assert_reaches(self.reviewer_salud, self.salud_question, self.educacion_question)
        self.assert_reaches(self.reviewer_educacion, self.educacion_question, self.salud_question)

    def test_the_dashboard_counts_only_the_users_questions(self):
        self.login(self.reviewer_salud)
        html = self.client.get("/admin/").content.decode()
        self.assertIn("1 por responder", html)

    def test_participacion_reaches_every_department(self):
        self.login(self.reviewer_participacion)
        html = self.client.get(LISTING).content.decode()
        self.assertIn(SALUD_TEXT, html)
        self.assertIn(EDUCACION_TEXT, html)
        self.assertIn("2 por responder", self.client.get("/admin/").content.decode())
        self.assertEqual(self.client.get(edit_url(self.salud_question)).status_code, 200)

    def test_editors_read_but_do_not_moderate(self):
        self.login(self.editor_salud)
        self.assertContains(self.client.get(LISTING), SALUD_TEXT)
        inspect = self.client.get(f"{LISTING}inspect/{self.salud_question.pk}/")
        self.assertContains(inspect, SALUD_TEXT)
        self.assertNotContains(inspect, "salud@example.org")
        self.assertEqual(
            self.client.get(f"{LISTING}inspect/{self.educacion_question.pk}/").status_code, 404
        )
        self.client.post(
            edit_url(self.salud_question),
            moderation_data(self.salud_question, status="published", answer="x"),
        )
        self.salud_question.refresh_from_db()
        self.assertEqual(self.salud_question.status, Question.Status.RECEIVED)

    def test_personal_data_only_with_the_permission(self):
        self.login(self.reviewer_salud)
        self.assertContains(self.client.get(edit_url(self.salud_question)), "salud@example.org")
        self.assertIn("3001112233", csv_of(self.client.get(LISTING + "?export=csv")))
        self.login(self.editor_salud)
        self.assertNotIn("salud@example.org", self.client.get(LISTING).content.decode())
        rows = csv_of(self.client.get(LISTING + "?export=csv"))
        self.assertIn(SALUD_TEXT, rows)
        self.assertNotIn("salud@example.org", rows)
        self.assertNotIn("3001112233", rows)

    def test_nobody_adds_or_deletes_questions_in_the_admin(self):
        self.login(self.reviewer_participacion)
        self.assertNotEqual(self.client.get(LISTING + "new/").status_code, 200)
        self.client.post(f"{LISTING}delete/{self.salud_question.pk}/")
        self.assertTrue(Question.objects.filter(pk=self.salud_question.pk).exists())

    def test_setup_roles_grants_the_permissions_once(self):
        reviewers = self.salud.reviewers_group
        self.assertTrue(reviewers.permissions.filter(codename="view_personal_data").exists())
        self.assertFalse(
            self.salud.editors_group.permissions.filter(codename="view_personal_data").exists()
        )
        self.assertTrue(setup_roles().unchanged)

    def test_an_answer_creates_a_draft_commitment_of_its_department(self):
        self.login(self.reviewer_salud)
        self.client.post(
            edit_url(self.salud_question),
            moderation_data(
                self.salud_question,
                status="published",
                answer="Lo revisamos en la mesa de salud.",
                create_commitment="on",
                commitment_text="Reabrir el puesto de salud de La Buitrera",
                commitment_due_date="2027-03-31",
            ),
        )
        self.salud_question.refresh_from_db()
        commitment = self.salud_question.commitment
        self.assertIsNotNone(commitment)
        self.assertEqual(commitment.department, self.salud)
        self.assertEqual(commitment.origin_page_id, self.encounter.pk)
        self.assertFalse(commitment.live)  # the workflow publishes it, not the moderation
        self.assertEqual(commitment.revisions.count(), 1)
        self.assertEqual(Commitment.objects.filter(live=True).count(), 0)
        # The public page does not show the draft commitment.
        self.client.logout()
        self.assertNotContains(self.client.get(self.encounter.url), "La Buitrera")


class DeadlineTests(LoginMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        build_questions_site(cls)

    def test_the_deadline_is_fifteen_business_days_skipping_colombian_holidays(self):
        # Received Friday 13 November 2026: Monday 16 November is a holiday (Independencia de
        # Cartagena, moved by the Ley Emiliani), so the 15th business day is Monday 7 December.
        question = make_question(
            self.hearing,
            self.educacion,
            received_at=timezone.make_aware(datetime.datetime(2026, 11, 13, 16, 0)),
        )
        self.assertEqual(question.due_date, datetime.date(2026, 12, 7))

    def test_overdue_and_due_soon_flags_count_business_days_across_a_holiday(self):
        # Today Monday 7 December 2026. Three business days ahead is Friday 11 December,
        # because Tuesday 8 December (Inmaculada Concepción) is a holiday.
        overdue = make_question(
            self.hearing, self.educacion, text="ZQX vencida", due_date=datetime.date(2026, 12, 4)
        )
        soon = make_question(
            self.hearing,
            self.educacion,
            text="ZQX por vencer",
            due_date=datetime.date(2026, 12, 11),
        )
        later = make_question(
            self.hearing, self.educacion, text="ZQX a tiempo", due_date=datetime.date(2026, 12, 14)
        )
        answered = make_question(
            self.hearing,
            self.educacion,
            text="ZQX respondida",
            due_date=datetime.date(2026, 12, 1),
            status="private",
            answer="Hecho",
        )
        today = datetime.date(2026, 12, 7)
        with mock.patch("django.utils.timezone.localdate", return_value=today):
            self.assertEqual(overdue.deadline_flag, "Vencida")
            self.assertEqual(soon.deadline_flag, "Por vencer")
            self.assertEqual(later.deadline_flag, "")
            self.assertEqual(answered.deadline_flag, "")
            self.login(self.reviewer_educacion)
            html = self.client.get(LISTING).content.decode()
            self.assertIn("2026-12-04 · Vencida", html)
            self.assertIn("2026-12-11 · Por vencer", html)
            self.assertNotIn("2026-12-14 · ", html)
            rows = csv_of(self.client.get(REPORT + "?export=csv"))
            self.assertIn("Vencida", rows)
            self.assertNotIn("ZQX respondida", rows)  # answered: not awaiting
            counts = Question.objects.deadline_counts()
            self.assertEqual(counts, {"waiting": 3, "overdue": 1, "due_soon": 1})
            self.assertIn(
                "3 por responder: 1 vencidas, 1 por vencer",
                self.client.get("/admin/").content.decode(),
            )


class RetentionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_questions_site(cls)

    def test_old_submissions_lose_their_personal_data(self):
        old = timezone.now() - datetime.timedelta(days=800)
        published = make_question(
            self.hearing,
            self.educacion,
            received_at=old,
            phone="3001112233",
            status="published",
            answer="Respuesta",
            text="Texto publicado",
        )
        rejected = make_question(
            self.hearing, self.educacion, received_at=old, status="rejected", text="Texto viejo"
        )
        recent = make_question(self.hearing, self.educacion)
        with self.settings(PARTICIPATION_RETENTION_DAYS=730):
            call_command("anonymise_submissions", stdout=mock.MagicMock())
        published.refresh_from_db()
        rejected.refresh_from_db()
        recent.refresh_from_db()
        self.assertEqual((published.name, published.email, published.phone), ("", "", ""))
        self.assertEqual(published.text, "Texto publicado")  # kept: it is published
        self.assertEqual(str(published.public_name), "Anónimo")
        self.assertEqual((rejected.name, rejected.text), ("", ""))
        self.assertEqual(recent.name, "Ana Pérez")
        self.assertIsNotNone(published.anonymised_at)
