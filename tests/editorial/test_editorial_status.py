"""The editorial status (rendicion/editorial/status.py) as the listings, the explorer and the
dashboard show it: each state, and a query count that does not grow with the rows."""

from django.db import connection
from django.test import RequestFactory, TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from rendicion.editorial.status import editorial_status, steps_for_request
from tests.factories import EncounterFactory, IndicatorFactory
from tests.workflow_helpers import LoginMixin, build_roles


def es(message, **params):
    with translation.override("es"):
        text = translation.pgettext("editorial status", message)
    return text % params if params else text


def start_review(obj, user):
    obj.save_revision(user=user)
    return obj.get_workflow().start(obj, user)


class EditorialStatusTests(LoginMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        build_roles(cls)

    def make_states(self, prefix="", department=None):
        """One indicator in each state; returns {state label: indicator}."""
        department = department or self.educacion
        editor = self.editor_educacion
        draft = IndicatorFactory(
            code=f"{prefix}1", name=f"{prefix}Borrador", live=False, department=department
        )
        live = IndicatorFactory(code=f"{prefix}2", name=f"{prefix}Publicado", department=department)
        pending = IndicatorFactory(
            code=f"{prefix}3", name=f"{prefix}Pendiente", department=department
        )
        pending.name = f"{prefix}Pendiente cambiado"
        pending.save_revision(user=editor)
        step1 = IndicatorFactory(code=f"{prefix}4", name=f"{prefix}Paso uno", department=department)
        start_review(step1, editor)
        step2 = IndicatorFactory(code=f"{prefix}5", name=f"{prefix}Paso dos", department=department)
        state = start_review(step2, editor)
        state.current_task_state.approve(user=self.reviewer_educacion)
        rejected = IndicatorFactory(
            code=f"{prefix}6", name=f"{prefix}Rechazado", department=department
        )
        state = start_review(rejected, editor)
        state.current_task_state.reject(user=self.reviewer_educacion, comment="Falta la fuente")
        return {
            "draft": draft,
            "live": live,
            "pending": pending,
            "step1": step1,
            "step2": step2,
            "rejected": rejected,
        }

    def expected_labels(self):
        return {
            "draft": es("Draft"),
            "live": es("Published"),
            "pending": es("Published with pending changes"),
            "step1": es(
                "In review · step %(step)s of %(steps)s: %(task)s",
                step=1,
                steps=2,
                task="Revisión de la dependencia",
            ),
            "step2": es(
                "In review · step %(step)s of %(steps)s: %(task)s",
                step=2,
                steps=2,
                task="Aprobación de Participación Comunitaria",
            ),
            "rejected": es("Changes requested"),
        }

    def test_each_state_of_an_indicator(self):
        items = self.make_states()
        with translation.override("es"):
            for key, label in self.expected_labels().items():
                item = type(items[key]).objects.get(pk=items[key].pk)
                self.assertEqual(editorial_status(item).label, label, key)

    def test_indicator_listing_shows_each_state_with_a_fixed_number_of_queries(self):
        self.make_states()
        url = reverse("wagtailsnippets_rendicion_indicator:list")
        self.login(self.editor_educacion)
        with CaptureQueriesContext(connection) as few:
            response = self.client.get(url)
        for label in self.expected_labels().values():
            self.assertContains(response, label)
        self.make_states(prefix="B")
        with CaptureQueriesContext(connection) as more:
            response = self.client.get(url)
        self.assertContains(response, "BPaso dos")
        self.assertEqual(len(more), len(few))

    def test_commitment_listing_shows_the_step(self):
        from tests.factories import CommitmentFactory

        commitment = CommitmentFactory(department=self.educacion, text="Dotar 20 sedes rurales")
        start_review(commitment, self.editor_educacion)
        self.login(self.editor_educacion)
        response = self.client.get(reverse("wagtailsnippets_rendicion_commitment:list"))
        self.assertContains(
            response,
            es(
                "In review · step %(step)s of %(steps)s: %(task)s",
                step=1,
                steps=2,
                task="Revisión de la dependencia",
            ),
        )

    def test_explorer_shows_the_step_of_a_page_in_review(self):
        published = EncounterFactory(parent=self.section_educacion, title="Encuentro publicado")
        in_review = EncounterFactory(parent=self.section_educacion, title="Encuentro en revisión")
        start_review(in_review, self.editor_educacion)
        url = reverse("wagtailadmin_explore", args=(self.section_educacion.pk,))
        self.login(self.editor_educacion)
        response = self.client.get(url)
        self.assertContains(
            response,
            es(
                "In review · step %(step)s of %(steps)s: %(task)s",
                step=1,
                steps=2,
                task="Revisión de la dependencia",
            ),
        )
        self.assertContains(response, es("Published"))
        published.refresh_from_db()
        self.assertEqual(editorial_status(published).code, "published")

    def test_page_statuses_cost_a_fixed_number_of_queries(self):
        """What the explorer's status column costs: Wagtail's listing prefetches the workflow
        states, and the steps are read once per request (the explorer itself still makes some
        queries per row of its own, for its buttons and locks)."""
        for number in range(6):
            page = EncounterFactory(parent=self.section_educacion, title=f"Encuentro {number}")
            if number % 2:
                start_review(page, self.editor_educacion)
        pages = Page.objects.child_of(self.section_educacion).specific().prefetch_workflow_states()
        request = RequestFactory().get("/")
        with self.assertNumQueries(4):  # the pages (base, specific), workflow states, steps
            codes = [
                editorial_status(page, steps=steps_for_request(request)).code for page in pages
            ]
        self.assertEqual(codes.count("in_review"), 3)
        self.assertEqual(codes.count("published"), 3)
