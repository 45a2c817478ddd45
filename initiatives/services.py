"""Writes for initiatives: registering one and deciding on the registration,
and its members (``initiative_member_add`` / ``_change`` / ``_remove``, which
keep the initiative's Wagtail group in step). Reads are queryset methods
(querysets.py), ``areas`` and ``agenda``.

Registering an initiative: the public form makes a draft initiative page; a
moderator approves or rejects in the Wagtail admin (docs/publishing.md).

Someone who is not logged in first confirms their email address with a link
we mail to it. Until then the registration is linked to no account, reaches
no moderator and can never be approved, so typing someone else's address
neither blocks that person's own signup nor makes them manage a stranger's
initiative. The form answers the same whether or not the address has an
account; an address that has one confirms logged in to that account."""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from allauth.account.adapter import get_adapter
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.gis.geos import Point
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import find_available_slug

from core.mail import mail_after_commit
from core.site_url import absolute_url, deferred, link

from .models import (
    InitiativeIndexPage,
    InitiativeMember,
    InitiativePage,
    InitiativeRegistration,
    MemberRole,
    RegistrationStatus,
    Theme,
)
from .permissions import follow_membership, grant_access, moderator_emails

log = logging.getLogger(__name__)

NOT_PENDING = _("Over deze aanmelding is al besloten.")
NOT_CONFIRMED = _(
    "De aanvrager heeft het e-mailadres nog niet bevestigd. Pas daarna kun je een besluit nemen."
)
LOG_IN_FIRST = _(
    "Er is al een account met dit e-mailadres. Log in met dat account om je aanmelding "
    "te bevestigen."
)
OTHER_ACCOUNT = _(
    "Je bent ingelogd met een ander account. Log uit, en log in met het account van het "
    "e-mailadres waarop je deze link kreeg."
)
# The module was initiatives/registration.py; the salt keeps its old name so
# that links already mailed still confirm.
CONFIRM_SALT = "initiatives.registration.confirm"


@dataclass
class Applicant:
    contact_name: str
    email: str
    phone: str = ""


def plain_text_to_rich_text(text: str) -> str:
    """Paragraphs for a RichTextField from what someone typed in a textarea:
    a blank line starts a paragraph, a single line break stays one. Wagtail's
    stored format writes it ``<br/>``; the editor cannot open Django's
    ``linebreaks`` output (``<br>``)."""
    paragraphs = re.split(r"\n\s*\n", text.strip().replace("\r\n", "\n").replace("\r", "\n"))
    return "".join(
        "<p>" + "<br/>".join(escape(line) for line in paragraph.split("\n")) + "</p>"
        for paragraph in paragraphs
        if paragraph.strip()
    )


def accounts_with_email(email: str) -> QuerySet:
    """Every account that has ``email``, as its own or as an added address."""
    User = get_user_model()
    return User.objects.filter(
        Q(email__iexact=email)
        | Q(pk__in=EmailAddress.objects.filter(email__iexact=email).values("user_id"))
    )


def _is_pending_account(user: AbstractBaseUser) -> bool:
    """Made for registrations and never used: nobody can log in to it."""
    return not user.is_active and not user.has_usable_password()


def _pending_account(applicant: Applicant) -> AbstractBaseUser:
    """An inactive account without a password: it can do nothing until a
    registration is approved and its owner chooses a password."""
    User = get_user_model()
    first, _, last = applicant.contact_name.strip().partition(" ")
    user = User(email=applicant.email, first_name=first[:150], last_name=last[:150])
    try:
        user.username = get_adapter().generate_unique_username(
            [applicant.contact_name, applicant.email]
        )
    except NotImplementedError:
        # allauth tries only a few random suffixes on the name before it gives
        # up ("Unable to find a unique username"), which would be a server
        # error for a common name. Nobody sees or types the username.
        user.username = f"user-{uuid.uuid4().hex}"
    user.is_active = False
    user.set_unusable_password()
    user.save()
    EmailAddress.objects.create(user=user, email=applicant.email, primary=True, verified=False)
    return user


