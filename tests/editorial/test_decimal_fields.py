"""The indicator editor shows numbers as they were typed: "400", not "400.0000", which reads
as four hundred thousand where the dot groups thousands."""

import re
from decimal import Decimal

from django.contrib.admin.utils import quote
from django.test import TestCase
from django.urls import reverse

from tests.factories import MeasurementFactory
from tests.workflow_helpers import LoginMixin, build_roles


def input_value(html, name):
    match = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*>', html)
    assert match, name
    value = re.search(r'value="([^"]*)"', match.group(0))
    return value.group(1) if value else ""


class DecimalFieldTests(LoginMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        build_roles(cls)
        cls.indicator.target_value = Decimal("61.5")
        cls.indicator.save()
        MeasurementFactory(indicator=cls.indicator, period="2022", value=Decimal("0.25"))

    def test_the_editor_shows_values_without_trailing_zeros(self):
        self.login(self.editor_educacion)
        url = reverse("wagtailsnippets_rendicion_indicator:edit", args=[quote(self.indicator.pk)])
        html = self.client.get(url).content.decode()
        self.assertEqual(input_value(html, "baseline_value"), "400")
        self.assertEqual(input_value(html, "target_value"), "61.5")
        values = {
            input_value(html, f"measurements-{n}-value")
            for n in range(self.indicator.measurements.count())
        }
        self.assertEqual(values, {"800", "0.25"})
        self.assertNotIn(".0000", html)
