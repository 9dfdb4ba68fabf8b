"""``WAGTAILSEARCH_BACKENDS`` from the environment. Imported by the settings: no Django imports.

``SEARCH_BACKEND`` chooses the engine:

- ``database`` (default): Wagtail's database backend with the portal's Spanish analysis
  (``search.backends.database``): SQLite FTS5 in development, PostgreSQL full-text search with
  the ``spanish_unaccent`` configuration in production.
- ``elasticsearch``: Elasticsearch 9 (``elasticsearch`` client 9.x);
- ``opensearch``: OpenSearch 3 (``opensearch-py`` 3.x).

For the last two ``SEARCH_URL`` gives the server (``https://user:password@host:9200``; several
separated by commas) and ``SEARCH_INDEX_PREFIX`` the prefix of the index names. Their indexes
are created with ``SPANISH_INDEX_SETTINGS``: every text field is analysed by a Spanish
analyzer that folds accents and stems. After switching, run ``python manage.py update_index``.
"""

DATABASE_BACKEND = "search.backends.database"
ELASTIC_BACKENDS = {
    "elasticsearch": "search.backends.elastic.SpanishElasticsearch9SearchBackend",
    "opensearch": "search.backends.elastic.SpanishOpenSearch3SearchBackend",
}
POSTGRES_SEARCH_CONFIG = "spanish_unaccent"

# "default" is the analyzer Elasticsearch and OpenSearch use for every text field that names no
# other, so Wagtail's mappings need no change to become Spanish. Stop words are removed before
# folding because Elasticsearch's Spanish list is accented ("él", "más").
SPANISH_INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "filter": {
                "spanish_stop": {"type": "stop", "stopwords": "_spanish_"},
                "spanish_stemmer": {"type": "stemmer", "language": "light_spanish"},
            },
            "analyzer": {
                "default": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "spanish_stop", "asciifolding", "spanish_stemmer"],
                },
                # For autocomplete queries: the same folding as the edge n-grams indexed.
                "folding": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "asciifolding"],
                },
            },
        }
    }
}


class SearchConfigurationError(ValueError):
    pass


def search_backends(environ):
    """The ``WAGTAILSEARCH_BACKENDS`` setting for this environment."""
    choice = environ.get("SEARCH_BACKEND", "database").strip().lower() or "database"
    if choice == "database":
        return {
            "default": {
                "BACKEND": DATABASE_BACKEND,
                "SEARCH_CONFIG": POSTGRES_SEARCH_CONFIG,
            }
        }
    if choice not in ELASTIC_BACKENDS:
        raise SearchConfigurationError(
            f"SEARCH_BACKEND must be database, elasticsearch or opensearch, not {choice!r}"
        )
    urls = [url.strip() for url in environ.get("SEARCH_URL", "").split(",") if url.strip()]
    if not urls:
        raise SearchConfigurationError(f"SEARCH_BACKEND={choice} needs SEARCH_URL")
    return {
        "default": {
            "BACKEND": ELASTIC_BACKENDS[choice],
            "URLS": urls,
            "INDEX_PREFIX": environ.get("SEARCH_INDEX_PREFIX", "rendicion_"),
            "TIMEOUT": int(environ.get("SEARCH_TIMEOUT", "10")),
            "INDEX_SETTINGS": SPANISH_INDEX_SETTINGS,
        }
    }
