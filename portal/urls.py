import os
import re

from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from opendata import urls as opendata_urls
from portal.api import api_router
from portal.sitemaps import SITEMAPS
from rendicion.media.storage import PUBLIC_IMAGE_DIRS
from search import views as search_views


def serve_public_media(request, path, folder):
    from django.views.static import serve

    # Rooted at the folder itself: "images/../private/…" cannot climb out of it.
    return serve(request, path, document_root=os.path.join(settings.MEDIA_ROOT, folder))


def public_media_urlpatterns():
    """What the web server serves from MEDIA_ROOT, and nothing more: the public copies of
    images. Not documents (always through Django), not the private area where image files
    live (docs/private-media.md). Used in DEBUG, and by the tests as the web server."""
    prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    return [
        re_path(
            rf"^{prefix}{re.escape(folder)}/(?P<path>.+)$", serve_public_media, {"folder": folder}
        )
        for folder in PUBLIC_IMAGE_DIRS
    ]


urlpatterns = [
    # Department-scoped versions of some admin reports; before Wagtail's admin to take over.
    path("admin/", include("rendicion.editorial.admin_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("buscar/", search_views.search, name="search"),
    path("buscar/sugerencias/", search_views.suggestions, name="search_suggestions"),
    path("api/v2/", api_router.urls),
    # The accountability data (indicators, SDGs, commitments…) and its OpenAPI description.
    path("api/", include("api.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("", include("health.urls")),
    path("", include("rendicion.media.urls")),
    path("", include(opendata_urls)),
    # The verifiable public record (docs/record.md).
    path("", include("registro.urls")),
    # The GOV.CO standards: menus, site map, robots.txt (docs/govco.md).
    path("", include("govco.urls")),
    path("", include("participa.urls")),
    # Registration to encounters and the hearing, and the calendars (docs/participation.md).
    path("", include("inscripciones.urls")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    # The public copies of images only, as the web server in production: documents and the
    # private area are never served from /media/, not even in development.
    urlpatterns += public_media_urlpatterns()

urlpatterns += [path("", include(wagtail_urls))]
