import logging
from datetime import timedelta

from django.conf import settings
from django.core import mail
from django.db import transaction
from django.db.models import F, Q
from django.tasks import task
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import OutgoingEmail, PeriodicRun
from .rendering import message_renderer

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BACKOFF_MINUTES = [1, 5, 15, 60]
# A row left "sending" this long belongs to a worker that died before the server took the
# message (or in the moment before the row was marked sent); the sweep sends it again.
STALE_SENDING = timedelta(minutes=15)
HEARTBEAT_SECONDS = 60


@task
def send_email(email_id):
    # Claim the row: only one run can move it from pending to sending.
    now = timezone.now()
    # A row waiting for its back-off time is left alone by an early (duplicate) run.
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    claimed = OutgoingEmail.objects.filter(due, pk=email_id, status=OutgoingEmail.Status.PENDING).update(
        status=OutgoingEmail.Status.SENDING, attempts=F("attempts") + 1, last_attempt_at=now, updated_at=now
    )
    if not claimed:
        return "already handled"
    email = OutgoingEmail.objects.get(pk=email_id)
    try:
        message = message_renderer(email.kind)(email)
    except Exception as exc:  # noqa: BLE001 - any failure is recorded and retried
        _failed(email, exc)
        return "failed"
    if message is None:
        _finish(email, OutgoingEmail.Status.SKIPPED)
        return "skipped"
    # Every attempt carries the row's one Message-ID, so a repeat is recognisably the same message.
    message.extra_headers["Message-ID"] = email.message_id
    return _deliver(email, message)


def _deliver(email, message):
    """Hand the message to the mail server and mark it sent as soon as the server has taken it,
    before saying goodbye (QUIT): a worker killed after that leaves the row sent, not sending."""
    connection = mail.mailers.default
    try:
        connection.open()
        connection.send_messages([message])
    except Exception as exc:  # noqa: BLE001 - any failure is recorded and retried
        _close(connection, email)
        _failed(email, exc)
        return "failed"
    _finish(email, OutgoingEmail.Status.SENT, sent_at=timezone.now())
    _close(connection, email)
    return "sent"


def _close(connection, email):
    try:
        connection.close()
    except Exception:  # noqa: BLE001 - the message's fate is already recorded
        logger.warning("Email %s: the mail server connection did not close cleanly", email.pk, exc_info=True)


def _finish(email, status, **fields):
    OutgoingEmail.objects.filter(pk=email.pk).update(status=status, **fields)


def _failed(email, exc):
    error = f"{type(exc).__name__}: {exc}"[:500]
    logger.warning("Email %s (%s) failed on attempt %s: %s", email.pk, email.kind, email.attempts, error)
    if email.attempts >= MAX_ATTEMPTS:
        OutgoingEmail.objects.filter(pk=email.pk).update(status=OutgoingEmail.Status.FAILED, last_error=error)
        return
    delay = timedelta(minutes=BACKOFF_MINUTES[min(email.attempts, len(BACKOFF_MINUTES)) - 1])
    retry_at = timezone.now() + delay
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=OutgoingEmail.Status.PENDING, last_error=error, next_attempt_at=retry_at
    )
    send_email.using(run_after=retry_at).enqueue(email.pk)


def outbox_sweep():
    """Recover what django-tasks-db cannot: rows whose worker died mid-send, and pending
    rows whose task was lost. Enqueueing twice is harmless: the claim lets one run win."""
    now = timezone.now()
    OutgoingEmail.objects.filter(status=OutgoingEmail.Status.SENDING, updated_at__lt=now - STALE_SENDING).update(
        status=OutgoingEmail.Status.PENDING,
        next_attempt_at=now,
        last_error="The worker stopped while sending; sent again with the same Message-ID.",
    )
    due = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.PENDING, updated_at__lt=now - timedelta(minutes=5))
    due = due.filter(next_attempt_at__isnull=True) | due.filter(next_attempt_at__lte=now)
    for email_id in due.values_list("pk", flat=True)[:1000]:
        send_email.enqueue(email_id)


@task
def heartbeat():
    """Runs every minute and runs whatever periodic job (settings.PERIODIC_JOBS) is due. The
    next beat is queued first, so a worker dying during a job does not stop the clock."""
    heartbeat_schedule(delay=timedelta(seconds=HEARTBEAT_SECONDS))
    now = timezone.now()
    for path, minutes in settings.PERIODIC_JOBS:
        with transaction.atomic():
            run, created = PeriodicRun.objects.select_for_update().get_or_create(
                name=path, defaults={"last_run_at": now}
            )
            if not created and run.last_run_at > now - timedelta(minutes=minutes):
                continue
            run.last_run_at = now
            run.save(update_fields=["last_run_at"])
        try:
            import_string(path)()
        except Exception:
            logger.exception("Periodic job %s failed", path)


def heartbeat_schedule(*, delay=timedelta(0)):
    """Queue the next heartbeat unless one is already waiting."""
    from django_tasks_db.models import DBTaskResult

    path = f"{heartbeat.func.__module__}.{heartbeat.func.__qualname__}"
    waiting = DBTaskResult.objects.filter(task_path=path, status="READY")
    if waiting.exists():
        return
    heartbeat.using(run_after=timezone.now() + delay).enqueue()
