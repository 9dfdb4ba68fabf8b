"""“¿Quiso decir…?”: corrections from the portal's own public vocabulary, with a distance
that knows how Spanish is misspelt.

The commonest Spanish misspellings write a sound with another letter: c/s/z ("educasion",
"audiensia"), b/v ("bacunacion"), y/ll ("cabayo"), g/j before e and i ("jestion"), a silent h
("abitantes"), and missing accents. ``sound_key`` writes a word as it sounds, so those
spellings share a key; a word that is none of the vocabulary's is corrected to the vocabulary
word with the same key, or failing that with the nearest key (Levenshtein distance on keys,
``rapidfuzz``), the more frequent winning a tie.

The vocabulary is the words of what the public can find: titles of public pages, names of
approved indicators, titles of public documents, SDG goals and targets, synonyms. Never the
title of a draft or a private page (``rendicion.visibility``). It is built when a search finds
nothing and kept until the next public change. Numbers, codes and SDG targets are never
corrected (``search.identifiers`` takes those out of the text first).
"""

import re
from collections import Counter
from dataclasses import dataclass

from django.core.cache import cache
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from caching.invalidation import generation
from rendicion.models import SdgGoal, SdgTarget
from rendicion.visibility import public_documents, public_indicators, public_pages
from search.analysis import STOPWORDS, fold, stem
from search.sources import searchable_pages

CACHE_SECONDS = 60 * 60
MIN_LENGTH = 4  # shorter words are too often something else ("ie", "pae", "jac")

_SOUNDS = [
    (re.compile(r"ch"), "\x01"),  # kept apart from the silent h
    (re.compile(r"h"), ""),
    (re.compile(r"\x01"), "ch"),
    (re.compile(r"qu(?=[ei])"), "k"),
    (re.compile(r"c(?=[ei])"), "s"),
    (re.compile(r"c"), "k"),
    (re.compile(r"z"), "s"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"gu(?=[ei])"), "g"),
    (re.compile(r"g(?=[ei])"), "j"),
    (re.compile(r"ll"), "y"),
    (re.compile(r"y(?![aeiou])"), "i"),
    (re.compile(r"[vw]"), "b"),
    (re.compile(r"(.)\1+"), r"\1"),  # doubled letters: "rr", "cc", "nn"
]


def sound_key(word):
    """``word`` as it sounds in Latin American Spanish: "educación", "educasion" and
    "edukacion" all give "edukasion"."""
    key = fold(word)
    for pattern, replacement in _SOUNDS:
        key = pattern.sub(replacement, key)
    return key


_WORD = re.compile(r"[^\W_]+")


@dataclass
class Vocabulary:
    words: Counter  # folded word → how many titles use it
    stems: frozenset
    by_key: dict  # sound key → [folded words, most frequent first]
    spelling: dict  # folded word → as the titles write it, accents included ("educación")

    @classmethod
    def from_texts(cls, texts):
        words, spelling = Counter(), {}
        for text in texts:
            for written in _WORD.findall(str(text)):
                word = fold(written)
                if word.isalpha() and len(word) >= MIN_LENGTH and word not in STOPWORDS:
                    words[word] += 1
                    spelling.setdefault(word, written.lower())
        by_key = {}
        for word, _count in words.most_common():
            by_key.setdefault(sound_key(word), []).append(word)
        return cls(words, frozenset(stem(word) for word in words), by_key, spelling)

    def knows(self, word):
        return word in self.words or stem(word) in self.stems


def public_texts(site):
    """Every text whose words a correction may propose: only what the public can see."""
    from search.models import SearchSynonym

    yield from public_pages(searchable_pages(site)).values_list("title", flat=True)
    yield from public_indicators().order_by().values_list("name", flat=True)
    yield from public_documents().order_by().values_list("title", flat=True)
    for short_title, title in SdgGoal.objects.values_list("short_title", "title"):
        yield f"{short_title} {title}"
    yield from SdgTarget.objects.values_list("title", flat=True)
    for synonym in SearchSynonym.objects.all():
        yield from synonym.members


def vocabulary(site):
    key = f"search-vocabulary:{generation()}:{site.pk if site else 0}"
    found = cache.get(key)
    if found is None:
        found = Vocabulary.from_texts(public_texts(site))
        cache.set(key, found, CACHE_SECONDS)
    return found


@dataclass(frozen=True)
class Correction:
    text: str  # the query with its misspelt words replaced
    clear: bool  # one correction clearly wins for every word: show its results directly


def _max_distance(key):
    return 1 if len(key) <= 6 else 2


def correct_word(word, words):
    """(correction, clear) for one unknown folded word, or (None, False)."""
    key = sound_key(word)
    same = words.by_key.get(key)
    if same:
        best = same[0]
        rivals = same[1:]
        clear = not rivals or words.words[best] >= 2 * words.words[rivals[0]]
        return best, clear
    near = process.extract(
        key,
        list(words.by_key),
        scorer=Levenshtein.distance,
        score_cutoff=_max_distance(key),
        limit=5,
    )
    if not near:
        return None, False
    ranked = sorted(
        (
            (distance, -words.words[words.by_key[found][0]], words.by_key[found][0])
            for found, distance, _index in near
        )
    )
    distance, _frequency, best = ranked[0]
    clear = len(ranked) == 1 or ranked[1][0] > distance
    return best, clear


def correction_for(text, site):
    """A ``Correction`` of ``text``, or None when every word is known or none can be mended."""
    words = vocabulary(site)
    corrected, changed, clear = [], False, True
    for written in _WORD.findall(text):
        token = fold(written)
        if (
            not token.isalpha()
            or token in STOPWORDS
            or len(token) < MIN_LENGTH
            or words.knows(token)
        ):
            corrected.append(written)
            continue
        replacement, is_clear = correct_word(token, words)
        if replacement is None:
            corrected.append(written)
            clear = False
            continue
        corrected.append(words.spelling[replacement])
        changed = True
        clear = clear and is_clear
    if not changed:
        return None
    return Correction(" ".join(corrected), clear)
