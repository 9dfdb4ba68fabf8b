"""What a locked-out person sees (``AXES_LOCKOUT_CALLABLE``): a Spanish page, status 429."""

from django.conf import settings
from django.template.response import TemplateResponse


def lockout_response(request, response=None, credentials=None, *args, **kwargs):
    cooloff = settings.AXES_COOLOFF_TIME
    minutes = max(1, int(cooloff.total_seconds() // 60)) if cooloff else 0
    return TemplateResponse(
        request,
        "accounts/lockout.html",
        {"cooloff_minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    ).render()
