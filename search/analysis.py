"""Spanish text analysis shared by indexing, querying, highlighting and suggestions.

Citizens type on phones, often without accents: "educacion", "bilinguismo", "audiencias". The
same three steps run on everything stored in the database search index and on every query, so
both sides always meet:

1. fold: Unicode NFKD, drop the combining marks, lower case ("Bilingüismo" → "bilinguismo");
2. tokenise on anything that is not a letter or a digit ("4.1" → "4", "1"), which also strips
   every operator or quote a search engine might interpret;
3. drop Spanish function words and apply the Snowball Spanish stemmer ("audiencias" and
   "audiencia" → "audienci"; "Docentes" and "docente" → "docent").

Elasticsearch and OpenSearch do the same with their own analyzer (see ``search.conf``).
"""

import re
import threading
import unicodedata
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import mark_safe

# Function words only: articles, prepositions, conjunctions and the commonest pronouns and
# determiners. PostgreSQL's Spanish stop list also drops content words ("estado", "sentido"),
# which citizens do search for; this short list is applied identically on every backend.
STOPWORDS = frozenset(
    """
    a al algo algun alguna algunas alguno algunos ante bajo cada como con contra cual cuales
    cuando de del desde donde durante e el ella ellas ellos en entre esa esas ese eso esos esta
    estas este esto estos hacia hasta la las le les lo los mas me mediante mi mis muy nos o os
    otra otras otro otros para pero por porque que quien quienes se segun si sin sobre su sus
    tal tambien te tras tu tus u un una unas uno unos y ya
    """.split()  # noqa: SIM905 - easier to read and review as prose
)

MAX_QUERY_LENGTH = 200
MAX_QUERY_TERMS = 12

_TOKEN = re.compile(r"[a-z0-9]+")
_WORD = re.compile(r"\w+")
_local = threading.local()


def fold(text):
    """Lower case without accents or other diacritics: "Educación" → "educacion"."""
    text = str(text or "")
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def tokens(text):
    """Folded words and numbers, in order, stopwords included."""
    return _TOKEN.findall(fold(text))


def _stemmer():
    # Snowball stemmer objects keep state between calls: one per thread.
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("spanish")
    return stemmer


@lru_cache(maxsize=200_000)
def stem(token):
    """The Snowball Spanish stem of an already folded token; numbers are kept as they are."""
    if not token.isalpha():
        return token
    return _stemmer().stemWord(token)


def stems(text):
    """Stems of the words of ``text`` that carry meaning, in order (repeats kept)."""
    return [stem(token) for token in tokens(text) if token not in STOPWORDS]


def analyze(text):
    """The text as the database index stores it: space-separated stems."""
    return " ".join(stems(text))


def fold_text(text):
    """The text as the autocomplete index stores it: folded words, nothing dropped."""
    return " ".join(tokens(text))


def clean_query(query):
    """The raw query as the portal keeps it: a string, stripped, at most 200 characters."""
    if not isinstance(query, str):
        return ""
    query = "".join(ch if ch.isprintable() else " " for ch in query)
    return " ".join(query.split())[:MAX_QUERY_LENGTH].strip()


def query_stems(query):
    """The distinct stems of a query, in order, at most ``MAX_QUERY_TERMS``."""
    seen = []
    for value in stems(query):
        if value not in seen:
            seen.append(value)
    return seen[:MAX_QUERY_TERMS]


def analyze_query(query):
    return " ".join(query_stems(query))


def autocomplete_query(query):
    """Folded words of a query for prefix matching (no stemming: "educa" must stay a prefix)."""
    return " ".join(tokens(query)[:MAX_QUERY_TERMS])


def word_matches(word, wanted):
    return any(stem(token) in wanted for token in _TOKEN.findall(fold(word)))


def highlight(text, wanted, max_words=None):
    """``text`` escaped, with the words whose stem is in ``wanted`` wrapped in <mark>.

    With ``max_words``, only a window of that many words around the first match is kept
    (or the start of the text when nothing matches), with an ellipsis where it was cut.
    """
    text = str(text or "")
    words = list(_WORD.finditer(text))
    wanted = set(wanted)
    start_char, end_char = 0, len(text)
    if max_words and len(words) > max_words:
        first = next((i for i, m in enumerate(words) if word_matches(m.group(), wanted)), 0)
        first_word = max(0, min(first - max_words // 4, len(words) - max_words))
        last_word = first_word + max_words - 1
        start_char = words[first_word].start() if first_word else 0
        end_char = words[last_word].end() if last_word < len(words) - 1 else len(text)
        words = words[first_word : last_word + 1]
    parts = ["…" if start_char else ""]
    position = start_char
    for match in words:
        if word_matches(match.group(), wanted):
            parts.append(escape(text[position : match.start()]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
    parts.append(escape(text[position:end_char]))
    if end_char < len(text):
        parts.append("…")
    return mark_safe("".join(parts).strip())  # noqa: S308 - every piece is escaped above


@lru_cache(maxsize=50_000)  # a few MB; about the titles of a large site
def title_stems(title):
    """The distinct stems of a title. Cached: a search ranks up to 3,000 titles, mostly the
    same from one search to the next, and analysing them again was a fifth of its time."""
    return frozenset(stems(title))


def title_coverage(title, wanted):
    """How well a title matches the query's stems: (share of the query in the title, share of
    the title that is the query). Both are 1.0 when the title is exactly the query."""
    if not wanted:
        return 0.0, 0.0
    in_title = title_stems(title)
    found = sum(1 for value in wanted if value in in_title)
    return found / len(wanted), found / (len(in_title) or 1)