def confirmation_path(registration: InitiativeRegistration) -> str:
    token = signing.dumps(
        {"r": registration.pk, "e": registration.email.casefold()}, salt=CONFIRM_SALT
    )
    return reverse("initiatives:register_confirm", args=[token])


def registration_for_token(token: str) -> InitiativeRegistration | None:
    """The registration a confirmation link is for; None when the link is
    broken, older than REGISTRATION_CONFIRM_DAYS or its registration gone."""
    try:
        data = signing.loads(
            token,
            salt=CONFIRM_SALT,
            max_age=timedelta(days=settings.REGISTRATION_CONFIRM_DAYS),
        )
        return InitiativeRegistration.objects.select_related("page").get(
            pk=data["r"], email__iexact=data["e"]
        )
    except (signing.BadSignature, InitiativeRegistration.DoesNotExist, KeyError, TypeError):
        return None


@transaction.atomic
def register_initiative(
    *,
    index: InitiativeIndexPage,
    page_fields: dict,
    themes: Iterable[Theme],
    applicant: Applicant,
    message: str = "",
    user: AbstractBaseUser | AnonymousUser | None = None,
    location: Point | None = None,
) -> InitiativeRegistration:
    """Save the draft page and the registration. Logged in (``user``): it
    waits for the moderators, who are told. Not logged in: it waits for the
    applicant to confirm the address with the link we mail them, whether or
    not the address has an account. Raises ValidationError (with field
    names) on bad input."""
    page = InitiativePage(
        **page_fields,
        location=location,
        live=False,
        owner=user,
        slug=find_available_slug(index, slugify(page_fields["title"])[:70] or "initiatief"),
    )
    page.themes.set(themes)  # a ParentalManyToManyField: saved with the page
    index.add_child(instance=page)  # validates: postcode, place in the Netherlands
    page.save_revision(user=user, log_action=True)
    registration = InitiativeRegistration.objects.create(
        name=page.title,
        page=page,
        applicant=user,
        status=RegistrationStatus.UNCONFIRMED if user is None else RegistrationStatus.PENDING,
        contact_name=applicant.contact_name,
        email=applicant.email,
        phone=applicant.phone,
        message=message,
        language=translation.get_language() or "",
    )
    if user is None:
        mail_after_commit(
            template="initiatives/email/registration_confirm",
            context={
                "registration": registration,
                "confirm_url": deferred(lambda: absolute_url(confirmation_path(registration))),
                "has_account": accounts_with_email(applicant.email).exists(),
                "days": settings.REGISTRATION_CONFIRM_DAYS,
            },
            to=applicant.email,
            language=registration.language,
        )
    else:
        _mail_received(registration, page)
    return registration


def _mail_received(registration: InitiativeRegistration, page: InitiativePage) -> None:
    """A receipt to the applicant; a notice with the admin link to the moderators."""
    context = {"registration": registration, "page": page}
    mail_after_commit(
        template="initiatives/email/registration_received",
        context=context,
        to=registration.email,
        language=registration.language,
    )
    # The moderators read theirs in their own accounts' language (else
    # Dutch), whatever language the applicant used the site in.
    mail_after_commit(
        template="initiatives/email/registration_new",
        context={**context, "admin_url": link("initiatives_registration", registration.pk)},
        to=moderator_emails(page.municipality_id if page is not None else None),
    )


