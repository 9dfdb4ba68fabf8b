"""Emptying a front cache (Varnish, or a CDN that takes the same request) with the page cache:
one ``BAN`` per committed public change, so the front cache follows the same rule as the page
cache (docs/caching.md). ``FRONT_CACHE_URLS`` lists the caches, e.g. ``http://127.0.0.1:6081``;
``deploy/varnish/default.vcl`` is the configuration that answers it.
"""

import logging
import urllib.request

from django.conf import settings

logger = logging.getLogger(__name__)
TIMEOUT_SECONDS = 2


def ban_everything():
    for url in settings.FRONT_CACHE_URLS:
        request = urllib.request.Request(f"{url.rstrip('/')}/", method="BAN")  # noqa: S310 - from settings
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS):  # noqa: S310
                pass
        except OSError:
            # The page is already out of the page cache; the front cache ages it out within
            # its TTL. Logged so monitoring sees a front cache that stopped listening.
            logger.exception("Could not empty the front cache at %s", url)
