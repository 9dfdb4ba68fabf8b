import os

from django.core.wsgi import get_wsgi_application

from portal.gc_tuning import freeze_after_first_request

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()
freeze_after_first_request()
