"""Public views: the document library, permanent downloads, ZIPs per fiscal year, open data."""

import json
import mimetypes
from urllib.parse import quote

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_safe
from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve as wagtail_serve
from wagtail.images import get_image_model
from wagtail.models import Site
from wagtail.utils import sendfile_streaming_backend
from wagtail.utils.sendfile import sendfile

from opendata import exports
from opendata.dcat import build_catalogue
from opendata.filters import DocumentFilter
from opendata.zipstream import stream_documents_zip
from rendicion import image_storage
from rendicion.editorial.scope import can_see_unpublished_file
from rendicion.models import PortalSettings
from rendicion.visibility import is_public_image, public_documents

LIBRARY_PAGE_SIZE = 25


def _attachment(response, filename):
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def document_library(request):
    public = public_documents()
    years = list(
        public.filter(fiscal_year__isnull=False)
        .values("fiscal_year")
        .annotate(count=Count("pk"), size=Sum("file_size"))
        .order_by("-fiscal_year")
    )
    filterset = DocumentFilter(
        request.GET,
        queryset=public.select_related("department"),
        years=[row["fiscal_year"] for row in years],
        public=public,
    )
    paginator = Paginator(filterset.qs, LIBRARY_PAGE_SIZE)
    documents = paginator.get_page(request.GET.get("pagina") or 1)
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "opendata/document_library.html",
        {
            "filterset": filterset,
            "documents": documents,
            "paginator": paginator,
            "years": years,
            "query_string": query.urlencode(),
        },
    )


@require_safe
def document_download(request, document_id):
    """The permanent address of a document: it survives file replacements. Wagtail's serve
    view does the rest, after the ``before_serve_document`` hook has checked visibility."""
    document = get_object_or_404(get_document_model(), pk=document_id)
    response = wagtail_serve(request, document_id, document.filename)
    if response.get("Content-Encoding") == "None":
        # Wagtail's sendfile writes the Python None it got from mimetypes: drop it.
        del response["Content-Encoding"]
    return response


# Image types a browser may show inline; anything else (should it ever get in) is an attachment.
INLINE_IMAGE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp", "image/avif"}


@require_safe
def image_file(request, image_id, name):
    """The checked address of an image's original or rendition (docs/private-media.md).

    Public images are sent to anyone (their pages normally link the public copy instead);
    private ones only to users Wagtail's image policy lets change or choose them. Everyone
    else gets 404, not 403, whether or not the image or the file exists.
    """
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:
        raise Http404
    if not (can_see_unpublished_file(request.user, image) or is_public_image(image)):
        raise Http404
    if name != image.file.name and not image.renditions.filter(file=name).exists():
        raise Http404
    mimetype = mimetypes.guess_type(name)[0]
    inline = mimetype in INLINE_IMAGE_TYPES
    options = {
        "mimetype": mimetype if inline else "application/octet-stream",
        "attachment": not inline,
    }
    if not getattr(settings, "SENDFILE_BACKEND", None):
        options["backend"] = sendfile_streaming_backend.sendfile
    response = sendfile(request, image_storage.private_path(name), **options)
    if response.get("Content-Encoding") == "None":
        del response["Content-Encoding"]  # as in document_download
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    # Who may see it depends on the user: no shared cache may keep it, and the browser asks
    # again (cheaply: Last-Modified) before reusing it.
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    return response


@require_safe
def document_year_zip(request, year):
    documents = [
        document
        for document in exports.public_documents_for_listing().filter(fiscal_year=year)
        if document.file and document.file.storage.exists(document.file.name)
    ]
    if not documents:
        raise Http404
    response = StreamingHttpResponse(
        stream_documents_zip(documents, request), content_type="application/zip"
    )
    return _attachment(response, f"documentos-vigencia-{year}.zip")


@require_safe
def opendata_index(request):
    return render(
        request,
        "opendata/index.html",
        {
            "indicator_fields": exports.INDICATOR_FIELDS,
            "document_fields": exports.DOCUMENT_FIELDS,
            "years": list(
                public_documents()
                .filter(fiscal_year__isnull=False)
                .values("fiscal_year")
                .annotate(count=Count("pk"))
                .order_by("-fiscal_year")
            ),
        },
    )


@require_safe
def indicators_export(request, extension):
    rows = exports.indicator_rows(request)
    fields = exports.INDICATOR_FIELDS
    if extension == "csv":
        response = HttpResponse(
            exports.csv_bytes(fields, rows), content_type="text/csv; charset=utf-8"
        )
    elif extension == "xlsx":
        response = HttpResponse(
            exports.xlsx_bytes(fields, rows, "Indicadores"),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        # JSON is shown in the browser rather than downloaded.
        response = HttpResponse(
            exports.json_bytes("indicadores", fields, rows, timezone.now()),
            content_type="application/json; charset=utf-8",
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response
    return _attachment(response, f"indicadores.{extension}")


@require_safe
def documents_csv(request):
    rows = exports.document_rows(request)
    response = HttpResponse(
        exports.csv_bytes(exports.DOCUMENT_FIELDS, rows), content_type="text/csv; charset=utf-8"
    )
    return _attachment(response, "documentos.csv")


@require_safe
def catalogue(request):
    site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
    portal_settings = PortalSettings.for_site(site)
    body = build_catalogue(request, portal_settings)
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8"),
        content_type="application/ld+json; charset=utf-8",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
