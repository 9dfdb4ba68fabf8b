"""The DCAT-AP 3 catalogue that open-data portals harvest (docs/open-data.md, "Catalogue").

One ``dcat:Dataset`` per body of data, one ``dcat:Distribution`` per file: the indicators
dataset has one per format, the documents dataset the manifest (CSV) and one ZIP per fiscal
year; the data API is a ``dcat:DataService`` serving the indicators. Every resource the profile
gives a range to is typed (``dct:LicenseDocument``, ``dct:MediaType``, ``foaf:Document``…), as
the DCAT-AP 3.0.1 SHACL shapes check (tests/opendata/test_dcat_ap.py).

The catalogue is built as JSON-LD with an inline context, so no harvester has to fetch anything
else to read it; Turtle and RDF/XML are the same graph serialised by rdflib.
"""

import hashlib
import json

from django.db.models import Max, Min
from django.urls import reverse
from django.utils.translation import gettext as _
from rdflib import Graph

from opendata import exports
from opendata.addresses import absolute_url
from rendicion.licences import licence_of
from rendicion.models import IndicatorMeasurement, SdgGoal
from rendicion.visibility import public_documents, public_indicators

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatap": "http://data.europa.eu/r5r/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "spdx": "http://spdx.org/rdf/terms#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dct:issued": {"@type": "xsd:date"},
    "dct:modified": {"@type": "xsd:date"},
    "dcat:startDate": {"@type": "xsd:date"},
    "dcat:endDate": {"@type": "xsd:date"},
    "dcat:byteSize": {"@type": "xsd:nonNegativeInteger"},
    "spdx:checksumValue": {"@type": "xsd:hexBinary"},
}
IANA = "https://www.iana.org/assignments/media-types/"
EU_AUTHORITY = "http://publications.europa.eu/resource/authority/"
SPANISH = EU_AUTHORITY + "language/SPA"
DATA_THEMES = EU_AUTHORITY + "data-theme"
SDG_SCHEME = "http://metadata.un.org/sdg"
LOCAL_AUTHORITY = "http://purl.org/adms/publishertype/LocalAuthority"
LICENCE_TYPES = "http://purl.org/adms/licencetype/1.0"
WKT = "http://www.opengis.net/ont/geosparql#wktLiteral"
SHA256 = "http://spdx.org/rdf/terms#checksumAlgorithm_sha256"

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {
    "csv": ("text/csv", "CSV"),
    "xlsx": (XLSX_TYPE, "XLSX"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", "ODS"),
    "json": ("application/json", "JSON"),
    "zip": ("application/zip", "ZIP"),
}
WORKBOOKS = {"xlsx", "ods"}
# Turtle, RDF/XML and JSON-LD: the catalogue's own formats, by extension and media type.
RDF_FORMATS = {
    "json": ("application/ld+json", "json-ld"),
    "ttl": ("text/turtle", "turtle"),
    "rdf": ("application/rdf+xml", "xml"),
}


def _text(value):
    return {"@value": str(value), "@language": "es"}


def _typed(uri, rdf_type, **properties):
    return {"@id": uri, "@type": rdf_type, **properties}


def _concept(uri, label, scheme):
    return _typed(
        uri, "skos:Concept", **{"skos:prefLabel": label, "skos:inScheme": {"@id": scheme}}
    )


def _wkt(text):
    return {"@value": text, "@type": WKT}


def _date(value):
    if value is None:
        return None
    return value.date().isoformat() if hasattr(value, "date") else value.isoformat()


def _year_period(year):
    return {
        "@type": "dct:PeriodOfTime",
        "dcat:startDate": f"{year}-01-01",
        "dcat:endDate": f"{year}-12-31",
    }


class CatalogueBuilder:
    """What every dataset shares: addresses, publisher, contact, licence, territory."""

    def __init__(self, request, portal_settings):
        self.request = request
        self.settings = portal_settings
        self.landing = self.absolute(reverse("opendata_index"))
        self.catalogue_uri = self.absolute(reverse("opendata_catalogue_negotiated"))
        licence = self.licence_terms = licence_of(portal_settings)
        self.licence = _typed(
            licence.url,
            "dct:LicenseDocument",
            **{
                "dct:title": licence.title,
                "dct:identifier": licence.spdx,
                "owl:sameAs": {"@id": licence.eu_uri},
                "dct:type": [
                    _concept(uri, uri.rsplit("/", 1)[1], LICENCE_TYPES) for uri in licence.type_uris
                ],
            },
        )
        self.publisher = _typed(
            self.landing + "#publicador",
            ["foaf:Agent", "foaf:Organization"],
            **{
                "foaf:name": portal_settings.entity_name,
                "dct:type": _concept(
                    LOCAL_AUTHORITY,
                    {"@value": "Local Authority", "@language": "en"},
                    "http://purl.org/adms/publishertype/1.0",
                ),
            },
        )
        self.contact = {
            "@id": self.landing + "#contacto",
            "@type": ["vcard:Kind", "vcard:Organization"],
            "vcard:fn": portal_settings.office_name or portal_settings.entity_name,
            "vcard:hasURL": {"@id": self.landing},
        }
        if portal_settings.email:
            self.contact["vcard:hasEmail"] = {"@id": f"mailto:{portal_settings.email}"}
        self.spatial = _typed(
            f"{self.landing}#territorio-{portal_settings.territory_code}",
            "dct:Location",
            **{
                "skos:prefLabel": _text(portal_settings.territory_name),
                "dct:identifier": portal_settings.territory_code,
                "dcat:centroid": _wkt(portal_settings.territory_centroid),
                "dcat:bbox": _wkt(portal_settings.territory_bbox),
            },
        )

    def absolute(self, path):
        return absolute_url(self.request, path)

    def year(self, year):
        """The calendar year of a vigencia. It has a URI of its own, as every resource that
        appears more than once does, so the Turtle and RDF/XML come out the same each time."""
        return {
            "@id": f"{self.landing}#vigencia-{year}",
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": f"{year}-01-01",
            "dcat:endDate": f"{year}-12-31",
        }

    def reference(self, node):
        """A node already described elsewhere in the graph, by its URI alone."""
        return {"@id": node["@id"]}

    def distribution(self, path, title, description, extension, content=None, **extra):
        """``content``: the file's bytes, when its size is the same on every download."""
        url = self.absolute(path)
        media_type, file_type = FORMATS[extension]
        node = {
            "@id": url,
            "@type": "dcat:Distribution",
            "dct:title": _text(title),
            "dct:description": _text(description),
            "dcat:accessURL": {"@id": url},
            "dcat:downloadURL": {"@id": url},
            "dcat:mediaType": _typed(IANA + media_type, "dct:MediaType"),
            "dct:format": _typed(EU_AUTHORITY + "file-type/" + file_type, "dct:MediaTypeOrExtent"),
            "dct:license": self.reference(self.licence),
            "dcatap:availability": _concept(
                EU_AUTHORITY + "planned-availability/STABLE",
                {"@value": "stable", "@language": "en"},
                EU_AUTHORITY + "planned-availability",
            ),
            **extra,
        }
        if content is not None:
            node["dcat:byteSize"] = len(content)
        # Only a CSV is the same bytes on every download: the JSON carries the time it was
        # written (always as many characters), so a checksum of it would never match.
        if content is not None and extension == "csv":
            node["spdx:checksum"] = {
                "@type": "spdx:Checksum",
                "spdx:algorithm": _typed(SHA256, "spdx:ChecksumAlgorithm"),
                "spdx:checksumValue": hashlib.sha256(content).hexdigest(),
            }
        return node

    def dataset(self, key, title, description, keywords, **properties):
        node = {
            "@id": f"{self.landing}#{key}",
            "@type": "dcat:Dataset",
            "dct:identifier": key,
            "dct:title": _text(title),
            "dct:description": _text(description),
            "dct:publisher": self.reference(self.publisher),
            "dct:language": _typed(SPANISH, "dct:LinguisticSystem"),
            "dct:spatial": self.reference(self.spatial),
            "dcat:keyword": [_text(keyword) for keyword in keywords],
            "dcat:contactPoint": self.contact,
            "dcat:landingPage": _typed(self.landing, "foaf:Document"),
        }
        node.update({name: value for name, value in properties.items() if value})
        return node


def _data_theme(code, label):
    return _concept(f"{DATA_THEMES}/{code}", {"@value": label, "@language": "en"}, DATA_THEMES)


def _frequency(code):
    return _typed(EU_AUTHORITY + "frequency/" + code, "dct:Frequency")


def indicators_dataset(builder):
    indicators = public_indicators()
    dates = indicators.aggregate(
        first=Min("first_published_at"),
        published=Max("last_published_at"),
        measured=Max("measurements__date"),
        first_measured=Min("measurements__date"),
    )
    # Rows loaded without the workflow (imports, demo data) have no publication dates; the
    # measurements' cut-off dates stand for them.
    issued = dates["first"] or dates["first_measured"]
    modified = dates["published"] or dates["measured"]
    years = sorted(
        {
            day.year
            for day in IndicatorMeasurement.objects.filter(indicator__in=indicators)
            .order_by()
            .values_list("date", flat=True)
            .distinct()
        }
    )
    goals = (
        SdgGoal.objects.with_public_indicator_counts()
        .filter(indicator_count__gt=0)
        .order_by("number")
    )
    datapackage = _typed(builder.absolute(reverse("opendata_datapackage")), "dct:Standard")
    descriptions = {
        "csv": _(
            "Text for spreadsheets in Spanish (Colombia): semicolons, decimal comma, UTF-8, one "
            "row per indicator; its Table Schema is the Data Package of this portal."
        ),
        "xlsx": _(
            "Excel workbook in the import format: edited in Excel, it imports back into the portal."
        ),
        "ods": _("The same workbook for LibreOffice Calc (OpenDocument)."),
        "json": _("JSON document with one record per indicator; empty values are null."),
    }
    distributions = []
    for extension in ("csv", "xlsx", "ods", "json"):
        extra = {"dct:conformsTo": datapackage} if extension == "csv" else {}
        distributions.append(
            builder.distribution(
                reverse("opendata_indicators", args=[extension]),
                _("Indicators (%(format)s)") % {"format": FORMATS[extension][1]},
                descriptions[extension],
                extension,
                # A workbook compresses the time it was written along with the data, so its
                # size changes by a few bytes on every download: it is left unstated.
                None
                if extension in WORKBOOKS
                else exports.indicator_file(extension, builder.request, builder.licence_terms),
                **extra,
            )
        )
    themes = [
        _data_theme("GOVE", "Government and public sector"),
        _data_theme("SOCI", "Population and society"),
    ]
    themes += [
        _concept(f"{SDG_SCHEME}/{goal.number}", _text(goal.short_title), SDG_SCHEME)
        for goal in goals
    ]
    return builder.dataset(
        "indicadores",
        _("Development plan indicators"),
        _(
            "Every approved indicator of the development plan with its code, name, kind, "
            "unit, baseline, target, latest measurement and period, progress, responsible "
            "department and the Sustainable Development Goal targets it contributes to."
        ),
        [_("indicators"), _("development plan"), _("SDG"), _("accountability")],
        **{
            "dct:issued": _date(issued),
            "dct:modified": _date(modified),
            "dct:accrualPeriodicity": _frequency("ANNUAL"),
            "dct:temporal": [builder.year(year) for year in years],
            "dcat:theme": themes,
            "dcat:distribution": distributions,
        },
    )


def documents_dataset(builder):
    documents = public_documents()
    dates = documents.aggregate(first=Min("published_on"), last=Max("published_on"))
    years = [row["fiscal_year"] for row in documents.fiscal_years()]
    distributions = [
        builder.distribution(
            reverse("opendata_documents_csv"),
            _("List of published documents (CSV)"),
            _("One row per document: title, kind, department, year, address and SHA-256."),
            "csv",
            exports.documents_csv_file(builder.request),
        ),
    ]
    # The ZIPs are compressed while they are sent, so their size is not known beforehand;
    # the MANIFEST.csv inside lists every file's checksum.
    distributions += [
        builder.distribution(
            reverse("document_year_zip", args=[year]),
            _("All documents of %(year)s (ZIP)") % {"year": year},
            _(
                "Every published document of the %(year)s accountability cycle, with a "
                "MANIFEST.csv of their SHA-256 checksums."
            )
            % {"year": year},
            "zip",
            **{"dct:temporal": builder.reference(builder.year(year))},
        )
        for year in sorted(years)
    ]
    return builder.dataset(
        "documentos",
        _("Published accountability documents"),
        _(
            "Reports, minutes, systematisations, improvement plans, evaluations and "
            "presentations published by the administration, with their SHA-256 checksums."
        ),
        [_("documents"), _("accountability"), _("transparency")],
        **{
            "dct:issued": _date(dates["first"]),
            "dct:modified": _date(dates["last"]),
            "dct:accrualPeriodicity": _frequency("IRREG"),
            "dct:temporal": [builder.year(year) for year in sorted(years)],
            "dcat:theme": [_data_theme("GOVE", "Government and public sector")],
            "dcat:distribution": distributions,
        },
    )


def data_service(builder, datasets):
    # The indicators are the API's main collection; the OpenAPI description lists the rest.
    endpoint = builder.absolute(reverse("api:indicator-list"))
    return {
        "@id": builder.landing + "#api",
        "@type": "dcat:DataService",
        "dct:title": _text(_("Accountability data API")),
        "dct:description": _text(
            _(
                "Read-only JSON API: indicators, SDG goals and targets, commitments, "
                "improvement actions and cycles, with filters and pagination."
            )
        ),
        "dcat:endpointURL": _typed(endpoint, "rdfs:Resource"),
        "dcat:endpointDescription": _typed(
            builder.absolute(reverse("api:openapi")), "rdfs:Resource"
        ),
        "dcat:servesDataset": [{"@id": datasets[0]["@id"]}],
        "dct:license": builder.reference(builder.licence),
        "dct:publisher": builder.reference(builder.publisher),
        "dcat:contactPoint": builder.contact,
    }


def build_catalogue(request, portal_settings):
    builder = CatalogueBuilder(request, portal_settings)
    datasets = [indicators_dataset(builder), documents_dataset(builder)]
    issued = min((d["dct:issued"] for d in datasets if "dct:issued" in d), default=None)
    modified = max((d["dct:modified"] for d in datasets if "dct:modified" in d), default=None)
    catalogue = {
        "@context": CONTEXT,
        "@id": builder.catalogue_uri,
        "@type": "dcat:Catalog",
        "dct:title": _text(_("Open data of the accountability portal")),
        "dct:description": _text(
            _("Datasets published by %(entity)s on its accountability portal.")
            % {"entity": portal_settings.entity_name}
        ),
        "dct:publisher": builder.publisher,
        "dct:language": _typed(SPANISH, "dct:LinguisticSystem"),
        "dct:license": builder.licence,
        "dct:spatial": builder.spatial,
        "foaf:homepage": _typed(builder.landing, "foaf:Document"),
        "dcat:themeTaxonomy": [
            _typed(
                DATA_THEMES,
                "skos:ConceptScheme",
                **{"dct:title": {"@value": "Data theme", "@language": "en"}},
            ),
            _typed(
                SDG_SCHEME,
                "skos:ConceptScheme",
                **{"dct:title": _text(_("Sustainable Development Goals"))},
            ),
        ],
        "dcat:dataset": datasets,
        "dcat:service": [data_service(builder, datasets)],
    }
    if issued:
        catalogue["dct:issued"] = issued
    if modified:
        catalogue["dct:modified"] = modified
    return catalogue


def serialise(catalogue, extension):
    """The catalogue (a JSON-LD document) in one of ``RDF_FORMATS``, as bytes."""
    content = json.dumps(catalogue, ensure_ascii=False, indent=1)
    if extension == "json":
        return content.encode("utf-8")
    graph = Graph()
    graph.parse(data=content, format="json-ld")
    graph.bind("dcat", CONTEXT["dcat"])
    graph.bind("dct", CONTEXT["dct"])
    graph.bind("dcatap", CONTEXT["dcatap"])
    return graph.serialize(format=RDF_FORMATS[extension][1], encoding="utf-8")
