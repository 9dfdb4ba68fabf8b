"""No silent overwrite (hardening issue): two people open the same page, indicator or commitment;
the first saves; the second, whose form is now stale, is refused with a Spanish message, keeps
what they typed, gets a link to what changed, and only a deliberate second save replaces the
first person's work."""

import re
from decimal import Decimal

from django.test import Client, TestCase
from django.urls import reverse
from wagtail.models import Page

from tests.factories import CommitmentFactory, EncounterFactory
from tests.workflow_helpers import (
    build_roles,
    edit_url,
    encounter_form_data,
    indicator_form_data,
    make_user,
)

REFUSAL = "Otra persona guardó una versión más reciente mientras usted editaba"


def loaded_revision_fields(response):
    """The hidden fields with which the edit form tells which revision it was loaded from."""
    html = response.content.decode()
    return {
        name: re.search(rf'name="{name}" value="([^"]*)"', html).group(1)
        for name in ("loaded_revision_id", "loaded_revision_created_at")
    }


class StaleFormTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_roles(cls)
        cls.second_editor = make_user("editora2.educacion", cls.educacion.editors_group)

    def two_editors(self):
        first, second = Client(), Client()
        first.force_login(self.editor_educacion)
        second.force_login(self.second_editor)
        return first, second


class PageStaleFormTests(StaleFormTestCase):
    def setUp(self):
        self.encounter = EncounterFactory(
            parent=self.section_educacion,
            title="Encuentro con rectores rurales",
            slug="encuentro-con-rectores-rurales",
            department=self.educacion,
            summary="Versión inicial.",
        )
        self.encounter.save_revision(user=self.editor_educacion)
        self.url = edit_url(self.encounter)

    def post(self, client, loaded, summary):
        data = encounter_form_data(self.educacion, summary=summary)
        data.update(loaded)
        return client.post(self.url, data, follow=True)

    def latest_summary(self):
        return Page.objects.get(pk=self.encounter.pk).get_latest_revision_as_object().summary

    def test_the_stale_form_is_refused_and_keeps_what_was_typed(self):
        first, second = self.two_editors()
        first_loaded = loaded_revision_fields(first.get(self.url))
        second_loaded = loaded_revision_fields(second.get(self.url))
        self.post(first, first_loaded, "Cambio de la primera editora.")
        revisions_before = self.encounter.revisions.count()

        response = self.post(second, second_loaded, "Cambio de la segunda editora.")

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, REFUSAL)
        self.assertContains(response, "Cambio de la segunda editora.")
        self.assertEqual(self.latest_summary(), "Cambio de la primera editora.")
        self.assertEqual(self.encounter.revisions.count(), revisions_before)
        latest = Page.objects.get(pk=self.encounter.pk).latest_revision_id
        compare = reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[self.encounter.pk, second_loaded["loaded_revision_id"], latest],
        )
        self.assertContains(response, compare)
        self.assertEqual(second.get(compare).status_code, 200)

    def test_saving_again_after_the_refusal_is_a_deliberate_overwrite(self):
        first, second = self.two_editors()
        first_loaded = loaded_revision_fields(first.get(self.url))
        second_loaded = loaded_revision_fields(second.get(self.url))
        self.post(first, first_loaded, "Cambio de la primera editora.")
        refused = self.post(second, second_loaded, "Cambio de la segunda editora.")

        self.post(second, loaded_revision_fields(refused), "Cambio de la segunda editora.")

        self.assertEqual(self.latest_summary(), "Cambio de la segunda editora.")

    def test_an_up_to_date_form_saves_as_before(self):
        first, _ = self.two_editors()

        response = self.post(first, loaded_revision_fields(first.get(self.url)), "Sin conflicto.")

        self.assertNotContains(response, REFUSAL)
        self.assertEqual(self.latest_summary(), "Sin conflicto.")

    def test_the_same_person_posting_an_older_form_again_saves(self):
        first, _ = self.two_editors()
        loaded = loaded_revision_fields(first.get(self.url))
        self.post(first, loaded, "Primer guardado.")

        response = self.post(first, loaded, "Segundo guardado desde la misma pestaña.")

        self.assertNotContains(response, REFUSAL)
        self.assertEqual(self.latest_summary(), "Segundo guardado desde la misma pestaña.")


class IndicatorStaleFormTests(StaleFormTestCase):
    def setUp(self):
        self.indicator.save_revision(user=self.editor_educacion)
        self.url = reverse("wagtailsnippets_rendicion_indicator:edit", args=[self.indicator.pk])

    def post(self, client, loaded, target):
        data = indicator_form_data(
            self.indicator, list(self.indicator.measurements.all()), target_value=target
        )
        data.update(loaded)
        return client.post(self.url, data, follow=True)

    def latest_target(self):
        self.indicator.refresh_from_db()
        return self.indicator.get_latest_revision_as_object().target_value

    def test_the_stale_form_is_refused_and_keeps_what_was_typed(self):
        first, second = self.two_editors()
        first_loaded = loaded_revision_fields(first.get(self.url))
        second_loaded = loaded_revision_fields(second.get(self.url))
        self.post(first, first_loaded, "1100")

        response = self.post(second, second_loaded, "1234")

        self.assertContains(response, REFUSAL)
        self.assertContains(response, 'value="1234"')
        self.assertEqual(self.latest_target(), Decimal(1100))
        self.assertContains(response, "/revisions/compare/")

        self.post(second, loaded_revision_fields(response), "1234")
        self.assertEqual(self.latest_target(), Decimal(1234))


class CommitmentStaleFormTests(StaleFormTestCase):
    def setUp(self):
        self.commitment = CommitmentFactory(
            department=self.educacion, text="Dotar las sedes rurales de conectividad."
        )
        self.commitment.save_revision(user=self.editor_educacion)
        self.url = reverse("wagtailsnippets_rendicion_commitment:edit", args=[self.commitment.pk])

    def post(self, client, loaded, text):
        data = {
            "text": text,
            "department": self.educacion.pk,
            "due_date": "2022-06-30",
            "status": self.commitment.status,
            "origin_page": "",
            "evidence": "",
            "evidence_document": "",
            "go_live_at": "",
            "expire_at": "",
            **loaded,
        }
        return client.post(self.url, data, follow=True)

    def test_the_stale_form_is_refused_and_keeps_what_was_typed(self):
        first, second = self.two_editors()
        first_loaded = loaded_revision_fields(first.get(self.url))
        second_loaded = loaded_revision_fields(second.get(self.url))
        self.post(first, first_loaded, "Conectividad en 20 sedes rurales.")

        response = self.post(second, second_loaded, "Conectividad en 35 sedes rurales.")

        self.assertContains(response, REFUSAL)
        self.assertContains(response, "Conectividad en 35 sedes rurales.")
        self.commitment.refresh_from_db()
        self.assertEqual(
            self.commitment.get_latest_revision_as_object().text,
            "Conectividad en 20 sedes rurales.",
        )
