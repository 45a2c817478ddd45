"""Fresh listings (docs/freshness.md): "Klopt dit nog?", the confirm link,
"Niet recent bijgewerkt" and taking a listing offline; and vacancies past
their end date closing by themselves. Run by ``send_freshness_checks``
(daily or hourly: every step happens once per period).

Once per period: a listing is asked when its last confirmation (the later of
its last publish and ``confirmed_at``) is older than its type's period and
``confirm_requested_at`` is older than that confirmation. The rows are locked
(``SKIP LOCKED``) and ``confirm_requested_at`` set in the transaction that
queues the mail, so an overlapping run skips them and a later run finds them
asked. Confirming or publishing again starts a new period.

The mails go to the initiative's members, else its contact address; they
name the initiative's own listings and nothing about anybody else."""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from core.mail import mail_after_commit
from core.site_url import absolute_url, link, page_link
from core.versioning import bump_content_version

from .choices import VacancyStatus
from .models import (
    ActivityPage,
    InitiativeMember,
    InitiativePage,
    MeetingPlacePage,
    VacancyPage,
)

log = logging.getLogger(__name__)

LISTING_MODELS: tuple[type[Model], ...] = (
    InitiativePage,
    ActivityPage,
    MeetingPlacePage,
    VacancyPage,
)
# An initiative is asked and marked, never taken offline by itself: that
# would take all its listings with it (docs/freshness.md).
OFFLINE_MODELS = (ActivityPage, MeetingPlacePage, VacancyPage)
CONFIRM_SALT = "initiatives.freshness.confirm"


# -- the confirm link ---------------------------------------------------------
def confirm_token(page: Page) -> str:
    return signing.dumps({"page": page.pk}, salt=CONFIRM_SALT, compress=True)


def confirm_url(page: Page) -> str:
    return absolute_url(reverse("initiatives:listing_confirm", args=(confirm_token(page),)))


class LinkExpired(Exception):
    pass


class LinkInvalid(Exception):
    pass


def listing_for_token(token: str):
    """The listing (specific) a confirm link is for; ``LinkExpired`` after
    FRESHNESS_LINK_DAYS, ``LinkInvalid`` when tampered with or the page is
    gone."""
    try:
        data = signing.loads(
            token,
            salt=CONFIRM_SALT,
            max_age=timedelta(days=settings.FRESHNESS_LINK_DAYS),
        )
        page_id = int(data["page"])
    except signing.SignatureExpired as exc:
        raise LinkExpired from exc
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise LinkInvalid from exc
    page = Page.objects.filter(pk=page_id).first()
    page = page.specific if page is not None else None
    if page is None or not isinstance(page, LISTING_MODELS):
        raise LinkInvalid
    return page


@transaction.atomic
def listing_confirm(*, page, now: datetime | None = None) -> None:
    """Mark ``page`` as still right: a new period starts, the badge goes. A
    listing that was taken offline stays offline until an editor publishes
    it again (publishing may need the gemeente's approval)."""
    now = now or timezone.now()
    type(page).objects.filter(pk=page.pk).update(confirmed_at=now)
    page.confirmed_at = now
    bump_content_version()  # cached pages and cards lose the badge


