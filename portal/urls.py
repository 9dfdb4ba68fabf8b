from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from opendata import urls as opendata_urls
from portal.api import api_router
from portal.sitemaps import SITEMAPS
from search import views as search_views

urlpatterns = [
    # Department-scoped versions of some admin reports; before Wagtail's admin to take over.
    path("admin/", include("rendicion.admin_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("buscar/", search_views.search, name="search"),
    path("buscar/sugerencias/", search_views.suggestions, name="search_suggestions"),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("", include(opendata_urls)),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns
    from django.views.static import serve as serve_media

    urlpatterns += staticfiles_urlpatterns()
    # Images only: documents are never served from /media/, not even in development,
    # so that their visibility is always checked (see docs/documents.md).
    urlpatterns += [
        re_path(
            r"^media/(?P<path>(?!documents/).*)$",
            serve_media,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

urlpatterns += [path("", include(wagtail_urls))]
