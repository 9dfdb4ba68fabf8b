"""The search backends: Spanish analysis in the database index, and Elasticsearch/OpenSearch
configured as docs/search.md says (no such server runs here: only the configuration is built)."""

import pytest
from django.db import connection
from django.test import override_settings
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from search.analysis import analyze, fold, highlight, query_stems, stems
from search.backends.elastic import (
    SpanishElasticsearch9SearchBackend,
    SpanishOpenSearch3SearchBackend,
)
from search.conf import SPANISH_INDEX_SETTINGS, SearchConfigurationError, search_backends
from tests.factories import CycleFactory, DepartmentFactory, DepartmentSectionFactory, home_page

# --- The analysis ------------------------------------------------------------------------------


def test_accents_case_and_inflections_meet():
    assert fold("Bilingüismo EDUCACIÓN Ñandú") == "bilinguismo educacion nandu"
    assert stems("Educación") == stems("educacion")
    assert stems("audiencias") == stems("audiencia")
    assert stems("Docentes beneficiados") == stems("docente beneficiado")
    assert stems("de la Secretaría y los") == stems("secretaria")


def test_queries_keep_only_words_and_numbers():
    assert query_stems('"educación" AND (salud*) OR -NOT ; DROP') == stems(
        "educación and salud or not drop"
    )
    assert query_stems("*") == []
    assert len(query_stems(" ".join(f"palabra{n}" for n in range(50)))) == 12


def test_highlight_escapes_everything_but_the_marks():
    html = highlight("<script>alert('educación')</script> Educación", ["educ"])
    assert html == (
        "&lt;script&gt;alert(&#x27;<mark>educación</mark>&#x27;)&lt;/script&gt; "
        "<mark>Educación</mark>"
    )


# --- The database backend ----------------------------------------------------------------------


@pytest.mark.django_db
def test_database_backend_indexes_spanish_stems():
    backend = get_search_backend()
    expected = {
        "sqlite": "SpanishSQLiteSearchBackend",
        "postgresql": "SpanishPostgresSearchBackend",
    }
    assert type(backend).__name__ == expected[connection.vendor]
    education = DepartmentFactory(name="Secretaría de Educación", slug="educacion")
    section = DepartmentSectionFactory(
        parent=CycleFactory(parent=home_page(), year=2021),
        department=education,
        title="Bilingüismo en las instituciones educativas",
    )
    entry = IndexEntry.objects.get(object_id=str(section.pk))
    if connection.vendor == "sqlite":
        assert entry.title == analyze(section.title) == "bilingu institu educ"
        assert entry.autocomplete.startswith("bilinguismo en las instituciones")
    for query in ("bilinguismo", "BILINGÜISMO", "institucion educativa", "educativas"):
        assert section.pk in [page.pk for page in backend.search(query, Page)], query


@pytest.mark.django_db
def test_postgres_uses_the_spanish_unaccent_configuration():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL text search configuration")
    assert get_search_backend().config == "spanish_unaccent"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_tsvector('spanish_unaccent', 'Educación Bilingüismo Estado')::text, "
            "to_tsvector('spanish_unaccent', 'educacion bilinguismo estados')::text"
        )
        accented, plain = cursor.fetchone()
    # Accents removed, then stemmed; "estado" is kept (PostgreSQL's Spanish stop list drops it).
    assert accented == plain
    assert "'estad':3" in accented


def test_default_configuration_is_the_database():
    assert search_backends({}) == {
        "default": {"BACKEND": "search.backends.database", "SEARCH_CONFIG": "spanish_unaccent"}
    }


# --- Elasticsearch and OpenSearch --------------------------------------------------------------


@pytest.mark.parametrize(
    ("choice", "backend_class"),
    [
        ("elasticsearch", SpanishElasticsearch9SearchBackend),
        ("opensearch", SpanishOpenSearch3SearchBackend),
    ],
)
def test_search_servers_get_a_spanish_analyzer(choice, backend_class):
    config = search_backends(
        {
            "SEARCH_BACKEND": choice,
            "SEARCH_URL": "https://portal:secreto@search.internal:9200",
            "SEARCH_INDEX_PREFIX": "palmira_",
        }
    )
    assert config["default"]["URLS"] == ["https://portal:secreto@search.internal:9200"]
    with override_settings(WAGTAILSEARCH_BACKENDS=config):
        backend = get_search_backend()
    assert type(backend) is backend_class
    assert backend.index_prefix == "palmira_"
    analysis = backend.settings["settings"]["analysis"]
    assert analysis["analyzer"]["default"] == {
        "type": "custom",
        "tokenizer": "standard",
        "filter": ["lowercase", "spanish_stop", "asciifolding", "spanish_stemmer"],
    }
    assert analysis["filter"]["spanish_stemmer"] == {"type": "stemmer", "language": "light_spanish"}
    # Wagtail's own analyzers for autocomplete are kept.
    assert "edgengram_analyzer" in analysis["analyzer"]
    assert backend.settings["settings"]["analysis"] == {
        **analysis,
        **SPANISH_INDEX_SETTINGS["settings"]["analysis"],
        "analyzer": analysis["analyzer"],
        "filter": analysis["filter"],
    }

    mapping = backend.mapping_class(Page).get_mapping()["properties"]
    # Text fields use the index's default (Spanish) analyzer; autocomplete folds both ways.
    assert "analyzer" not in mapping["title"]
    assert mapping["title"]["type"] == "text"
    assert mapping["_edgengrams"]["search_analyzer"] == "folding"
    assert mapping["_edgengrams"]["analyzer"] == "edgengram_analyzer"
    assert backend.get_index_for_model(Page).name == "palmira_wagtailcore_page"


def test_search_server_configuration_errors_are_explicit():
    with pytest.raises(SearchConfigurationError, match="SEARCH_URL"):
        search_backends({"SEARCH_BACKEND": "elasticsearch"})
    with pytest.raises(SearchConfigurationError, match="solr"):
        search_backends({"SEARCH_BACKEND": "solr", "SEARCH_URL": "http://x"})
