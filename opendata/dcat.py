"""The DCAT catalogue (JSON-LD, DCAT-AP style) that open-data portals harvest.

One ``dcat:Dataset`` per body of data, one ``dcat:Distribution`` per file format: the
indicators dataset has three distributions (CSV, XLSX, JSON); the documents dataset has the
manifest (CSV) and one ZIP per fiscal year. The context is inline, so no harvester has to
fetch anything else to read it.
"""

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _

from opendata.addresses import absolute_url
from rendicion.models import Indicator
from rendicion.visibility import public_documents

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dct:modified": {"@type": "xsd:date"},
    "dcat:byteSize": {"@type": "xsd:nonNegativeInteger"},
}
IANA = "https://www.iana.org/assignments/media-types/"
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
SPANISH = "http://publications.europa.eu/resource/authority/language/SPA"

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {
    "csv": ("text/csv", "CSV"),
    "xlsx": (XLSX_TYPE, "XLSX"),
    "json": ("application/json", "JSON"),
    "zip": ("application/zip", "ZIP"),
}


def _text(value):
    return {"@value": str(value), "@language": "es"}


def _distribution(url, title, extension, byte_size=None):
    media_type, file_type = FORMATS[extension]
    distribution = {
        "@id": url,
        "@type": "dcat:Distribution",
        "dct:title": _text(title),
        "dcat:accessURL": {"@id": url},
        "dcat:downloadURL": {"@id": url},
        "dcat:mediaType": {"@id": IANA + media_type},
        "dct:format": {"@id": EU_FILE_TYPE + file_type},
    }
    if byte_size is not None:
        distribution["dcat:byteSize"] = byte_size
    return distribution


def _date(value):
    if value is None:
        return None
    return value.date().isoformat() if hasattr(value, "date") else value.isoformat()


def _dataset(key, title, description, keywords, modified, distributions, publishing):
    landing, publisher_id, contact = publishing
    node = {
        "@id": f"{landing}#{key}",
        "@type": "dcat:Dataset",
        "dct:identifier": key,
        "dct:title": _text(title),
        "dct:description": _text(description),
        "dct:publisher": {"@id": publisher_id},
        "dct:language": {"@id": SPANISH},
        "dcat:keyword": [_text(keyword) for keyword in keywords],
        "dcat:contactPoint": contact,
        "dcat:landingPage": {"@id": landing},
        "dcat:distribution": distributions,
    }
    if modified:
        node["dct:modified"] = modified
    return node


def _indicators_dataset(absolute, publishing):
    # The last approval of an indicator; rows loaded without the workflow (imports, demo
    # data) have none, and then the latest measurement's cut-off date stands for it.
    approved = Indicator.objects.filter(live=True).aggregate(
        published=Max("last_published_at"), measured=Max("measurements__date")
    )
    distributions = [
        _distribution(
            absolute(reverse("opendata_indicators", args=[ext])),
            _("Indicators (%(format)s)") % {"format": FORMATS[ext][1]},
            ext,
        )
        for ext in ("csv", "xlsx", "json")
    ]
    return _dataset(
        "indicadores",
        _("Development plan indicators"),
        _(
            "Every approved indicator of the development plan with its code, name, kind, "
            "unit, baseline, target, latest measurement and period, progress, responsible "
            "department and the Sustainable Development Goal targets it contributes to."
        ),
        [_("indicators"), _("development plan"), _("SDG"), _("accountability")],
        _date(approved["published"] or approved["measured"]),
        distributions,
        publishing,
    )


def _documents_dataset(absolute, publishing):
    documents = public_documents()
    distributions = [
        _distribution(
            absolute(reverse("opendata_documents_csv")),
            _("List of published documents (CSV)"),
            "csv",
        ),
    ]
    distributions += [
        _distribution(
            absolute(reverse("document_year_zip", args=[row["fiscal_year"]])),
            _("All documents of %(year)s (ZIP)") % {"year": row["fiscal_year"]},
            "zip",
        )
        for row in documents.fiscal_years()
    ]
    return _dataset(
        "documentos",
        _("Published accountability documents"),
        _(
            "Reports, minutes, systematisations, improvement plans, evaluations and "
            "presentations published by the administration, with their SHA-256 checksums."
        ),
        [_("documents"), _("accountability"), _("transparency")],
        _date(documents.aggregate(last=Max("published_on"))["last"]),
        distributions,
        publishing,
    )


def build_catalogue(request, portal_settings):
    def absolute(path):
        return absolute_url(request, path)

    landing = absolute(reverse("opendata_index"))
    publisher = {
        "@id": landing + "#publicador",
        "@type": "foaf:Organization",
        "foaf:name": portal_settings.entity_name,
    }
    contact = {
        "@type": "vcard:Organization",
        "vcard:fn": portal_settings.office_name or portal_settings.entity_name,
    }
    if portal_settings.email:
        contact["vcard:hasEmail"] = {"@id": f"mailto:{portal_settings.email}"}
    publishing = (landing, publisher["@id"], contact)

    datasets = [_indicators_dataset(absolute, publishing), _documents_dataset(absolute, publishing)]
    modified = max((d["dct:modified"] for d in datasets if "dct:modified" in d), default=None)
    catalogue = {
        "@context": CONTEXT,
        "@id": absolute(reverse("opendata_catalogue")),
        "@type": "dcat:Catalog",
        "dct:title": _text(_("Open data of the accountability portal")),
        "dct:description": _text(
            _("Datasets published by %(entity)s on its accountability portal.")
            % {"entity": portal_settings.entity_name}
        ),
        "dct:publisher": publisher,
        "dct:language": {"@id": SPANISH},
        "foaf:homepage": {"@id": landing},
        "dcat:dataset": datasets,
    }
    if modified:
        catalogue["dct:modified"] = modified
    return catalogue
