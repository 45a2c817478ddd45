"""Wagtail and Django signals that put pages in the index outbox."""

from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_unpublished, post_page_move

from core.versioning import bump_content_version
from initiatives.models import ActivityPage, InitiativePage, MeetingPlacePage

from . import synonyms
from .documents import MODELS
from .indexing import enqueue


def _subtree_ids(page: Page) -> list[int]:
    return list(Page.objects.descendant_of(page, inclusive=True).values_list("id", flat=True))


def on_save(sender: type[Model], instance: Model, **kwargs: object) -> None:
    # A saved page row holds the live version (drafts live in revisions), so
    # reading it back from the database after commit is always right.
    if isinstance(instance, InitiativePage) and not kwargs.get("created"):
        enqueue(_subtree_ids(instance))  # children carry the initiative's title
    elif isinstance(instance, MeetingPlacePage) and not kwargs.get("created"):
        # Activities held there share a safe address: their point follows it.
        held_here = ActivityPage.objects.filter(meeting_place=instance).values_list("pk", flat=True)
        enqueue([instance.pk, *held_here])
    else:
        enqueue([instance.pk])


def on_unpublish(sender: type[Page], instance: Page, **kwargs: object) -> None:
    enqueue([instance.pk])


def on_delete(sender: type[Model], instance: Model, **kwargs: object) -> None:
    enqueue([instance.pk])


def on_move(sender: type[Page], instance: Page, **kwargs: object) -> None:
    enqueue(_subtree_ids(instance))  # every URL below it changed


def on_synonym_change(**kwargs: object) -> None:
    # Now (this transaction's own searches) and again after commit: a search
    # elsewhere before the commit caches the old rows, with no timeout.
    synonyms.forget()
    transaction.on_commit(synonyms.forget)
    bump_content_version()  # cached search pages found with the old synonyms


def register() -> None:
    for model in MODELS.values():
        post_save.connect(on_save, sender=model, dispatch_uid=f"search-save-{model.__name__}")
        post_delete.connect(on_delete, sender=model, dispatch_uid=f"search-delete-{model.__name__}")
    page_unpublished.connect(on_unpublish, dispatch_uid="search-unpublish")
    post_page_move.connect(on_move, dispatch_uid="search-move")
    # The cached synonym map follows the snippet table.
    post_save.connect(
        on_synonym_change, sender=synonyms.SearchSynonym, dispatch_uid="search-synonyms-save"
    )
    post_delete.connect(
        on_synonym_change, sender=synonyms.SearchSynonym, dispatch_uid="search-synonyms-delete"
    )
