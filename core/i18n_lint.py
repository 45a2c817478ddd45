"""Finds interface text in templates that is not marked for translation
(docs/languages.md): text between tags and the attributes people read or
hear (alt, title, aria-label, placeholder, a button's value) that is outside
``{% translate %}`` / ``{% blocktranslate %}`` and is not a variable.

It reads the template source, not the output, so it is quick enough for a
test over every template, and it names the file and the text to mark."""

from __future__ import annotations

import re
from pathlib import Path

# Text that is the same in every language: the site's and other brand names,
# file formats and symbols. Compared per word.
LANGUAGE_NEUTRAL_WORDS = {
    "Meedoen",
    "PDF",
    "iCal",
    "ICS",
    "RSS",
    "Atom",
    "HSDS",
    "JSON",
    "JSON-LD",
    "GeoJSON",
    "CSV",
    "API",
    "QR",
    "OpenStreetMap",
    "PDOK",
    "WhatsApp",
    "DigiD",
    "NL",
    "Design",
    "System",
    "OK",
}

_COMMENT = re.compile(r"{#.*?#}", re.S)
_BLOCK_COMMENT = re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.S)
_BLOCKTRANS = re.compile(
    r"{%\s*blocktrans(?:late)?\b.*?%}.*?{%\s*endblocktrans(?:late)?\s*%}", re.S
)
# A block that fills an attribute (``{% block body_class %}home{% endblock %}``).
_CLASS_BLOCK = re.compile(r"{%\s*block\s+\w*class\s*%}.*?{%\s*endblock(?:\s+\w+)?\s*%}", re.S)
_TAG = re.compile(r"{%.*?%}", re.S)
_VAR = re.compile(r"{{.*?}}", re.S)
# Scripts, styles, and code shown as code (an embed snippet to copy).
_SCRIPT_STYLE = re.compile(r"<(script|style|code|textarea)\b[^>]*>.*?</\1\s*>", re.S | re.I)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_ELEMENT = re.compile(r"<[^>]*>", re.S)
_READ_ATTRS = re.compile(
    r"""\b(alt|title|aria-label|aria-description|placeholder|aria-roledescription)\s*=\s*("([^"]*)"|'([^']*)')""",
    re.I,
)
_BUTTON_VALUE = re.compile(
    r"""<input\b[^>]*\btype\s*=\s*["']?(?:submit|button|reset)["']?[^>]*>""", re.I
)
_VALUE = re.compile(r"""\bvalue\s*=\s*("([^"]*)"|'([^']*)')""", re.I)
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.U)
_ENTITY = re.compile(r"&[a-zA-Z]+;|&#\d+;|&#x[0-9a-fA-F]+;")


def _readable_words(text: str) -> list[str]:
    text = _ENTITY.sub(" ", text)
    return [w for w in _WORD.findall(text) if w not in LANGUAGE_NEUTRAL_WORDS and len(w) > 1]


def _strip_template(source: str) -> str:
    """The template with every marked string, variable, tag and comment
    replaced by a space."""
    for pattern in (_BLOCK_COMMENT, _COMMENT, _BLOCKTRANS, _CLASS_BLOCK, _TAG, _VAR):
        source = pattern.sub(" ", source)
    return source


def unmarked_text(source: str, *, html: bool = True) -> list[str]:
    """The pieces of interface text in a template source that are not marked
    for translation, in order."""
    stripped = _strip_template(source)
    found: list[str] = []
    if not html:
        for line in stripped.splitlines():
            if _readable_words(line):
                found.append(" ".join(line.split()))
        return found
    stripped = _HTML_COMMENT.sub(" ", stripped)
    stripped = _SCRIPT_STYLE.sub(" ", stripped)
    for element in _ELEMENT.findall(stripped):
        for match in _READ_ATTRS.finditer(element):
            value = match.group(3) if match.group(3) is not None else match.group(4)
            if _readable_words(value):
                found.append(f'{match.group(1)}="{value.strip()}"')
        if _BUTTON_VALUE.fullmatch(element):
            value = _VALUE.search(element)
            if value:
                text = value.group(2) if value.group(2) is not None else value.group(3)
                if _readable_words(text):
                    found.append(f'value="{text.strip()}"')
    for text in _ELEMENT.split(stripped):
        if _readable_words(text):
            found.append(" ".join(text.split()))
    return found


def unmarked_in_file(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    return unmarked_text(source, html=path.suffix in {".html", ".htm", ".svg", ".xml"})


def template_files(base: Path) -> list[Path]:
    """Every template of the project: ``templates/`` and each app's own."""
    roots = [base / "templates", *sorted(base.glob("*/templates"))]
    files: list[Path] = []
    for root in roots:
        if ".venv" in root.parts or "node_modules" in root.parts:
            continue
        files.extend(
            p for p in sorted(root.rglob("*")) if p.is_file() and p.suffix in {".html", ".txt"}
        )
    return files
