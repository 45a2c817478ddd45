"""Synonyms: the words residents type ("geldproblemen", "vluchtelingen",
"buddy") searched along with the words the listings use (schulden,
statushouder, maatje). The same expansion for every backend: PostgreSQL ORs
the alternatives of a position into its tsquery, Elasticsearch into its
``bool`` query (search.backends.*).

The map comes from the ``SearchSynonym`` snippet ("Zoekwoorden"), is kept in
the cache and dropped when an entry is saved or deleted."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.cache import cache

from .models import SearchSynonym
from .query import phrase_words

CACHE_KEY = "search:synonyms:v1"
MAX_PHRASE = 4  # words in the longest term that is looked for
MAX_ALTERNATIVES = 12  # per position: the tsquery stays small
# Words this long are matched as prefixes whatever their stem (a stem of up to
# three letters is matched whole: search_query(), migration 0005).
MIN_PREFIX = 6

# Plural and diminutive endings taken off a typed word to find its entry
# ("vluchtelingen" -> vluchteling, "maatjes" -> maatje, "buddy's" -> buddy).
# Only off the typed word, never off an entry: "ouders" must not meet
# "ouderen" (the Dutch stemmer makes both "ouder").
_ENDINGS = ("'s", "en", "s", "tjes", "jes", "tje", "je")


@dataclass(frozen=True)
class SynonymMap:
    """Entry words (a tuple: one word or a phrase) -> what else to search."""

    entries: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, rows: Iterable[tuple[str, Sequence[str], bool]]) -> SynonymMap:
        """From (term, also means, two-way) rows; two-way rows make every word
        of the row an entry for the others. Entries of one word found in
        several rows get all their alternatives."""
        found: dict[tuple[str, ...], dict[str, None]] = {}
        for term, synonyms, two_way in rows:
            group = [" ".join(phrase_words(w)) for w in (term, *synonyms)]
            group = [w for w in dict.fromkeys(group) if w]
            if len(group) < 2:
                continue
            heads = group if two_way else group[:1]
            for head in heads:
                also = found.setdefault(tuple(head.split()), {})
                also.update((w, None) for w in group if w != head)
        return cls({key: tuple(also)[:MAX_ALTERNATIVES] for key, also in found.items()})

    def known(self, word: str) -> bool:
        """Whether a typed word is in the table (then it is never "corrected")."""
        return any((form,) in self.entries for form in _forms(word))

    def expand(self, words: Sequence[str]) -> Expansion:
        """Per position, the typed word (or phrase) and what it also means.
        The longest entry that starts at a word wins: "samen eten" before
        "eten"."""
        groups: list[list[str]] = []
        also: list[str] = []
        i = 0
        while i < len(words):
            for n in range(min(MAX_PHRASE, len(words) - i), 0, -1):
                typed = " ".join(words[i : i + n])
                # What the typed word already finds as a prefix adds nothing
                # (a short word is matched whole: 'taal' does not find 'taalcafé').
                alternatives = [
                    a
                    for a in self._lookup(words[i : i + n])
                    if len(typed) < MIN_PREFIX or not a.startswith(typed)
                ]
                if alternatives:
                    groups.append([typed, *alternatives])
                    also.extend(a for a in alternatives if a not in also)
                    i += n
                    break
            else:
                groups.append([words[i]])
                i += 1
        return Expansion(groups=groups, also=also)

    def _lookup(self, words: Sequence[str]) -> tuple[str, ...]:
        """The alternatives of the entry these words are a form of; the entry
        itself first when the words are another form of it ("maatjes" ->
        maatje: the stemmer does not make one of the other)."""
        # Only the last word of a phrase is inflected ("samen eten", "zorgen voor").
        for last in _forms(words[-1]):
            key = (*words[:-1], last)
            if (found := self.entries.get(key)) is not None:
                return found if last == words[-1] else (" ".join(key), *found)
        return ()


@dataclass(frozen=True)
class Expansion:
    """``groups``: per position the alternatives (the typed words first; a
    phrase as its words joined by spaces). ``also``: the synonyms that were
    added, for "ook gezocht op: …"."""

    groups: list[list[str]]
    also: list[str]


def inflected_bases(word: str) -> list[str]:
    """The word without a plural or diminutive ending, each way it can be
    read ("maatjes" -> maatje, maatj, maat)."""
    return _forms(word)[1:]


def _forms(word: str) -> list[str]:
    """The word, then the word without a plural or diminutive ending."""
    forms = [word]
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            forms.append(word[: -len(ending)])
    return forms


def current() -> SynonymMap:
    """The map of the snippet table, from the cache (one query when it is not
    there)."""
    found = cache.get(CACHE_KEY)
    if found is None:
        rows = SearchSynonym.objects.values_list("term", "synonyms", "two_way")
        found = SynonymMap.build(
            (term, synonyms.split(","), two_way) for term, synonyms, two_way in rows
        )
        cache.set(CACHE_KEY, found, timeout=None)
    return found


def forget(**kwargs: object) -> None:
    """Drop the cached map (after an entry is saved or deleted)."""
    cache.delete(CACHE_KEY)
