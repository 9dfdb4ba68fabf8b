"""Brute force on the admin login (hardening issue: 30 wrong passwords, then the right one,
logged in). django-axes locks a user name out from one address after 5 failures."""

from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import TestCase
from django.urls import reverse
from django.utils import translation

PASSWORD = "clave-correcta-2021"


class LoginProtectionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = get_user_model().objects.create_superuser(
            "admin", "admin@example.org", PASSWORD
        )

    def log_in(self, password, address="203.0.113.7", username="admin"):
        self.client.logout()
        return self.client.post(
            reverse("wagtailadmin_login"),
            {"username": username, "password": password},
            REMOTE_ADDR=address,
        )

    def logged_in(self):
        return "_auth_user_id" in self.client.session

    def test_five_failures_lock_the_user_name_out_from_that_address(self):
        for _attempt in range(5):
            self.log_in("adivinando")
        response = self.log_in(PASSWORD)
        self.assertEqual(response.status_code, 429)
        self.assertFalse(self.logged_in())
        with translation.override("es"):
            self.assertContains(
                response, translation.gettext("Sign-in temporarily blocked"), status_code=429
            )
        self.assertContains(response, "Inicio de sesión bloqueado", status_code=429)

        # From another address the right password still works: one attacker cannot lock
        # the account out for everyone.
        self.assertEqual(self.log_in(PASSWORD, address="198.51.100.4").status_code, 302)
        self.assertTrue(self.logged_in())

    def test_an_administrator_lifts_the_lockout_in_the_admin(self):
        for _attempt in range(5):
            self.log_in("adivinando")
        attempt = AccessAttempt.objects.get(username="admin", ip_address="203.0.113.7")

        other_admin = get_user_model().objects.create_superuser("admin2", "a2@example.org", "x")
        self.client.force_login(other_admin)
        listing = self.client.get(reverse("lockouts:index"))
        self.assertContains(listing, "203.0.113.7")
        self.client.post(reverse("lockouts:delete", args=[attempt.pk]))
        self.assertFalse(AccessAttempt.objects.exists())

        self.assertEqual(self.log_in(PASSWORD).status_code, 302)
        self.assertTrue(self.logged_in())

    def test_editors_cannot_see_the_lockouts(self):
        editor = get_user_model().objects.create_user("editor", password="x")
        editor.user_permissions.add(*Permission.objects.filter(codename="access_admin"))
        self.client.force_login(editor)
        response = self.client.get(reverse("lockouts:index"))
        self.assertIn(response.status_code, (302, 403))
