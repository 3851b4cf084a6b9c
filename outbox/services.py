from .models import OutgoingEmail
from .rendering import message_renderer
from .tasks import send_email


def email_queue(*, kind, key, recipient, params=None, organisation=None, person=None, topic="", run_after=None):
    """Record one message for one recipient and enqueue its sending.

    The key names the message version and recipient (e.g. ``agenda-pack:m12:v3:p7``); a key
    seen before is not queued again, so calling this twice never sends twice. The task is
    written in the caller's transaction: if that rolls back, nothing is sent. ``kind`` is
    ``<app>.<message>``, the function in ``<app>/emails.py`` that renders it."""
    message_renderer(kind)  # an unknown kind fails here, in the caller, not later in the worker
    email, created = OutgoingEmail.objects.get_or_create(
        key=key,
        defaults={
            "kind": kind,
            "recipient": recipient,
            "params": params or {},
            "organisation": organisation,
            "person": person,
            "topic": topic,
            "next_attempt_at": run_after,
        },
    )
    if created:
        task = send_email.using(run_after=run_after) if run_after else send_email
        task.enqueue(email.pk)
    return email


def email_retry(*, email):
    """A person asks for a failed message to be tried again."""
    updated = OutgoingEmail.objects.filter(pk=email.pk, status=OutgoingEmail.Status.FAILED).update(
        status=OutgoingEmail.Status.PENDING, attempts=0, last_error="", next_attempt_at=None
    )
    if updated:
        send_email.enqueue(email.pk)
    return bool(updated)
