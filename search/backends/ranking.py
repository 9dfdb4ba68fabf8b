"""How each backend ranks: ``backend.ranked(query, queryset, limit, autocomplete=False)``.

The citizen search (``search.engine``) and the suggestions (``search.views``) need the pks and
relevance scores of the best matches of each kind, best first, higher scores better, without
loading the objects when the backend can avoid it. Every backend ``search.conf`` configures
has the method, and says how it ranks:

- search servers (``search.backends.elastic``): Wagtail's search with ``annotate_score``; the
  objects come back with their scores (``RankedSearchMixin``);
- PostgreSQL: the same search, pks and scores read from its queryset (``DatabaseRankingMixin``);
- SQLite: one pass over the FTS index (``SpanishSQLiteSearchBackend.ranked``);
- the fallback database backend, without a full-text index: pks only, in its order, score 0
  (``search.backends.fallback``).

Every query must find all its words (``operator="and"``).
"""

from modelsearch.backends.base import EmptySearchResults


class RankedSearchMixin:
    #: The backend's scores are multiplied by this, so that higher is better.
    score_direction = 1

    def ranked(self, query, queryset, limit, autocomplete=False):
        """(pk, score) of the ``limit`` best matches in ``queryset``, best first."""
        results = self.matches(query, queryset, autocomplete).annotate_score("_score")[:limit]
        return [
            (pk, self.score_direction * (score or 0.0)) for pk, score in self.scored_rows(results)
        ]

    def matches(self, query, queryset, autocomplete=False):
        """Wagtail's search (or autocomplete) requiring every word of the query."""
        method = self.autocomplete if autocomplete else self.search
        return method(query, queryset, operator="and")

    def scored_rows(self, results):
        """(pk, score as the backend gives it): a search server returns the objects."""
        return ((obj.pk, obj._score) for obj in results)


class DatabaseRankingMixin(RankedSearchMixin):
    def scored_rows(self, results):
        """Read from the results' queryset, which is annotated with the scores."""
        if isinstance(results, EmptySearchResults):  # nothing left to search for
            return []
        return results.get_queryset().values_list("pk", "_score")
