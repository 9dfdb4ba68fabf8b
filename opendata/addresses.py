"""Absolute addresses in the API, the exports and the catalogue.

Wagtail builds them from the Site record's hostname, which on this portal is often
``localhost`` (the record is created once and rarely edited), so every link a harvester got was
dead. ``PORTAL_BASE_URL`` names the public address when it is known; without it the address the
request came to is used, which behind a proxy is right once ``ALLOWED_HOSTS`` and the proxy's
``Host`` header are (docs/open-data.md, "Absolute addresses").
"""

from django.conf import settings


def base_url(request):
    """``scheme://host[:port]`` without a trailing slash."""
    configured = getattr(settings, "PORTAL_BASE_URL", None)
    if configured:
        return configured.rstrip("/")
    return request.build_absolute_uri("/").rstrip("/")


def absolute_url(request, url):
    """``url`` (a path, or already absolute) as an absolute address."""
    if not url or url.startswith(("http://", "https://")):
        return url
    return base_url(request) + url
