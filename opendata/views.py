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
from opendata.conditional import conditional_response, fingerprint
from opendata.datapackage import build_datapackage, recipes
from opendata.dcat import build_catalogue
from opendata.filters import DocumentFilter
from opendata.zipstream import archive_names, manifest_bytes, stream_documents_zip
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
    # The manifest lists every entry with its checksum, name and date: it changes whenever
    # the archive's contents would, and is read without opening a single file.
    names = archive_names(documents)
    etag = fingerprint(exports.FORMAT_VERSION, manifest_bytes(documents, names, request))
    return conditional_response(
        request,
        etag,
        lambda: _attachment(
            StreamingHttpResponse(
                stream_documents_zip(documents, request), content_type="application/zip"
            ),
            f"documentos-vigencia-{year}.zip",
        ),
    )


@require_safe
def opendata_index(request):
    return render(
        request,
        "opendata/index.html",
        {
            "indicator_fields": exports.INDICATOR_FIELDS,
            "sheet_fields": list(exports.SHEET_FIELDS.values()),
            "document_fields": exports.DOCUMENT_FIELDS,
            "years": list(public_documents().fiscal_years()),
            "recipes": recipes(request),
        },
    )


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "json": "application/json; charset=utf-8",
}


@require_safe
def indicators_export(request, extension):
    if extension == "json":
        rows = exports.indicator_rows(request)

        def build():
            content = exports.json_bytes(
                "indicadores", exports.INDICATOR_FIELDS, rows, timezone.now()
            )
            # JSON is shown in the browser rather than downloaded.
            return HttpResponse(content, content_type=CONTENT_TYPES[extension])

        return conditional_response(
            request, fingerprint(exports.FORMAT_VERSION, extension, rows), build
        )

    # The spreadsheets: the import format (docs/open-data.md, "The one indicator format").
    matrix = exports.indicator_matrix(request)

    def build_sheet():
        response = HttpResponse(
            exports.matrix_bytes(extension, matrix), content_type=CONTENT_TYPES[extension]
        )
        return _attachment(response, f"indicadores.{extension}")

    etag = fingerprint(exports.FORMAT_VERSION, extension, matrix.headers, matrix.rows)
    return conditional_response(request, etag, build_sheet)


@require_safe
def documents_csv(request):
    rows = exports.document_rows(request)
    return conditional_response(
        request,
        fingerprint(exports.FORMAT_VERSION, "csv", rows),
        lambda: _attachment(
            HttpResponse(
                exports.csv_bytes(exports.DOCUMENT_FIELDS, rows),
                content_type=CONTENT_TYPES["csv"],
            ),
            "documentos.csv",
        ),
    )


def _portal_settings(request):
    site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
    return PortalSettings.for_site(site)


def _json_body(body, content_type):
    content = json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8")
    return fingerprint(content), lambda: HttpResponse(content, content_type=content_type)


@require_safe
def catalogue(request):
    body = build_catalogue(request, _portal_settings(request))
    etag, build = _json_body(body, "application/ld+json; charset=utf-8")
    return conditional_response(request, etag, build)


@require_safe
def datapackage(request):
    body = build_datapackage(request, _portal_settings(request))
    etag, build = _json_body(body, "application/json; charset=utf-8")
    return conditional_response(request, etag, build)
