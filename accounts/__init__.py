"""Sign-in protection: brute-force lockout with django-axes, and the admin screen that lifts a
lockout (docs/security.md)."""
