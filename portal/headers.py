"""Content-Security-Policy for two audiences: the public site and Wagtail's admin.

django-csp writes the header; this subclass only picks which policy a request gets. The public
site needs no inline script, so its policy is strict. Wagtail's admin still relies on inline
scripts and styles (wagtail/wagtail#7053), so the admin gets the looser policy it needs, scoped
to its own URLs. Views that set their own header (document downloads, private images) keep it.
"""

from csp.middleware import CSPMiddleware
from django.conf import settings


def uses_admin_policy(path):
    return path.startswith(tuple(settings.CSP_ADMIN_URL_PREFIXES))


class PortalCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts
        if uses_admin_policy(request.path_info):
            parts.config = settings.CSP_ADMIN_DIRECTIVES
        elif getattr(request, "is_dummy", False):
            # Wagtail renders a preview through the middleware with the page's own URL; the
            # result is shown only in the admin's preview panel, an iframe of the admin.
            parts.replace = {**(parts.replace or {}), "frame-ancestors": ["'self'"]}
        return parts
