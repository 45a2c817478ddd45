"""Emails the site sends: rendered from two templates (subject and body) and
sent only once the transaction that caused them commits."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string

from .metrics import mails_counted


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


def mail_after_commit(*, template: str, context: dict, to: str | list[str]) -> None:
    """Render now (the objects are at hand), send once the transaction commits.
    ``template`` is a path without extension: ``<template>_subject.txt`` and
    ``<template>.txt`` must exist."""
    recipients = [to] if isinstance(to, str) else list(to)
    recipients = [r for r in recipients if r]
    if not recipients:
        return
    subject, body = render_mail(template, context)

    def send():
        send_counted(subject, body, recipients)

    transaction.on_commit(send)
