"""/salud/: django-health-check's checks, answered for load balancers and monitoring.

django-health-check runs the checks (concurrently, each within its time budget) and sends the
never-cache headers; this view only decides what the answer says. Anonymous callers learn the
name of each check and whether it passed, nothing else: the library's messages (which may name
a host, a driver error or a migration) are shown to portal administrators alone, and the logs
keep the traceback. Any failure answers 503, so a load balancer takes the server out of
rotation (the library's own view answers 500, which reads as a bug in the portal).
"""

import asyncio

from django.db import DatabaseError
from django.http import HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from health_check.checks import Cache, Database, Storage
from health_check.views import HealthCheckView, MediaType

from health.checks import Migrations

# name in the answers -> (check, its label on the HTML page)
CHECKS = {
    "database": (Database, _("Database")),
    "cache": (Cache, _("Cache")),
    "storage": (Storage, _("File storage")),
    "migrations": (Migrations, _("Migrations")),
}
FORMATS = {"json", "text", "html"}
MEDIA_TYPES = {
    "application/json": "json",
    "application/*": "json",
    "text/plain": "text",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/*": "html",
    "*/*": "html",
}
OK, FAILED = "ok", "failed"


def response_format(request):
    """?format=json|text|html, else the best type the Accept header names; HTML when it names
    none of them or cannot be read, never a 406 that a prober would take for "down"."""
    requested = request.GET.get("format")
    if requested in FORMATS:
        return requested
    try:
        for media in MediaType.parse_header(request.headers.get("accept", "*/*")):
            if media.weight and media.mime_type in MEDIA_TYPES:
                return MEDIA_TYPES[media.mime_type]
    except ValueError:
        pass
    return "html"


async def shows_details(request):
    try:
        user = await request.auser()
    except DatabaseError:
        # The sessions table is unreachable with the rest of the database: answer as to
        # anyone rather than fail the probe with a 500.
        return False
    return user.is_active and user.is_superuser


class PortalHealthView(HealthCheckView):
    checks = tuple(check for check, _label in CHECKS.values())

    async def get(self, request, *args, **kwargs):
        with self.get_executor() as executor:
            results = await asyncio.gather(
                *(check.get_result(executor) for check in self.get_checks())
            )
        details = await shows_details(request)
        rows = [
            {
                "name": name,
                "label": label,
                "status": FAILED if result.error else OK,
                "detail": str(result.error) if result.error and details else "",
            }
            for (name, (_check, label)), result in zip(CHECKS.items(), results, strict=True)
        ]
        healthy = all(row["status"] == OK for row in rows)
        status = 200 if healthy else 503
        match response_format(request):
            case "json":
                body = {
                    "status": OK if healthy else FAILED,
                    "checks": {row["name"]: row["status"] for row in rows},
                }
                if details:
                    body["details"] = {row["name"]: row["detail"] for row in rows if row["detail"]}
                response = JsonResponse(body, status=status)
            case "text":
                lines = [f"{row['name']}: {row['status']}" for row in rows]
                lines += [f"{row['name']}: {row['detail']}" for row in rows if row["detail"]]
                response = HttpResponse(
                    "\n".join(lines) + "\n", status=status, content_type="text/plain; charset=utf-8"
                )
            case _:
                context = {"healthy": healthy, "rows": rows}
                response = TemplateResponse(request, "health/status.html", context, status=status)
        response["X-Robots-Tag"] = "noindex"
        return response
