"""The translations are complete and current (issue 20, docs/languages.md):
every shipped language has a catalogue in which every marked string is
translated, nothing is fuzzy, the placeholders match, and the catalogues
hold exactly what the code and templates mark today (``make messages`` was
run after the last change)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings

from core.i18n_lint import template_files, unmarked_in_file

ROOT = Path(__file__).resolve().parent.parent.parent
LOCALE = ROOT / "locale"
SHIPPED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
DOMAINS = ["django", "djangojs"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|{{\s*[\w.]+\s*}}")
TAG = re.compile(r"</?([a-z][a-z0-9]*)\b", re.I)

# Templates the lint skips because they are not translated yet
# (docs/languages.md, "What is not translated yet"). Empty: the staff pages,
# the last ones, followed in issue 20. A resident's page never goes on this
# list; a new staff-only page may, for a while, with its reason.
NOT_YET_TRANSLATED: set[str] = set()


def catalogue(code: str, domain: str) -> polib.POFile:
    path = LOCALE / code / "LC_MESSAGES" / f"{domain}.po"
    assert path.exists(), f"{path} is missing: run make messages"
    return polib.pofile(str(path))


@pytest.mark.parametrize("code", SHIPPED)
@pytest.mark.parametrize("domain", DOMAINS)
def test_every_string_is_translated_and_nothing_is_fuzzy(code, domain):
    po = catalogue(code, domain)
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, (
        f"{code}/{domain}: {len(untranslated)} untranslated, e.g. {untranslated[:5]}"
    )
    assert not fuzzy, f"{code}/{domain}: {len(fuzzy)} fuzzy, e.g. {fuzzy[:5]}"


@pytest.mark.parametrize("code", SHIPPED)
@pytest.mark.parametrize("domain", DOMAINS)
def test_placeholders_and_markup_survive_translation(code, domain):
    wrong = []
    for entry in catalogue(code, domain).translated_entries():
        sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        wanted = set(PLACEHOLDER.findall(" ".join(sources)))
        wanted_tags = sorted(TAG.findall(entry.msgid))
        for text in translations:
            if entry.msgid_plural:
                # A plural form may say its number in words ("one place"):
                # it may leave a placeholder out, never bring in a new one.
                broken = set(PLACEHOLDER.findall(text)) - wanted
            else:
                broken = wanted - set(PLACEHOLDER.findall(text))
                broken |= {"markup"} if sorted(TAG.findall(text)) != wanted_tags else set()
            if broken:
                wrong.append((entry.msgid, text, sorted(broken)))
    assert not wrong, f"{code}/{domain}: {wrong[:5]}"


def _messages(locale_dir: Path) -> dict[str, set[str]]:
    return {
        domain: {
            (e.msgctxt or "") + "\x04" + e.msgid
            for e in polib.pofile(str(locale_dir / "en" / "LC_MESSAGES" / f"{domain}.po"))
        }
        for domain in DOMAINS
    }


def test_the_catalogues_hold_exactly_what_the_code_marks(tmp_path):
    """``make messages`` into a copy: no string is marked that the catalogue
    lacks, and none is kept that nothing marks any more."""
    copy = tmp_path / "locale"
    shutil.copytree(LOCALE, copy, ignore=shutil.ignore_patterns("*.mo"))
    env = {**os.environ, "MEEDOEN_LOCALE_DIR": str(copy)}
    subprocess.run(
        ["make", "--no-print-directory", "-s", "-o", ".venv/.installed", "messages", "LANGS=en"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    fresh, committed = _messages(copy), _messages(LOCALE)
    for domain in DOMAINS:
        new = sorted(m.split("\x04", 1)[1] for m in fresh[domain] - committed[domain])
        gone = sorted(m.split("\x04", 1)[1] for m in committed[domain] - fresh[domain])
        assert not new, f"{domain}: marked but not in the catalogues (run make messages): {new[:5]}"
        assert not gone, f"{domain}: in the catalogues but marked nowhere: {gone[:5]}"


def test_the_catalogues_compile(tmp_path):
    for code in SHIPPED:
        for domain in DOMAINS:
            po = LOCALE / code / "LC_MESSAGES" / f"{domain}.po"
            result = subprocess.run(
                ["msgfmt", "--check-format", "-o", str(tmp_path / f"{code}-{domain}.mo"), str(po)],
                capture_output=True,
                text=True,
            )
            assert result.returncode == 0, f"{po}: {result.stderr}"


def test_no_template_shows_text_that_is_not_marked():
    found = {
        str(path.relative_to(ROOT)): unmarked
        for path in template_files(ROOT)
        if str(path.relative_to(ROOT)) not in NOT_YET_TRANSLATED
        and (unmarked := unmarked_in_file(path))
    }
    assert not found, "\n".join(f"{name}: {texts[:3]}" for name, texts in sorted(found.items()))


def test_the_list_of_untranslated_staff_pages_only_names_existing_templates():
    existing = {str(p.relative_to(ROOT)) for p in template_files(ROOT)}
    assert existing >= NOT_YET_TRANSLATED


def test_the_lint_finds_unmarked_text_and_accepts_marked_text():
    from core.i18n_lint import unmarked_text

    assert unmarked_text('<p>Zoeken</p><button aria-label="Sluiten">x</button>') == [
        'aria-label="Sluiten"',
        "Zoeken",
    ]
    assert (
        unmarked_text(
            '{% load i18n %}<p>{% translate "Zoeken" %}</p>'
            '<button aria-label="{% translate "Sluiten" %}">{{ x }}</button>'
            "{% blocktranslate %}Hallo {{ naam }}{% endblocktranslate %}"
        )
        == []
    )
    assert unmarked_text("Beste {{ naam }},\n{% translate 'Groet' %}", html=False) == ["Beste ,"]
