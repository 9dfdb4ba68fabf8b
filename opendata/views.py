"""Public views: the document library, ZIPs per fiscal year, open data. (A single file's
permanent address is served by ``rendicion.media.views``.)"""

import json
from urllib.parse import quote

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe
from wagtail.models import Site

from opendata import dcat, exports
from opendata.addresses import absolute_url
from opendata.conditional import conditional_response, fingerprint
from opendata.datapackage import build_datapackage, recipes
from opendata.filters import DocumentFilter
from opendata.zipstream import archive_names, manifest_bytes, stream_documents_zip
from rendicion.licences import LICENCE_SUMMARIES, licence_of
from rendicion.models import PortalSettings
from rendicion.visibility import evaluated, public_documents

LIBRARY_PAGE_SIZE = 25


def _attachment(response, filename):
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


@require_safe
def document_library(request):
    public = evaluated(public_documents())
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
    portal_settings = _portal_settings(request)
    licence = licence_of(portal_settings)
    return render(
        request,
        "opendata/index.html",
        {
            "indicator_fields": exports.INDICATOR_FIELDS,
            "sheet_fields": list(exports.SHEET_FIELDS.values()),
            "document_fields": exports.DOCUMENT_FIELDS,
            "years": list(public_documents().fiscal_years()),
            "recipes": recipes(request),
            "licence": licence,
            "licence_summary": LICENCE_SUMMARIES[licence.spdx],
            "entity_name": portal_settings.entity_name,
            "catalogue_uri": absolute_url(request, reverse("opendata_catalogue_negotiated")),
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
        licence = licence_of(_portal_settings(request))

        def build():
            content = exports.json_bytes(
                "indicadores", exports.INDICATOR_FIELDS, rows, timezone.now(), licence
            )
            # JSON is shown in the browser rather than downloaded.
            return HttpResponse(content, content_type=CONTENT_TYPES[extension])

        return conditional_response(
            request, fingerprint(exports.FORMAT_VERSION, extension, licence.spdx, rows), build
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


def _public_indicator_or_404(key):
    """The public indicator at /indicadores/<key>/ (the one visibility rule), else 404: an
    indicator never approved, withdrawn, or with changes still in review shows only its last
    approved row, which is what ``public_indicators()`` holds."""
    indicator = (
        exports.public_indicator_queryset()
        .prefetch_related("year_targets")
        .filter(Q(code=key) | Q(slug=key))
        .first()
    )
    if indicator is None:
        raise Http404
    return indicator


@require_safe
def indicator_export(request, key, extension):
    """/datos/indicadores/<code>.csv and .json: one indicator with its measurements and
    year targets, from its page. The CSV is the import format's row (one column per
    measurement and per year's target), like /datos/indicadores.csv."""
    indicator = _public_indicator_or_404(key)
    name = f"indicador-{indicator.url_key}.{extension}"
    if extension == "json":
        data = exports.single_indicator_data(indicator, request)
        licence = licence_of(_portal_settings(request))
        return conditional_response(
            request,
            fingerprint(exports.FORMAT_VERSION, "indicator", extension, licence.spdx, data),
            lambda: HttpResponse(
                exports.single_indicator_json(data, timezone.now(), licence),
                content_type=CONTENT_TYPES[extension],
            ),
        )
    matrix = exports.indicator_matrix(request, exports.public_indicators().filter(pk=indicator.pk))
    return conditional_response(
        request,
        fingerprint(exports.FORMAT_VERSION, "indicator", extension, matrix.headers, matrix.rows),
        lambda: _attachment(
            HttpResponse(
                exports.matrix_bytes(extension, matrix), content_type=CONTENT_TYPES[extension]
            ),
            name,
        ),
    )


@require_safe
def documents_csv(request):
    rows = exports.document_rows(request)
    return conditional_response(
        request,
        fingerprint(exports.FORMAT_VERSION, "csv", rows),
        lambda: _attachment(
            HttpResponse(
                exports.documents_csv_file(request, rows), content_type=CONTENT_TYPES["csv"]
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


# The media types a client may ask the catalogue's URI for, in the order preferred on a tie
# (``*/*``, or no Accept header, gets JSON-LD).
NEGOTIATED_TYPES = {
    "application/ld+json": "json",
    "text/turtle": "ttl",
    "application/rdf+xml": "rdf",
    "application/json": "json",
}


@require_safe
def catalogue(request, extension="json"):
    body = dcat.build_catalogue(request, _portal_settings(request))
    media_type = dcat.RDF_FORMATS[extension][0]
    # From the JSON-LD, which is the same text for the same catalogue: the other
    # serialisations are only built when the client does not have them.
    return conditional_response(
        request,
        fingerprint(extension, body),
        lambda: HttpResponse(
            dcat.serialise(body, extension), content_type=f"{media_type}; charset=utf-8"
        ),
    )


@require_safe
def catalogue_negotiated(request):
    """``/datos/catalogo``: the catalogue's URI, sent on to the format the client accepts
    (JSON-LD when it names none of them)."""
    preferred = request.get_preferred_type(list(NEGOTIATED_TYPES))
    extension = NEGOTIATED_TYPES.get(preferred, "json")
    response = HttpResponseRedirect(reverse("opendata_catalogue", args=[extension]))
    response.status_code = 303  # See Other: the URI names the catalogue, not one file
    patch_vary_headers(response, ["Accept"])
    return response


@require_safe
def datapackage(request):
    body = build_datapackage(request, _portal_settings(request))
    etag, build = _json_body(body, "application/json; charset=utf-8")
    return conditional_response(request, etag, build)
