"""The page cache: anonymous GETs of public pages, listings, open-data files and the API,
served from the cache (Redis in production) until the next write empties it
(caching/invalidation.py, docs/caching.md).

What is never stored: responses to signed-in users, to requests carrying credentials or
conditional headers, anything under the admin or document/image serving, responses that set
a cookie, used a CSRF token, carry a flash message, are not 200, stream, or ask not to be
cached. A signed-in user's page says ``Cache-Control: private, no-store`` so no proxy or CDN
keeps it either.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_cache_control

from caching.invalidation import GENERATION_KEY, generation

# Paths under these prefixes are never cached here: the admin, file serving (access is checked
# per download; large bodies), sign-in, search (each search is counted, search/hits.py), health.
UNCACHED_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/media/",
    "/static/",
    "/buscar/",
    "/salud/",
)
# Content negotiation (JSON-LD, Turtle…) picks the body by Accept on these.
NEGOTIATED_PREFIXES = ("/datos/", "/api/")
CONDITIONAL_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_RANGE")
KEPT_HEADERS = (
    "Content-Type",
    "Content-Disposition",
    "Content-Language",
    "ETag",
    "Last-Modified",
    "Link",
)


PASSED_RESTRICTION_KEYS = ("passed_page_view_restrictions", "passed_collection_view_restrictions")


def _has_flash_messages(request):
    return bool(request.COOKIES.get("messages")) or bool(
        getattr(request, "session", {}).get("_messages")
    )


def is_cacheable_request(request):
    return not request.path.startswith(UNCACHED_PREFIXES) and may_be_cached_for(request)


def may_be_cached_for(request):
    """Whether a response to ``request`` may be shared with everyone, wherever it is stored
    (this middleware, or a view that keeps its own pages: search/views.py)."""
    if request.method != "GET" or not settings.PAGE_CACHE_SECONDS:
        return False
    if any(header in request.META for header in (*CONDITIONAL_HEADERS, "HTTP_AUTHORIZATION")):
        return False
    if request.user.is_authenticated or _has_flash_messages(request):
        return False
    # An anonymous visitor who typed a page's password sees what others may not.
    session = getattr(request, "session", {})
    return not any(session.get(key) for key in PASSED_RESTRICTION_KEYS)


def is_cacheable_response(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    directives = response.get("Cache-Control", "").lower()
    if any(word in directives for word in ("private", "no-store", "no-cache")):
        return False
    return len(response.content) <= settings.PAGE_CACHE_MAX_BYTES


def cache_key(request, generation_number):
    accept = (
        request.headers.get("Accept", "") if request.path.startswith(NEGOTIATED_PREFIXES) else ""
    )
    query = "&".join(sorted(request.META.get("QUERY_STRING", "").split("&")))
    address = f"{request.get_host()}|{request.path}|{query}|{accept}"
    return f"page-cache:{generation_number}:{hashlib.sha256(address.encode()).hexdigest()}"


# The generation this process last read: while it has not moved, the generation and the page
# are read together, in one round trip to Redis (MGET) instead of two.
_last_generation = None


def _read_page(request):
    """(key, stored page or None) of the request under the current generation."""
    global _last_generation
    guess = _last_generation
    if guess is not None:
        key = cache_key(request, guess)
        values = cache.get_many([GENERATION_KEY, key])
        if values.get(GENERATION_KEY) == guess:
            return key, values.get(key)
    _last_generation = current = generation()
    key = cache_key(request, current)
    return key, cache.get(key)


class PageCacheMiddleware:
    """After authentication and messages, inside the security headers (which every response,
    cached or not, gets on its way out)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            response = self.get_response(request)
            if request.user.is_authenticated:
                # The Wagtail user bar and the editor's own view: never in a shared cache.
                patch_cache_control(response, private=True, no_store=True)
            return response
        key, stored = _read_page(request)  # before the view reads any row
        if stored is not None:
            return self._rebuild(stored)
        response = self.get_response(request)
        if is_cacheable_response(request, response):
            self._set_public_cache_headers(response)
            cache.set(key, self._freeze(response), settings.PAGE_CACHE_SECONDS)
            response["X-Cache"] = "MISS"
        return response

    @staticmethod
    def _set_public_cache_headers(response):
        if "Cache-Control" not in response:
            # Short for browsers and CDNs: a CDN in front is purged by Wagtail's frontend cache
            # for the page published, and the pages that list it age out within a minute.
            patch_cache_control(
                response,
                public=True,
                max_age=settings.PUBLIC_MAX_AGE,
                stale_while_revalidate=settings.PUBLIC_STALE_WHILE_REVALIDATE,
            )

    @staticmethod
    def _freeze(response):
        headers = {
            name: response[name] for name in (*KEPT_HEADERS, "Cache-Control") if name in response
        }
        return (response.status_code, headers, response.content)

    @staticmethod
    def _rebuild(stored):
        from django.http import HttpResponse

        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers.items():
            response[name] = value
        response["X-Cache"] = "HIT"
        return response
