"""Wagtail's Elasticsearch 9 and OpenSearch 3 backends, made Spanish.

The index settings (``search.conf.SPANISH_INDEX_SETTINGS``, passed as ``INDEX_SETTINGS``)
define a ``default`` analyzer, lowercase → Spanish stop words → asciifolding → Spanish
stemmer, that the engine applies to every text field Wagtail maps. The only mapping change is
the search-time analyzer of autocomplete fields: Wagtail folds the indexed edge n-grams but
searches them with ``standard``, so "educacion" would not reach "educación"; here both sides
fold. They rank as ``search.backends.ranking.RankedSearchMixin`` says (higher scores better).
"""

from modelsearch.backends import elasticsearch9 as es9
from modelsearch.backends import opensearch3 as os3

from search.backends.ranking import RankedSearchMixin

AUTOCOMPLETE_ANALYZERS = {"analyzer": "edgengram_analyzer", "search_analyzer": "folding"}


class SpanishElasticsearch9Mapping(es9.Elasticsearch9Mapping):
    edgengram_analyzer_config = AUTOCOMPLETE_ANALYZERS


class SpanishElasticsearch9SearchQueryCompiler(es9.Elasticsearch9SearchQueryCompiler):
    mapping_class = SpanishElasticsearch9Mapping


class SpanishElasticsearch9AutocompleteQueryCompiler(es9.Elasticsearch9AutocompleteQueryCompiler):
    mapping_class = SpanishElasticsearch9Mapping


class SpanishElasticsearch9SearchBackend(RankedSearchMixin, es9.Elasticsearch9SearchBackend):
    mapping_class = SpanishElasticsearch9Mapping
    query_compiler_class = SpanishElasticsearch9SearchQueryCompiler
    autocomplete_query_compiler_class = SpanishElasticsearch9AutocompleteQueryCompiler


class SpanishOpenSearch3Mapping(os3.OpenSearch3Mapping):
    edgengram_analyzer_config = AUTOCOMPLETE_ANALYZERS


class SpanishOpenSearch3SearchQueryCompiler(os3.OpenSearch3SearchQueryCompiler):
    mapping_class = SpanishOpenSearch3Mapping


class SpanishOpenSearch3AutocompleteQueryCompiler(os3.OpenSearch3AutocompleteQueryCompiler):
    mapping_class = SpanishOpenSearch3Mapping


class SpanishOpenSearch3SearchBackend(RankedSearchMixin, os3.OpenSearch3SearchBackend):
    mapping_class = SpanishOpenSearch3Mapping
    query_compiler_class = SpanishOpenSearch3SearchQueryCompiler
    autocomplete_query_compiler_class = SpanishOpenSearch3AutocompleteQueryCompiler
