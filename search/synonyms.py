"""Query-time synonyms (``SearchSynonym``): "colegios" also searches "institución educativa",
"IE" and "IEO".

A query's words are matched by stem against each synonym group's members (a member may be
several words: "junta de acción comunal"); every match gives a variant of the query with that
member replaced by each of the others. The engine searches the query and its variants and
keeps each result's best score, so this works the same on every backend, and nothing has to
be re-indexed when editors change a synonym.
"""

from search.analysis import STOPWORDS, stem, tokens
from search.versions import shared

# A query with many synonym matches would multiply the searches: the first ones are enough.
MAX_VARIANTS = 4
CACHE_SECONDS = 60 * 60


def _words(text):
    return [token for token in tokens(text) if token not in STOPWORDS]


def synonym_groups():
    """Each group as a list of members, each member a tuple of its meaningful words.

    Cached until a synonym is saved or deleted (``search.versions``)."""
    return shared("synonyms", _build_groups, CACHE_SECONDS)


def _build_groups():
    from search.models import SearchSynonym

    groups = []
    for synonym in SearchSynonym.objects.all():
        members = [tuple(_words(member)) for member in synonym.members]
        members = list(dict.fromkeys(member for member in members if member))
        if len(members) > 1:
            groups.append(members)
    return groups


def _find(sequence, part):
    """Start of ``part`` in ``sequence`` (both lists of stems), or -1."""
    width = len(part)
    for start in range(len(sequence) - width + 1):
        if sequence[start : start + width] == part:
            return start
    return -1


def variants(text, groups=None):
    """Other phrasings of ``text`` by its synonyms, best first, at most ``MAX_VARIANTS``."""
    words = _words(text)
    if not words:
        return []
    word_stems = [stem(word) for word in words]
    found = []
    for group in synonym_groups() if groups is None else groups:
        member_stems = [[stem(word) for word in member] for member in group]
        for position, part in enumerate(member_stems):
            start = _find(word_stems, part)
            if start < 0:
                continue
            for other, replacement in enumerate(group):
                if other == position:
                    continue
                variant = [*words[:start], *replacement, *words[start + len(part) :]]
                found.append(" ".join(variant))
            break  # one member of a group is enough: the others are its replacements
    original = " ".join(words)
    return [variant for variant in dict.fromkeys(found) if variant != original][:MAX_VARIANTS]


def solr_rules():
    """The synonyms in the Solr format Elasticsearch and OpenSearch read ("a, b, c" per line),
    for an index's ``synonym_graph`` filter (docs/search.md)."""
    return [", ".join(" ".join(member) for member in group) for group in synonym_groups()]
