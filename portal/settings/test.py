from portal.media_storage import media_storages

from .base import *  # noqa: F403
from .base import BASE_DIR, INSTALLED_APPS

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / ".test-media"
# Local disk whatever the environment says (tests/deploy/test_object_storage.py starts its own
# S3-compatible server).
STORAGES = {
    **media_storages({}),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Off, so query budgets and response contexts see the views themselves; the page cache's own
# tests (tests/caching/) switch it on.
PAGE_CACHE_SECONDS = 0

# The demo site (load_demo_data) exists only in development and tests, never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]

# The public record signs with a key derived from SECRET_KEY unless RECORD_SIGNING_KEY is set.
RECORD_DEVELOPMENT_KEY = True