def confirming_account(
    registration: InitiativeRegistration, *, user: AbstractBaseUser | AnonymousUser | None = None
) -> AbstractBaseUser | None:
    """The account a confirmation by ``user`` (None: not logged in) links
    the registration to: the logged-in owner of the address, or the pending
    account an earlier confirmed registration made for it; None means a new
    pending account. Raises ValidationError with code ``login`` (the address
    has an account: log in to it) or ``other_account``."""
    owners = list(accounts_with_email(registration.email))
    if user is not None and user.is_authenticated and any(o.pk == user.pk for o in owners):
        return user
    pending = [o for o in owners if _is_pending_account(o)]
    if owners and len(pending) == len(owners):
        return pending[0]
    if owners:
        if user is None or not user.is_authenticated:
            raise ValidationError(LOG_IN_FIRST, code="login")
        raise ValidationError(OTHER_ACCOUNT, code="other_account")
    return None


@transaction.atomic
def confirm_registration(
    registration: InitiativeRegistration, *, user: AbstractBaseUser | AnonymousUser | None = None
) -> InitiativeRegistration:
    """The applicant followed the mailed link: link the registration to their
    account (a new pending one when the address has none) and hand it to
    the moderators. A second confirmation changes nothing. Raises
    ValidationError as ``confirming_account`` does."""
    registration = InitiativeRegistration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != RegistrationStatus.UNCONFIRMED:
        return registration
    # Two registrations for one new address confirmed at the same moment
    # would both find no account and both make one: take turns per address.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtext(%s))",
            [f"registration-confirm:{registration.email.casefold()}"],
        )
    account = confirming_account(registration, user=user)
    if account is None:
        account = _pending_account(
            Applicant(contact_name=registration.contact_name, email=registration.email)
        )
    registration.applicant = account
    registration.created_account = _is_pending_account(account)
    registration.status = RegistrationStatus.PENDING
    registration.save(update_fields=["applicant", "created_account", "status"])
    page = registration.page
    if page is not None:
        InitiativePage.objects.filter(pk=page.pk).update(owner=account)
        page = page.specific
    _mail_received(registration, page)
    return registration


def delete_unconfirmed_registrations(*, older_than: timedelta) -> int:
    """Remove registrations whose link has expired unused, with their draft
    pages: a stranger's name, email and text are not kept. Returns how many."""
    cutoff = timezone.now() - older_than
    expired = InitiativeRegistration.objects.filter(
        status=RegistrationStatus.UNCONFIRMED, created_at__lt=cutoff
    ).select_related("page")
    count = 0
    for registration in expired:
        with transaction.atomic():
            if registration.page is not None and not registration.page.live:
                registration.page.delete()
            registration.delete()
        count += 1
    return count


def password_link(user: AbstractBaseUser) -> str:
    """A link to choose a password (allauth's reset-by-key page; valid for
    PASSWORD_RESET_TIMEOUT, three days by default)."""
    key = f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"
    path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
    return absolute_url(path.replace("UID-KEY", key))


def _lock_pending(registration: InitiativeRegistration) -> InitiativeRegistration:
    """The row, locked, so two moderators cannot decide twice."""
    registration = InitiativeRegistration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == RegistrationStatus.UNCONFIRMED:
        raise ValidationError(NOT_CONFIRMED)
    if not registration.is_pending:
        raise ValidationError(NOT_PENDING)
    return registration


@transaction.atomic
def approve_registration(
    registration: InitiativeRegistration, *, by: AbstractBaseUser, trusted: bool = False
) -> InitiativeRegistration:
    """Publish the initiative page, give the initiative its own group with
    permissions on its subtree, make the applicant its manager and send the
    welcome email."""
    registration = _lock_pending(registration)
    page = registration.page
    user = registration.applicant
    if page is None or user is None:
        raise ValidationError(_("De conceptpagina of het account bestaat niet meer."))
    page = page.specific
    revision = page.get_latest_revision()
    if revision is not None:
        revision.publish(user=by)
    else:
        page.save_revision(user=by).publish(user=by)
    grant_access(page, trusted=trusted)
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    # Membership puts the user in the initiative's group.
    initiative_member_add(user=user, initiative=page, role=MemberRole.MANAGER)
    registration.status = RegistrationStatus.APPROVED
    registration.decided_at = timezone.now()
    registration.decided_by = by
    registration.save(update_fields=["status", "decided_at", "decided_by"])
    # Decided in the admin, in the moderator's language; the applicant reads
    # it in their account's language, else the one they registered in.
    _mail_approved(registration, page, user, trusted)
    return registration


