"""Production: everything comes from the environment; nothing insecure is defaulted."""

import os

from django.core.exceptions import ImproperlyConfigured

from portal.media_storage import media_storages

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, env_bool, env_list

DEBUG = False
# A public demonstration server may load the demo site; a real one has no such command.
ALLOW_DEMO_DATA = env_bool("ALLOW_DEMO_DATA", False)
if ALLOW_DEMO_DATA:
    INSTALLED_APPS = [*INSTALLED_APPS, "demo"]

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment in production.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in the environment in production.")
# The SQLite file the other settings default to is never a production database by accident.
if not os.environ.get("DATABASE_URL", "").strip():
    raise ImproperlyConfigured("DATABASE_URL must be set in the environment in production.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Workflow e-mails send reviewers to the admin: an address they can open, never the development
# default (http://127.0.0.1:8000). The public address serves when the admin has no other.
WAGTAILADMIN_BASE_URL = (
    os.environ.get("WAGTAILADMIN_BASE_URL", "").strip()
    or os.environ.get("PORTAL_BASE_URL", "").strip()
).rstrip("/")
if not WAGTAILADMIN_BASE_URL:
    raise ImproperlyConfigured(
        "WAGTAILADMIN_BASE_URL (or PORTAL_BASE_URL) must be set in the environment in production."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Load balancers probe the application server itself, over plain HTTP: /salud/ answers them
# instead of redirecting (it shows check names and ok/failed only, docs/health.md).
SECURE_REDIRECT_EXEMPT = [r"^salud/$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
# The portal's host and anything under it are HTTPS only; set to false on a host whose
# subdomains still serve plain HTTP. Preload only marks consent: listing needs a submission.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_REFERRER_POLICY = "same-origin"

STORAGES = {
    **media_storages(os.environ),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
