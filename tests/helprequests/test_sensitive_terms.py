"""Matching the moderation word list (helprequests/sensitive_terms.py) and its
model; the screen itself is tested in test_moderation_prompt.py."""

import time

import pytest
from django.core.exceptions import ValidationError

from helprequests.models import SensitiveTerm
from helprequests.sensitive_terms import PATTERN, WORD, Term, find, highlight, pattern_problem
from helprequests.services import moderation_terms


def _found(text, terms):
    return [(f.text, f.reason) for f in find(text, terms)]


def test_a_word_finds_words_starting_with_it_in_any_case():
    terms = [Term("dement", WORD, "gezondheid")]
    assert _found("Dementie, dementerend en DEMENT.", terms) == [
        ("Dementie", "gezondheid"),
        ("dementerend", "gezondheid"),
        ("DEMENT", "gezondheid"),
    ]
    assert _found("ondementeel", terms) == []  # not inside a word


def test_a_phrase_matches_across_spaces_and_overlaps_merge():
    terms = [Term("mijn naam", WORD, "naam"), Term("naam is", WORD, "naam")]
    assert _found("Mijn  naam is Jan", terms) == [("Mijn  naam is", "naam")]


def test_patterns_are_case_sensitive_unless_they_say_so():
    terms = [Term(r"\b[1-9][0-9]{3} ?[A-Z]{2}\b", PATTERN, "postcode")]
    assert _found("3311 AB en 3311AB", terms) == [("3311 AB", "postcode"), ("3311AB", "postcode")]
    assert _found("in 2024 is", terms) == []


def test_a_broken_pattern_in_the_database_is_skipped_not_a_500():
    terms = [Term("[abc", PATTERN, "kapot"), Term("(a+)+$", PATTERN, "traag")]
    assert _found("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", terms) == []


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("[abc", "klopt niet"),
        ("x*", "lege tekst"),
        ("(a+)+$", "herhaalt een groep"),
        (r"(\w+)*x", "herhaalt een groep"),
        ("(x|y+){2,}", "herhaalt een groep"),
        ("a" * 201, "hooguit 200"),
    ],
)
def test_risky_or_broken_patterns_are_refused(pattern, problem):
    assert problem in pattern_problem(pattern)


def test_highlight_escapes_everything_but_the_marks():
    text = "<b>Vader</b> (84)\nheeft dementie"
    terms = [Term("dement", WORD, 'ge"zondheid'), Term(r"\([0-9]+\)", PATTERN, "leeftijd")]
    assert highlight(text, find(text, terms)) == (
        '&lt;b&gt;Vader&lt;/b&gt; <mark title="leeftijd">(84)</mark><br>heeft '
        '<mark title="ge&quot;zondheid">dementie</mark>'
    )


@pytest.mark.django_db
def test_the_first_list_catches_the_example_and_is_fast():
    text = (
        "Mijn vader (84) heeft beginnende dementie en woont aan de Kerkweg 3a in 3311 AB. "
        "Hij is 84 jaar. Bel +31 6 1234 5678 of mail info@voorbeeld.nl. "
    ) * 10
    terms = moderation_terms()
    assert len(terms) > 30
    started = time.perf_counter()
    reasons = {f.reason for f in find(text[:2000], terms)}
    assert time.perf_counter() - started < 0.5
    assert {"leeftijd", "gezondheid", "adres", "postcode", "telefoonnummer", "e-mailadres"} <= (
        reasons
    )
    assert all(pattern_problem(t.text) is None for t in terms if t.kind == PATTERN)


@pytest.mark.django_db
def test_the_model_normalises_words_and_checks_patterns():
    term = SensitiveTerm(term="  Beginnende   Dementie ", kind=WORD, reason="gezondheid")
    term.full_clean()
    assert term.term == "beginnende dementie"
    with pytest.raises(ValidationError) as error:
        SensitiveTerm(term="(a+)+", kind=PATTERN, reason="x").full_clean()
    assert "herhaalt een groep" in error.value.message_dict["term"][0]
    assert str(term) == "beginnende dementie (gezondheid)"


@pytest.mark.django_db
def test_switched_off_terms_are_not_used():
    SensitiveTerm.objects.update(active=False)
    SensitiveTerm.objects.create(term="truus", kind=WORD, reason="naam")
    assert [t.text for t in moderation_terms()] == ["truus"]
