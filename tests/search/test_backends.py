"""The search backends: Spanish analysis in the database index, and Elasticsearch/OpenSearch
configured as docs/search.md says (no such server runs here: only the configuration is built)."""

from types import SimpleNamespace

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
from search.backends.fallback import FallbackSearchBackend
from search.backends.ranking import DatabaseRankingMixin
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


def ranking_sections():
    """Three sections: two about bilingüismo (in the title, in the intro), one not."""
    cycle = CycleFactory(parent=home_page(), year=2021)
    education = DepartmentFactory(name="Secretaría de Educación", slug="educacion")
    in_title = DepartmentSectionFactory(
        parent=cycle, department=education, title="Bilingüismo en las instituciones educativas"
    )
    in_intro = DepartmentSectionFactory(
        parent=cycle,
        department=DepartmentFactory(name="Secretaría de Cultura", slug="cultura"),
        intro="<p>Talleres de lectura y de bilingüismo en las bibliotecas.</p>",
    )
    other = DepartmentSectionFactory(
        parent=cycle, department=DepartmentFactory(name="Secretaría de Salud", slug="salud")
    )
    return in_title, in_intro, other


@pytest.mark.django_db
def test_the_database_backend_ranks_best_first_with_higher_scores_better():
    in_title, in_intro, other = ranking_sections()
    backend = get_search_backend()
    rows = backend.ranked("bilinguismo", Page.objects.live(), 10)
    assert {pk for pk, _score in rows} == {in_title.pk, in_intro.pk}
    assert rows[0][1] >= rows[1][1]  # the engine's own relevance, whichever it prefers
    assert backend.ranked("bilinguismo salud", Page.objects.live(), 10) == []  # every word
    assert backend.ranked("de la", Page.objects.live(), 10) == []  # nothing left to search
    assert backend.ranked("bilinguismo", Page.objects.live(), 1) == rows[:1]
    prefix = [pk for pk, _score in backend.ranked("biling", Page.objects.live(), 10, True)]
    assert prefix == [in_title.pk]  # autocomplete: titles only
    assert other.pk not in prefix


@pytest.mark.django_db
def test_the_sqlite_index_pass_scores_as_wagtail_does():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite FTS5 ranking")
    ranking_sections()
    backend = get_search_backend()
    for query in ("bilinguismo", "secretaria", "instituciones educativas"):
        one_pass = backend.ranked(query, Page.objects.live(), 10)
        wagtails = DatabaseRankingMixin.ranked(backend, query, Page.objects.live(), 10)
        assert one_pass and sorted(one_pass) == sorted(wagtails), query
        assert one_pass == sorted(one_pass, key=lambda row: (-row[1], str(row[0]))), query


@pytest.mark.django_db
def test_the_fallback_backend_ranks_in_queryset_order():
    in_title, _in_intro, _other = ranking_sections()
    backend = FallbackSearchBackend({})
    rows = backend.ranked("Bilingüismo", Page.objects.live(), 10)
    assert rows == [(in_title.pk, 0.0)]  # titles only, as typed
    assert backend.ranked("", Page.objects.live(), 10) == []


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


@pytest.mark.django_db
def test_postgres_matches_through_an_index_not_by_reading_every_entry():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL query plan")
    in_title, _in_intro, _other = ranking_sections()
    queryset = get_search_backend().search("bilinguismo", Page.objects.live()).get_queryset()
    sql, _params = queryset.query.sql_with_params()
    # The expression Wagtail matches is the one the migration search.0004 indexes...
    matched = '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body") @@'
    assert matched in sql
    # ...and the database can answer that match from the index.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # as on a table of thousands of rows
        cursor.execute(
            "EXPLAIN SELECT id FROM wagtailsearch_indexentry "
            "WHERE (title || body) @@ to_tsquery('spanish_unaccent', 'bilingu')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_indexentry_title_body_gin" in plan, plan
    assert in_title.pk in [page.pk for page in queryset]


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


class ServerResults(list):
    """What a search server's results look like to ``ranked()``: objects with ``_score``."""

    def annotate_score(self, field_name):
        assert field_name == "_score"
        return self


@pytest.mark.parametrize("choice", ["elasticsearch", "opensearch"])
def test_search_servers_rank_with_their_scores(choice, monkeypatch):
    config = search_backends({"SEARCH_BACKEND": choice, "SEARCH_URL": "http://search:9200"})
    with override_settings(WAGTAILSEARCH_BACKENDS=config):
        backend = get_search_backend()
    found = ServerResults([SimpleNamespace(pk=7, _score=3.5), SimpleNamespace(pk=3, _score=None)])
    calls = []

    def matches(query, queryset, autocomplete=False):
        calls.append((query, autocomplete))
        return found

    monkeypatch.setattr(backend, "matches", matches)
    assert backend.ranked("educacion", Page.objects.none(), 5) == [(7, 3.5), (3, 0.0)]
    assert backend.ranked("educa", Page.objects.none(), 5, autocomplete=True)[0] == (7, 3.5)
    assert calls == [("educacion", False), ("educa", True)]


def test_search_server_configuration_errors_are_explicit():
    with pytest.raises(SearchConfigurationError, match="SEARCH_URL"):
        search_backends({"SEARCH_BACKEND": "elasticsearch"})
    with pytest.raises(SearchConfigurationError, match="solr"):
        search_backends({"SEARCH_BACKEND": "solr", "SEARCH_URL": "http://x"})
