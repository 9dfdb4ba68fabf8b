import datetime

from django.test import TestCase
from django.utils import timezone

from rendicion.models import CycleActivity
from tests.factories import CycleFactory, home_page


class HomeScheduleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cycle = CycleFactory(parent=home_page(), year=2021)
        today = timezone.localdate()
        CycleActivity.objects.create(
            cycle=cls.cycle,
            phase="implementation",
            title="Audiencia pública ya realizada",
            start_date=today - datetime.timedelta(days=30),
        )

    def test_a_closed_cycle_shows_its_latest_activities(self):
        response = self.client.get("/")
        self.assertContains(response, "Audiencia pública ya realizada")
        self.assertFalse(response.context["activities_are_upcoming"])

    def test_upcoming_activities_come_first_when_there_are_any(self):
        CycleActivity.objects.create(
            cycle=self.cycle,
            phase="evaluation",
            title="Publicación del informe final",
            start_date=timezone.localdate() + datetime.timedelta(days=3),
        )
        response = self.client.get("/")
        self.assertContains(response, "Publicación del informe final")
        self.assertNotContains(response, "Audiencia pública ya realizada")
        self.assertTrue(response.context["activities_are_upcoming"])
