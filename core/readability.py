"""Plain Dutch, measured (docs/languages.md, "Plain Dutch that is checked").

The interface's Dutch strings are the source of every translation, so they
are where B1 is checked: sentence length, long words, and the Flesch–Douma
reading ease (Douma 1960, Flesch's formula fitted to Dutch):

    206.84 − 0.77 × syllables per 100 words − 0.93 × words per sentence

A score of 60–70 is "fairly easy" (B1), 70+ easy, under 50 hard. Syllables are
counted by groups of vowels, Dutch diphthongs (ij, ei, ui, ou, au, eu, oe, ie)
and double vowels as one: close enough for a limit, not for a dictionary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TAG = re.compile(r"<[^>]+>")
_PLACEHOLDER = re.compile(r"%\([^)]*\)[sdif]|%[sdif]|{{.*?}}|{[^}]*}")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+|(?<=:)\s*\n")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.U)
_VOWELS = re.compile(r"(?:ij|[aeiouyàáâäèéêëìíîïòóôöùúûü])+", re.I)


def plain_text(text: str) -> str:
    """The text a reader meets: without markup and with each placeholder as
    one short word."""
    text = _TAG.sub(" ", text)
    return _PLACEHOLDER.sub(" iets ", text)


def sentences(text: str) -> list[list[str]]:
    result = []
    for sentence in _SENTENCE_END.split(plain_text(text)):
        words = _WORD.findall(sentence)
        if words:
            result.append(words)
    return result


def syllables(word: str) -> int:
    return max(1, len(_VOWELS.findall(word)))


def flesch_douma(words: int, sentence_count: int, syllable_count: int) -> float:
    if not words or not sentence_count:
        return 100.0
    return 206.84 - 0.77 * (100 * syllable_count / words) - 0.93 * (words / sentence_count)


@dataclass(frozen=True)
class Measure:
    words: int
    sentences: int
    syllables: int
    longest_sentence: int
    long_words: tuple[str, ...]

    @property
    def score(self) -> float:
        return flesch_douma(self.words, self.sentences, self.syllables)


def measure(text: str, *, long_word_syllables: int = 6) -> Measure:
    parts = sentences(text)
    words = [w for sentence in parts for w in sentence]
    return Measure(
        words=len(words),
        sentences=len(parts),
        syllables=sum(syllables(w) for w in words),
        longest_sentence=max((len(s) for s in parts), default=0),
        long_words=tuple(w for w in words if syllables(w) >= long_word_syllables),
    )
