from .base import *  # noqa: F403
from .base import BASE_DIR, INSTALLED_APPS

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / ".test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Off, so query budgets and response contexts see the views themselves; the page cache's own
# tests (tests/caching/) switch it on.
PAGE_CACHE_SECONDS = 0

# The demo site (load_demo_data) exists only in development and tests, never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
