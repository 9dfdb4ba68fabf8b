"""The two halves of the portal's Spanish analysis for Wagtail's database backends.

``SpanishQueryMixin`` analyses queries, ``SpanishIndexerMixin`` analyses what is indexed; the
SQLite and PostgreSQL backends in this package combine them with Wagtail's own classes.
"""

from modelsearch.backends.base import EmptySearchResults
from modelsearch.index import AutocompleteField, RelatedFields, SearchField
from modelsearch.query import And, Boost, MatchAll, Not, Or, Phrase, PlainText, SearchQuery

from search.analysis import analyze, analyze_query, autocomplete_query, fold_text

# --- Query side ------------------------------------------------------------------------------


def analyze_search_query(query, autocomplete=False):
    """The query with every text replaced by its analysed form; None when nothing is left."""
    convert = autocomplete_query if autocomplete else analyze_query
    if isinstance(query, str):
        return convert(query) or None
    if isinstance(query, PlainText):
        text = convert(query.query_string)
        return PlainText(text, operator=query.operator, boost=query.boost) if text else None
    if isinstance(query, Phrase):
        text = convert(query.query_string)
        return Phrase(text) if text else None
    if isinstance(query, Boost):
        inner = analyze_search_query(query.subquery, autocomplete)
        return Boost(inner, query.boost) if inner is not None else None
    if isinstance(query, Not):
        inner = analyze_search_query(query.subquery, autocomplete)
        return Not(inner) if inner is not None else None
    if isinstance(query, (And, Or)):
        parts = [analyze_search_query(sub, autocomplete) for sub in query.subqueries]
        parts = [part for part in parts if part is not None]
        if not parts:
            return None
        return type(query)(parts) if len(parts) > 1 else parts[0]
    if isinstance(query, MatchAll) or not isinstance(query, SearchQuery):
        return query
    return query  # Fuzzy and future query types go through unchanged


class SpanishQueryMixin:
    """Analyse every query before Wagtail's query compiler sees it."""

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        autocomplete = query_compiler_class is self.autocomplete_query_compiler_class
        analysed = analyze_search_query(query, autocomplete=autocomplete)
        if analysed is None:
            return EmptySearchResults()
        return super()._search(query_compiler_class, analysed, model_or_queryset, **kwargs)


# --- Index side ------------------------------------------------------------------------------


class SpanishIndexerMixin:
    """Store stems for search fields and folded words for autocomplete fields."""

    def prepare_field(self, obj, field):
        if isinstance(field, RelatedFields):
            # The related fields' values come back through this method, already analysed.
            yield from super().prepare_field(obj, field)
            return
        for item in super().prepare_field(obj, field):
            current_field, value = item[0], item[-1]
            if isinstance(current_field, AutocompleteField):
                value = fold_text(value)
            elif isinstance(current_field, SearchField):
                value = analyze(value)
            yield (*item[:-1], value)
