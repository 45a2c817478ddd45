"""Text helpers shared by the apps."""

import unicodedata


def strip_accents(text: str) -> str:
    """The text without its accents: 'Mantelzorgcafé' -> 'Mantelzorgcafe'
    (NFKD, combining marks dropped). Case is left to the caller."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
