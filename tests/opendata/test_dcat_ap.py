"""The catalogue as harvesters read it: the official DCAT-AP SHACL shapes find nothing, the
licence and territory come from the portal settings, and one URI answers in JSON-LD, Turtle
or RDF/XML.

The shapes are the European Commission's own files (tests/data/dcat-ap/README.md).
"""

import datetime
import hashlib
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from pyshacl import validate
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from wagtail.models import Collection, Site

from rendicion.models import PortalSettings, PublicCollection, SdgGoal
from tests.factories import (
    DocumentFactory,
    IndicatorFactory,
    IndicatorIndexFactory,
    MeasurementFactory,
    home_page,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning"),
]

SHAPES = Path(__file__).parent.parent / "data" / "dcat-ap"
SH = Namespace("http://www.w3.org/ns/shacl#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
SPDX = Namespace("http://spdx.org/rdf/terms#")
FORMATS = {"json": "json-ld", "ttl": "turtle", "rdf": "xml"}


def shapes(*names):
    graph = Graph()
    for name in names:
        graph.parse(SHAPES / name, format="turtle")
    # The 3.0.1 files list five property shapes they never define (no path, no constraint);
    # pyshacl refuses an ill-formed shape, and an empty one checks nothing, so they go.
    for shape, property_shape in list(graph.subject_objects(SH.property)):
        if graph.value(property_shape, SH.path) is None:
            graph.remove((shape, SH.property, property_shape))
    return graph


DCAT_AP_3 = ("dcat-ap-3.0.1-SHACL.ttl", "dcat-ap-3.0.1-ranges.ttl")
RECOMMENDED = ("dcat-ap-2.1.1-shapes-recommended.ttl",)


@pytest.fixture
def published_data():
    IndicatorIndexFactory(parent=home_page())
    teachers = IndicatorFactory(name="Docentes formados", sdg_targets=["4.c"])
    MeasurementFactory(indicator=teachers, date=datetime.date(2021, 12, 31), value=Decimal(8))
    forests = IndicatorFactory(name="Hectáreas reforestadas")
    forests.sdg_goals.set(SdgGoal.objects.filter(number=15))  # a goal-only link
    forests.save()
    MeasurementFactory(indicator=forests, date=datetime.date(2020, 12, 31), value=Decimal(3))
    hidden = IndicatorFactory(name="Indicador sin aprobar", live=False)
    hidden.sdg_goals.set(SdgGoal.objects.filter(number=7))
    hidden.save()
    PublicCollection.objects.create(collection=Collection.get_first_root_node())
    DocumentFactory(fiscal_year=2020, published_on=datetime.date(2021, 1, 29))
    DocumentFactory(fiscal_year=2021, published_on=datetime.date(2022, 2, 25))
    portal_settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    portal_settings.email = "participacion@palmira.gov.co"
    portal_settings.save()
    return portal_settings


def catalogue_graph(client, extension="ttl"):
    response = client.get(f"/datos/catalogo.{extension}")
    assert response.status_code == 200
    return Graph().parse(data=response.content, format=FORMATS[extension])


def report(graph, shape_files):
    conforms, _graph, text = validate(
        graph, shacl_graph=shapes(*shape_files), inference="none", allow_warnings=False
    )
    return conforms, text


def test_dcat_ap_3_shapes_find_no_violation(client, published_data):
    conforms, text = report(catalogue_graph(client), DCAT_AP_3)
    assert conforms, text


def test_recommended_shapes_find_no_warning(client, published_data):
    conforms, text = report(catalogue_graph(client), RECOMMENDED)
    assert conforms, text


def test_the_shapes_do_see_a_missing_licence(client, published_data):
    # The check above would pass on an empty graph; this one proves it reads the catalogue.
    graph = catalogue_graph(client)
    graph.remove((None, DCT.license, None))
    conforms, text = report(graph, RECOMMENDED)
    assert not conforms
    assert "dct:license" in text or str(DCT.license) in text


@pytest.mark.parametrize("extension", ["json", "rdf"])
def test_every_format_is_the_same_graph(client, published_data, extension):
    assert isomorphic(catalogue_graph(client, extension), catalogue_graph(client, "ttl"))


@pytest.mark.parametrize(
    ("accept", "extension"),
    [
        ("text/turtle", "ttl"),
        ("application/rdf+xml", "rdf"),
        ("application/ld+json", "json"),
        ("text/turtle;q=0.5, application/rdf+xml", "rdf"),
        ("*/*", "json"),
        ("text/html,application/xhtml+xml,*/*;q=0.8", "json"),
        ("", "json"),
    ],
)
def test_the_catalogue_uri_sends_each_client_to_its_format(client, db, accept, extension):
    response = client.get("/datos/catalogo", headers={"Accept": accept} if accept else {})
    assert response.status_code == 303
    assert response["Location"] == f"/datos/catalogo.{extension}"
    assert "Accept" in response["Vary"]


def test_each_format_has_its_media_type_and_a_conditional_get(client, db):
    for extension, media_type in (
        ("json", "application/ld+json"),
        ("ttl", "text/turtle"),
        ("rdf", "application/rdf+xml"),
    ):
        response = client.get(f"/datos/catalogo.{extension}")
        assert response["Content-Type"].startswith(media_type)
        again = client.get(f"/datos/catalogo.{extension}", HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304


def test_licence_comes_from_the_settings_everywhere(client, published_data):
    graph = catalogue_graph(client)
    by = URIRef("https://creativecommons.org/licenses/by/4.0/")
    distributions = set(graph.subjects(RDF.type, DCAT.Distribution))
    assert distributions
    assert {graph.value(d, DCT.license) for d in distributions} == {by}
    assert "Creative Commons Attribution 4.0" in client.get("/datos/").content.decode()

    published_data.data_licence = "CC0-1.0"
    published_data.save()
    graph = catalogue_graph(client)
    zero = URIRef("https://creativecommons.org/publicdomain/zero/1.0/")
    assert {graph.value(d, DCT.license) for d in distributions} == {zero}
    catalogue = next(graph.subjects(RDF.type, DCAT.Catalog))
    assert graph.value(catalogue, DCT.license) == zero
    assert client.get("/datos/datapackage.json").json()["licenses"][0]["name"] == "CC0-1.0"
    assert client.get("/datos/indicadores.json").json()["licencia"]["id"] == "CC0-1.0"
    page = client.get("/datos/").content.decode()
    assert "CC0-1.0" in page and 'rel="license"' in page


def test_territory_period_and_themes_describe_the_data(client, published_data):
    graph = catalogue_graph(client)
    indicators = next(d for d in graph.subjects(RDF.type, DCAT.Dataset) if "#indicadores" in d)
    documents = next(d for d in graph.subjects(RDF.type, DCAT.Dataset) if "#documentos" in d)

    place = graph.value(indicators, DCT.spatial)
    assert graph.value(place, DCT.identifier) == Literal("76520")
    assert "Palmira" in str(
        graph.value(place, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"))
    )

    def years(dataset):
        return sorted(
            (str(graph.value(period, DCAT.startDate)), str(graph.value(period, DCAT.endDate)))
            for period in graph.objects(dataset, DCT.temporal)
        )

    assert years(indicators) == [("2020-01-01", "2020-12-31"), ("2021-01-01", "2021-12-31")]
    assert years(documents) == [("2020-01-01", "2020-12-31"), ("2021-01-01", "2021-12-31")]
    assert str(graph.value(documents, DCT.issued)) == "2021-01-29"
    assert str(graph.value(documents, DCT.modified)) == "2022-02-25"

    themes = {str(theme) for theme in graph.objects(indicators, DCAT.theme)}
    # Goal 4 through a target, goal 15 through a goal-only link; goal 7 only on a draft.
    assert {"http://metadata.un.org/sdg/4", "http://metadata.un.org/sdg/15"} <= themes
    assert "http://metadata.un.org/sdg/7" not in themes
    assert "http://publications.europa.eu/resource/authority/data-theme/GOVE" in themes

    published_data.territory_name = "Buga, Valle del Cauca"
    published_data.territory_code = "76111"
    published_data.save()
    graph = catalogue_graph(client)
    place = graph.value(indicators, DCT.spatial)
    assert graph.value(place, DCT.identifier) == Literal("76111")


def test_a_malformed_territory_is_refused_in_spanish(published_data):
    published_data.territory_code = "765"
    published_data.territory_centroid = "3.54, -76.30"
    with pytest.raises(ValidationError) as error:
        published_data.full_clean()
    messages = error.value.message_dict
    assert "cinco dígitos" in messages["territory_code"][0]
    assert "POINT" in messages["territory_centroid"][0]


def test_sizes_and_checksums_match_the_files(client, published_data):
    graph = catalogue_graph(client)
    checked = 0
    for distribution in graph.subjects(RDF.type, DCAT.Distribution):
        size = graph.value(distribution, DCAT.byteSize)
        url = str(graph.value(distribution, DCAT.downloadURL))
        if size is None:
            # Compressed while sent (ZIP), or holding the time it was written (XLSX, ODS):
            # the size is not the same from one download to the next.
            assert url.endswith((".zip", ".xlsx", ".ods")), url
            continue
        content = client.get(url.removeprefix("http://testserver")).content
        checksum = graph.value(distribution, SPDX.checksum)
        if url.endswith(".csv"):
            assert int(size) == len(content), url
            assert (
                str(graph.value(checksum, SPDX.checksumValue))
                == hashlib.sha256(content).hexdigest()
            )
            checked += 1
        else:
            # The JSON carries the time it was written: other bytes, always as many.
            assert int(size) == len(content), url
            assert checksum is None, url
    assert checked == 2  # the indicators and the documents lists
