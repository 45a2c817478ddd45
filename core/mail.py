"""Emails the site sends: rendered from two templates (subject and body) and
sent only once the transaction that caused them commits, each recipient in
their own language (docs/languages.md)."""

import logging
import smtplib
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from .metrics import mails_counted

log = logging.getLogger(__name__)

# A relay that is down, refuses, or does not answer within EMAIL_TIMEOUT.
RELAY_ERRORS = (smtplib.SMTPException, OSError)


def send_counted(subject: str, body: str, recipients: list[str]) -> None:
    """``send_mail``, counted for ``/metrics`` as sent or failed (and the
    failure raised as before)."""
    try:
        send_mail(subject, body, None, recipients)
    except Exception:
        mails_counted(failed=1)
        raise
    mails_counted(sent=1)


def render_mail(template: str, context: dict) -> tuple[str, str]:
    """Subject (one line) and body from ``<template>_subject.txt`` and
    ``<template>.txt``, with SITE_NAME in the context."""
    context = {"SITE_NAME": settings.WAGTAIL_SITE_NAME, **context}
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    return subject, render_to_string(f"{template}.txt", context)


# Who knows the language an address chose: accounts registers its lookup
# (accounts/apps.py), so core needs no import of the apps above it.
language_lookups: list[Callable[[Iterable[str]], dict[str, str]]] = []


def languages_of(recipients: list[str], default: str) -> dict[str, list[str]]:
    """The recipients grouped by the language their mail is written in: the
    one chosen with their account, else ``default``."""
    chosen: dict[str, str] = {}
    for lookup in language_lookups:
        chosen.update(lookup(recipients))
    groups: dict[str, list[str]] = {}
    for address in recipients:
        groups.setdefault(chosen.get(address.lower(), default), []).append(address)
    return groups


def shipped_or_dutch(language: str | None) -> str:
    """``language`` when the site speaks it, else Dutch: a mail is never
    rendered in a language without a catalogue (its links would carry a
    prefix no page answers to). A help request written in Papiaments, an empty
    stored language, a code from a form: all Dutch."""
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def mail_after_commit(
    *, template: str, context: dict, to: str | list[str], language: str | None = None
) -> None:
    """Render now (the objects are at hand), send once the transaction commits.
    ``template`` is a path without extension: ``<template>_subject.txt`` and
    ``<template>.txt`` must exist.

    A recipient with an account gets the mail in the language they chose;
    anyone else in ``language`` (when the site speaks it; else Dutch): pass
    the current language (``get_language()``) when the recipient is the
    person making this request, such as someone who signs up without an
    account, or a language stored for them. Otherwise it is Dutch, the site's default,
    because the person acting may not be the one reading."""
    recipients = [to] if isinstance(to, str) else list(to)
    recipients = [r for r in recipients if r]
    if not recipients:
        return
    for code, group in languages_of(recipients, shipped_or_dutch(language)).items():
        with translation.override(code):
            subject, body = render_mail(template, context)

        def send(subject=subject, body=body, group=group):
            # After the commit: what the visitor did is saved, so a relay
            # that is down must not turn their page into a 500. Logged and
            # counted (/metrics) for whoever runs the site.
            try:
                send_counted(subject, body, group)
            except RELAY_ERRORS:
                log.exception("mail %s not sent to %d recipient(s)", template, len(group))

        transaction.on_commit(send)
