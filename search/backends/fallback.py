"""Wagtail's fallback database backend, for a database without full-text search (SQLite built
without FTS5, MySQL): it filters with ``icontains`` and has no relevance score, so its matches
keep their queryset's order. No Spanish analysis: it searches the model fields themselves."""

from modelsearch.backends.base import EmptySearchResults
from modelsearch.backends.database.fallback import DatabaseSearchBackend

from search.backends.ranking import RankedSearchMixin


class FallbackSearchBackend(RankedSearchMixin, DatabaseSearchBackend):
    def scored_rows(self, results):
        if isinstance(results, EmptySearchResults):
            return []
        return ((pk, 0.0) for pk in results.get_queryset().values_list("pk", flat=True))


SearchBackend = FallbackSearchBackend
