"""Public views: the document library, ZIPs per fiscal year, open data. (A single file's
permanent address is served by ``rendicion.media.views``.)"""

import json
from urllib.parse import quote

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe
from wagtail.models import Site

from opendata import exports
from opendata.dcat import build_catalogue
from opendata.filters import DocumentFilter
from opendata.zipstream import stream_documents_zip
from rendicion.models import PortalSettings
from rendicion.visibility import public_documents

LIBRARY_PAGE_SIZE = 25


def _attachment(response, filename):
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


@require_safe
def document_library(request):
    public = public_documents()
    years = list(public.fiscal_years())
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
            "years": list(public_documents().fiscal_years()),
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
        return HttpResponse(
            exports.json_bytes("indicadores", fields, rows, timezone.now()),
            content_type="application/json; charset=utf-8",
        )
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
    return response
