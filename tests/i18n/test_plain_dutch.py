"""Plain Dutch that is checked (issue 20, docs/languages.md): the Dutch
interface strings — the source of every translation — are measured against
the B1 limits the project sets. A string over a limit fails, unless it is in
the short list of allowed exceptions below, each with its reason."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from core.readability import measure

ROOT = Path(__file__).resolve().parent.parent.parent
CATALOGUE = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"

# The limits (docs/languages.md, "Plain Dutch"):
MAX_SENTENCE_WORDS = 25  # B1 advice: 15 on average, 25 at most
LONG_WORD_SYLLABLES = 7  # "vrijwilligerswerk" has 5, "ondersteuningsaanvraag" 7
MIN_SCORE_LONG_TEXT = 45  # Flesch–Douma of a string of 25 words or more
MIN_SCORE_ALL = 60  # the whole interface: "fairly easy" (B1) or easier

# Exceptions, each with why it cannot be shorter or simpler. Keep it short.
ALLOWED_LONG_SENTENCES: dict[str, str] = {}
ALLOWED_LONG_WORDS: dict[str, str] = {
    "verwerkingsverantwoordelijke": "the AVG's own term, which the privacy statement must use",
    "Toegankelijkheidsverklaring": "the legal name of the accessibility statement",
    "toegankelijkheidsverklaring": "the legal name of the accessibility statement",
    "toegankelijkheidsverklaringen": "the legal name of the accessibility statement",
    "autoriteitpersoonsgegevens": "the regulator's web address, shown as the link text",
    "tweestapsverificatie": "the name phones and authenticator apps use for it",
    "invalidenparkeerplaats": "the name residents know from the street",
    "vrijwilligersvacature": "the page type's name, as editors know it in the CMS",
    "vrijwilligersvacatures": "the page type's name, as editors know it in the CMS",
    "Vrijwilligersvacatures": "the page type's name, as editors know it in the CMS",
}
ALLOWED_HARD_TEXTS: dict[str, str] = {}


def dutch_strings() -> list[str]:
    po = polib.pofile(str(CATALOGUE))
    texts = []
    for entry in po:
        texts.append(entry.msgid)
        if entry.msgid_plural:
            texts.append(entry.msgid_plural)
    return texts


def test_there_is_dutch_interface_text_to_measure():
    assert len(dutch_strings()) > 300


def test_no_sentence_is_longer_than_the_b1_limit():
    too_long = [
        (measure(text).longest_sentence, text)
        for text in dutch_strings()
        if measure(text).longest_sentence > MAX_SENTENCE_WORDS
        and text not in ALLOWED_LONG_SENTENCES
    ]
    assert not too_long, "\n".join(f"{n} words: {text[:120]}" for n, text in sorted(too_long))


def test_no_word_is_longer_than_the_b1_limit():
    found = sorted(
        {
            word
            for text in dutch_strings()
            for word in measure(text, long_word_syllables=LONG_WORD_SYLLABLES).long_words
            if word not in ALLOWED_LONG_WORDS
        }
    )
    assert not found, found


def test_long_texts_are_not_hard_to_read():
    hard = []
    for text in dutch_strings():
        m = measure(text)
        if m.words >= 25 and m.score < MIN_SCORE_LONG_TEXT and text not in ALLOWED_HARD_TEXTS:
            hard.append((round(m.score), text))
    assert not hard, "\n".join(f"{score}: {text[:120]}" for score, text in sorted(hard))


def test_the_interface_as_a_whole_reads_at_b1():
    words = sentences = syllables = 0
    for text in dutch_strings():
        m = measure(text)
        words, sentences, syllables = (
            words + m.words,
            sentences + m.sentences,
            syllables + m.syllables,
        )
    from core.readability import flesch_douma

    assert flesch_douma(words, sentences, syllables) >= MIN_SCORE_ALL


@pytest.mark.parametrize(
    ("text", "easy"),
    [
        ("Kom langs. De koffie staat klaar.", True),
        (
            "De verwerkingsverantwoordelijke draagt zorg voor de implementatie van passende "
            "technische en organisatorische maatregelen teneinde een op het risico "
            "afgestemd beveiligingsniveau te waarborgen.",
            False,
        ),
    ],
)
def test_the_measure_tells_easy_from_hard_dutch(text, easy):
    assert (measure(text).score >= MIN_SCORE_ALL) is easy
