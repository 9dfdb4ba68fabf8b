import os

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, env_list

DEBUG = True
SECRET_KEY = "django-insecure-dev-only-key-do-not-use-in-production"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")

# The demo site (load_demo_data) exists only in development and tests, never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]

# The public record signs with a key derived from SECRET_KEY unless RECORD_SIGNING_KEY is set.
RECORD_DEVELOPMENT_KEY = True

# Off unless asked for (PAGE_CACHE_SECONDS=300 make serve): a template edited in development
# would otherwise not show for anonymous visitors until the cache expired.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
