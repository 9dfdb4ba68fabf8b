from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from health.views import PortalHealthView

urlpatterns = [
    # No login, no CSRF token (a prober has neither), never cached (the library's dispatch).
    path("salud/", csrf_exempt(PortalHealthView.as_view()), name="health"),
]