def _mail_approved(registration, page, user, trusted: bool) -> None:
    mail_after_commit(
        template="initiatives/email/registration_approved",
        context={
            "registration": registration,
            "page": page,
            "trusted": trusted,
            "password_url": (
                deferred(lambda: password_link(user)) if not user.has_usable_password() else ""
            ),
            "admin_url": link("wagtailadmin_explore", page.pk),
            "page_url": deferred(lambda: absolute_url(page.url or "/")),
        },
        to=registration.email,
        language=registration.language,
    )


@transaction.atomic
def reject_registration(
    registration: InitiativeRegistration, *, by: AbstractBaseUser, reason: str
) -> InitiativeRegistration:
    """Tell the applicant why, and remove the draft page and an account that
    was made only for this registration."""
    if not reason.strip():
        raise ValidationError({"reason": _("Schrijf waarom. De aanvrager krijgt dit te lezen.")})
    registration = _lock_pending(registration)
    mail_after_commit(  # in the applicant's language, as the approval mail
        template="initiatives/email/registration_rejected",
        context={"registration": registration, "reason": reason.strip()},
        to=registration.email,
        language=registration.language,
    )
    if registration.page is not None and not registration.page.live:
        registration.page.delete()
        registration.page = None
    user = registration.applicant
    still_needed = (
        InitiativeRegistration.objects.filter(applicant=user)
        .exclude(pk=registration.pk)
        .exclude(status=RegistrationStatus.REJECTED)
        .exists()
    )
    if (
        registration.created_account
        and user is not None
        and _is_pending_account(user)
        and not still_needed
    ):
        user.delete()
        registration.applicant = None
    registration.status = RegistrationStatus.REJECTED
    registration.reason = reason.strip()
    registration.decided_at = timezone.now()
    registration.decided_by = by
    registration.save(
        update_fields=["status", "reason", "decided_at", "decided_by", "page", "applicant"]
    )
    return registration


def verify_after_password_set(user: AbstractBaseUser) -> None:
    """An approved applicant chose a password through the welcome link, which
    was mailed to their address: that proves the address."""
    approved = InitiativeRegistration.objects.filter(
        applicant=user, status=RegistrationStatus.APPROVED, created_account=True
    )
    if approved.exists():
        EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=False).update(
            verified=True
        )


# --- membership ---


@transaction.atomic
def initiative_member_add(
    *, user: AbstractBaseUser, initiative: InitiativePage, role: str = MemberRole.MEMBER
) -> InitiativeMember:
    """Make ``user`` a member of ``initiative`` (an existing membership is kept
    as it is) and put them in the initiative's Wagtail group, if it has one,
    so they can edit its pages."""
    member, _ = InitiativeMember.objects.get_or_create(
        user=user, initiative=initiative, defaults={"role": role}
    )
    follow_membership(user, initiative.pk, member=True)
    return member


@transaction.atomic
def initiative_member_change(*, member: InitiativeMember) -> InitiativeMember:
    """Save an edited membership (the Django admin): a user or initiative
    that changed leaves the old initiative's group and joins the new one."""
    old = InitiativeMember.objects.filter(pk=member.pk).first() if member.pk else None
    member.full_clean()
    member.save()
    if old is not None and (old.user_id, old.initiative_id) != (
        member.user_id,
        member.initiative_id,
    ):
        follow_membership(old.user, old.initiative_id, member=False)
    follow_membership(member.user, member.initiative_id, member=True)
    return member


@transaction.atomic
def initiative_member_remove(*, member: InitiativeMember) -> None:
    """End a membership and take the user out of the initiative's group."""
    member.delete()
    follow_membership(member.user, member.initiative_id, member=False)
