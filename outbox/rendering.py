"""How a message is made: which function renders each kind, and the templates it uses."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.module_loading import import_string

# Subjects and plain-text bodies are not HTML: this engine renders them without escaping
# (coproduction/settings.py TEMPLATES), so "O'Neill" stays O'Neill, not O&#x27;Neill.
TEXT_ENGINE = "text"


def absolute_url(path):
    return f"{settings.SITE_URL}{path}"


def message_renderer(kind):
    """The function that renders ``kind``: ``<app>.<message>`` is ``<message>`` in ``<app>/emails.py``.

    It takes the outbox row and returns the message, or None when it is no longer needed
    (for example a pack for a meeting since cancelled)."""
    app, _, name = kind.rpartition(".")
    if not app or not name.isidentifier() or name.startswith("_"):
        raise ValueError(f"An email kind is <app>.<message>, not {kind!r}.")
    try:
        return import_string(f"{app}.emails.{name}")
    except ImportError as exc:
        raise ValueError(f"No function {name}() in {app}/emails.py for email kind {kind!r}.") from exc


def email_build(*, template, context, to, from_email=None, reply_to=None):
    """Build a message from ``<template>_subject.txt``, ``<template>.txt`` and ``<template>.html``.

    ``reply_to`` is the address replies go to, for messages that ask people to reply."""
    context = {"site_url": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"{template}_subject.txt", context, using=TEXT_ENGINE).split())
    text = render_to_string(f"{template}.txt", context, using=TEXT_ENGINE)
    html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        to=[to],
        reply_to=[reply_to] if reply_to else None,
    )
    message.attach_alternative(html, "text/html")
    return message