# -- the recipients -----------------------------------------------------------
def initiative_emails(initiative_id: int) -> list[str]:
    """The initiative's active members; its contact address if it has none."""
    emails = sorted(
        set(
            InitiativeMember.objects.filter(initiative_id=initiative_id, user__is_active=True)
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    )
    if not emails:
        contact = InitiativePage.objects.filter(pk=initiative_id).values_list("email", flat=True)
        emails = [e for e in contact if e]
    return emails


def _initiative_path(page: Page) -> str:
    if isinstance(page, InitiativePage):
        return page.path
    return page.path[: -page.steplen]


@dataclass
class Item:
    title: str
    kind: str
    last_confirmed: datetime | None
    confirm_url: str
    edit_url: str
    view_url: str


@dataclass
class Result:
    asked: list[int] = field(default_factory=list)
    taken_offline: list[int] = field(default_factory=list)
    closed: list[int] = field(default_factory=list)
    mails: int = 0


def _item(page) -> Item:
    return Item(
        title=page.title,
        kind=page._meta.verbose_name,
        last_confirmed=page.last_confirmed,
        # Links built when the mail is rendered, in its reader's language.
        confirm_url=link("initiatives:listing_confirm", confirm_token(page)),
        edit_url=link("wagtailadmin_pages:edit", page.pk),
        view_url=page_link(page),
    )


def _by_initiative(pages) -> dict[str, list]:
    groups = defaultdict(list)
    for page in pages:
        groups[_initiative_path(page)].append(page)
    return groups


def _mail(template: str, initiative: InitiativePage, pages: list, result: Result) -> None:
    to = initiative_emails(initiative.pk)
    if not to:
        log.warning("freshness: initiative %s has nobody to mail", initiative.pk)
        return
    mail_after_commit(
        template=template,
        context={
            "initiative": initiative,
            "items": [_item(p) for p in sorted(pages, key=lambda p: p.title)],
            "link_days": settings.FRESHNESS_LINK_DAYS,
        },
        to=to,
    )
    result.mails += 1


# -- the daily run ------------------------------------------------------------
@transaction.atomic
def vacancies_close_ended(*, today=None) -> list[int]:
    """Open vacancies whose end date has passed get the status "closed" (the
    lists already leave them out: ``VacancyQuerySet.open()``); their latest
    revision too, so the editor does not publish "open" again by accident."""
    today = today or timezone.localdate()
    ended = VacancyPage.objects.filter(status=VacancyStatus.OPEN, ends_on__lt=today)
    ids = list(ended.select_for_update(skip_locked=True, of=("self",)).values_list("pk", flat=True))
    if not ids:
        return []
    VacancyPage.objects.filter(pk__in=ids).update(status=VacancyStatus.CLOSED)
    for page in VacancyPage.objects.filter(pk__in=ids).select_related("latest_revision"):
        revision = page.latest_revision
        if revision is not None and revision.content.get("status") == VacancyStatus.OPEN:
            revision.content["status"] = VacancyStatus.CLOSED
            revision.save(update_fields=["content"])
    bump_content_version()
    return ids


def _ask(now: datetime, result: Result) -> None:
    due = []
    for model in LISTING_MODELS:
        due += list(
            model.objects.confirm_due(now)
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("path")
        )
    if not due:
        return
    for model in LISTING_MODELS:
        ids = [p.pk for p in due if isinstance(p, model)]
        if ids:
            model.objects.filter(pk__in=ids).update(confirm_requested_at=now)
    initiatives = {
        i.path: i
        for i in InitiativePage.objects.filter(path__in={_initiative_path(p) for p in due})
    }
    for path, pages in _by_initiative(due).items():
        if path in initiatives:
            _mail("initiatives/email/freshness_check", initiatives[path], pages, result)
    result.asked += [p.pk for p in due]


def _take_offline(now: datetime, result: Result) -> None:
    due = []
    for model in OFFLINE_MODELS:
        due += list(
            model.objects.offline_due(now)
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("path")
        )
    for page in due:
        page.taken_offline_at = now
        # Wagtail's own unpublish: the search index, the sitemap, the page
        # cache and the audit log follow it.
        page.unpublish(log_action=True)
        type(page).objects.filter(pk=page.pk).update(taken_offline_at=now)
    initiatives = {
        i.path: i
        for i in InitiativePage.objects.filter(path__in={_initiative_path(p) for p in due})
    }
    for path, pages in _by_initiative(due).items():
        if path in initiatives:
            _mail("initiatives/email/freshness_offline", initiatives[path], pages, result)
    result.taken_offline += [p.pk for p in due]


def freshness_checks_send(*, now: datetime | None = None) -> Result:
    """One run: close ended vacancies, take long-unconfirmed listings
    offline, ask "Klopt dit nog?" for those past their period. Each step
    commits on its own, so one failing mail address does not undo the rest."""
    now = now or timezone.now()
    result = Result()
    result.closed = vacancies_close_ended(today=timezone.localdate(now))
    with transaction.atomic():
        _take_offline(now, result)
    with transaction.atomic():
        _ask(now, result)
    return result
