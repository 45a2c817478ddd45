"""Registering an initiative: the public form makes a draft initiative page and,
for someone without an account, a pending (inactive) one; a moderator approves
or rejects in the Wagtail admin (docs/publishing.md)."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

from allauth.account.adapter import get_adapter
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.contrib.auth import get_user_model
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import linebreaks
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug

from marketplace.mail import absolute_url, mail_after_commit

from .access import grant_access, moderator_emails
from .models import InitiativeIndexPage, InitiativePage, InitiativeRegistration, RegistrationStatus

log = logging.getLogger(__name__)

ACCOUNT_EXISTS = (
    "Er is al een account met dit e-mailadres. Log eerst in; daarna kun je je initiatief aanmelden."
)
NOT_PENDING = "Over deze aanmelding is al besloten."


@dataclass
class Applicant:
    contact_name: str
    email: str
    phone: str = ""


def plain_text_to_rich_text(text: str) -> str:
    """Paragraphs for a RichTextField from what someone typed in a textarea."""
    return linebreaks(text.strip(), autoescape=True)


def _pending_account(applicant: Applicant):
    """An inactive account without a password: it can do nothing until the
    registration is approved and its owner chooses a password."""
    User = get_user_model()
    if User.objects.filter(email__iexact=applicant.email).exists() or (
        EmailAddress.objects.filter(email__iexact=applicant.email).exists()
    ):
        raise ValidationError({"email": ACCOUNT_EXISTS})
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


@transaction.atomic
def register_initiative(
    *,
    index: InitiativeIndexPage,
    page_fields: dict,
    themes,
    applicant: Applicant,
    message: str = "",
    user=None,
    location: Point | None = None,
) -> InitiativeRegistration:
    """Save the draft page and the registration; tell the applicant and the
    moderators. Raises ValidationError (with field names) on bad input."""
    created_account = user is None
    if created_account:
        user = _pending_account(applicant)
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
        created_account=created_account,
        contact_name=applicant.contact_name,
        email=applicant.email,
        phone=applicant.phone,
        message=message,
    )
    context = {"registration": registration, "page": page}
    mail_after_commit(
        template="initiatives/email/registration_received", context=context, to=applicant.email
    )
    mail_after_commit(
        template="initiatives/email/registration_new",
        context={
            **context,
            "admin_url": absolute_url(reverse("initiatives_registration", args=[registration.pk])),
        },
        to=moderator_emails(),
    )
    return registration


def password_link(user) -> str:
    """A link to choose a password (allauth's reset-by-key page; valid for
    PASSWORD_RESET_TIMEOUT, three days by default)."""
    key = f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"
    path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
    return absolute_url(path.replace("UID-KEY", key))


def _lock_pending(registration: InitiativeRegistration) -> InitiativeRegistration:
    """The row, locked, so two moderators cannot decide twice."""
    registration = InitiativeRegistration.objects.select_for_update().get(pk=registration.pk)
    if not registration.is_pending:
        raise ValidationError(NOT_PENDING)
    return registration


@transaction.atomic
def approve_registration(
    registration: InitiativeRegistration, *, by, trusted: bool = False
) -> InitiativeRegistration:
    """Publish the initiative page, give the initiative its own group with
    permissions on its subtree, make the applicant its manager and send the
    welcome email."""
    from volunteers.models import InitiativeMember, MemberRole

    registration = _lock_pending(registration)
    page = registration.page
    user = registration.applicant
    if page is None or user is None:
        raise ValidationError("De conceptpagina of het account bestaat niet meer.")
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
    # Membership puts the user in the initiative's group (volunteers/apps.py).
    InitiativeMember.objects.get_or_create(
        user=user, initiative=page, defaults={"role": MemberRole.MANAGER}
    )
    registration.status = RegistrationStatus.APPROVED
    registration.decided_at = timezone.now()
    registration.decided_by = by
    registration.save(update_fields=["status", "decided_at", "decided_by"])
    mail_after_commit(
        template="initiatives/email/registration_approved",
        context={
            "registration": registration,
            "page": page,
            "trusted": trusted,
            "password_url": password_link(user) if not user.has_usable_password() else "",
            "admin_url": absolute_url(reverse("wagtailadmin_explore", args=[page.pk])),
            "page_url": absolute_url(page.url or "/"),
        },
        to=registration.email,
    )
    return registration


@transaction.atomic
def reject_registration(
    registration: InitiativeRegistration, *, by, reason: str
) -> InitiativeRegistration:
    """Tell the applicant why, and remove the draft page and an account that
    was made only for this registration."""
    if not reason.strip():
        raise ValidationError({"reason": "Schrijf waarom. De aanvrager krijgt dit te lezen."})
    registration = _lock_pending(registration)
    mail_after_commit(
        template="initiatives/email/registration_rejected",
        context={"registration": registration, "reason": reason.strip()},
        to=registration.email,
    )
    if registration.page is not None and not registration.page.live:
        registration.page.delete()
        registration.page = None
    user = registration.applicant
    if (
        registration.created_account
        and user is not None
        and not user.is_active
        and not user.has_usable_password()
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


def verify_after_password_set(user) -> None:
    """An approved applicant chose a password through the welcome link, which
    was mailed to their address: that proves the address."""
    approved = InitiativeRegistration.objects.filter(
        applicant=user, status=RegistrationStatus.APPROVED, created_account=True
    )
    if approved.exists():
        EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=False).update(
            verified=True
        )
