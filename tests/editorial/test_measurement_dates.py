"""A measurement's cut-off date is the last day of its period unless the editor says
otherwise: "2022" needs no date typed (issue 18), as in the import format."""

import datetime
from decimal import Decimal

from django.test import TestCase
from django.urls import reverse

from rendicion.models import IndicatorMeasurement
from tests.workflow_helpers import LoginMixin, build_roles, indicator_form_data


class MeasurementCutOffDateTests(LoginMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        build_roles(cls)

    def setUp(self):
        self.login(self.editor_educacion)
        self.url = reverse("wagtailsnippets_rendicion_indicator:edit", args=[self.indicator.pk])

    def save_with(self, *new):
        measurements = [*self.indicator.measurements.all(), *new]
        return self.client.post(
            self.url, indicator_form_data(self.indicator, measurements), follow=True
        )

    def draft_measurements(self):
        self.indicator.refresh_from_db()
        draft = self.indicator.get_latest_revision_as_object()
        return {m.period: m.date for m in draft.measurements.all()}

    def test_an_empty_date_is_the_last_day_of_the_period(self):
        response = self.save_with(
            IndicatorMeasurement(period="2022", date=None, value=Decimal(5)),
            IndicatorMeasurement(period="2023-S1", date=None, value=Decimal(6)),
            IndicatorMeasurement(period="2023-T3", date=None, value=Decimal(7)),
        )
        self.assertEqual(response.status_code, 200)
        dates = self.draft_measurements()
        self.assertEqual(dates["2022"], datetime.date(2022, 12, 31))
        self.assertEqual(dates["2023-S1"], datetime.date(2023, 6, 30))
        self.assertEqual(dates["2023-T3"], datetime.date(2023, 9, 30))

    def test_a_typed_date_is_kept(self):
        self.save_with(
            IndicatorMeasurement(period="2022", date=datetime.date(2022, 11, 15), value=5)
        )
        self.assertEqual(self.draft_measurements()["2022"], datetime.date(2022, 11, 15))

    def test_a_period_that_does_not_end_needs_a_date_and_keeps_what_was_typed(self):
        revisions = self.indicator.revisions.count()
        response = self.save_with(
            IndicatorMeasurement(period="Primer semestre", date=None, value=Decimal("12.5"))
        )
        self.assertContains(response, "Indique la fecha de corte")
        self.assertContains(response, 'value="Primer semestre"')
        self.assertContains(response, 'value="12.5"')
        self.assertEqual(self.indicator.revisions.count(), revisions)
