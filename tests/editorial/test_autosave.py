"""Autosave is off (WAGTAIL_AUTOSAVE_INTERVAL = 0, docs/editorial-state.md): opening a live
page or a new page stores nothing, and the editors carry no autosave controller."""

from django.contrib.admin.utils import quote
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Revision

from tests.factories import EncounterFactory
from tests.workflow_helpers import LoginMixin, build_roles, edit_url


class AutosaveTests(LoginMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        build_roles(cls)
        cls.page = EncounterFactory(parent=cls.section_educacion, title="Encuentro publicado")

    def assert_no_autosave(self, response):
        self.assertEqual(response.status_code, 200)
        self.assertFalse(response.context["autosave_enabled"])
        self.assertNotContains(response, "data-w-autosave-interval-value")

    def test_opening_a_live_page_stores_no_revision_and_leaves_no_pending_changes(self):
        self.login(self.editor_educacion)
        revisions = Revision.objects.count()
        self.assert_no_autosave(self.client.get(edit_url(self.page)))
        self.assertEqual(Revision.objects.count(), revisions)
        self.page.refresh_from_db()
        self.assertFalse(self.page.has_unpublished_changes)

    def test_no_autosave_while_a_new_page_is_typed(self):
        self.login(self.editor_educacion)
        add = reverse(
            "wagtailadmin_pages:add",
            args=("rendicion", "dialogueencounterpage", self.section_educacion.pk),
        )
        self.assert_no_autosave(self.client.get(add))

    def test_no_autosave_on_the_indicator_editor(self):
        self.login(self.editor_educacion)
        url = reverse("wagtailsnippets_rendicion_indicator:edit", args=(quote(self.indicator.pk),))
        self.assert_no_autosave(self.client.get(url))
