"""Writes outside the index: the synonym table ("Zoekwoorden")."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from .models import SearchSynonym


@transaction.atomic
def synonyms_load(*, entries: Iterable[tuple[str, list[str], bool]], replace: bool = False) -> int:
    """Add the entries whose term is not in the table yet (all of them after
    emptying it, with ``replace``); returns how many were added. Every entry
    is validated as the admin form would."""
    if replace:
        SearchSynonym.objects.all().delete()
    existing = set(SearchSynonym.objects.values_list("term", flat=True))
    added = 0
    for term, words, two_way in entries:
        entry = SearchSynonym(term=term, synonyms=", ".join(words), two_way=two_way)
        entry.full_clean(validate_unique=False)
        if entry.term in existing:
            continue
        entry.save()
        existing.add(entry.term)
        added += 1
    return added


def synonyms_export() -> str:
    """The table in the starter list's format (search/synonym_list.py)."""
    return "\n".join(
        f"{entry.term}{' =' if entry.two_way else ':'} {entry.synonyms}"
        for entry in SearchSynonym.objects.order_by("term")
    )
