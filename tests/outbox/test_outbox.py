import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from outbox.models import OutgoingEmail, PeriodicRun
from outbox.services import email_queue, email_retry
from outbox.tasks import BACKOFF_MINUTES, MAX_ATTEMPTS, heartbeat, heartbeat_schedule, outbox_sweep, send_email

from .emails import FAILURES

START = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)
EVERY_TEN_MINUTES = ("tests.outbox.test_outbox.every_ten_minutes", 10)
periodic_runs = []


def every_ten_minutes():
    periodic_runs.append(timezone.now())


def broken():
    raise RuntimeError("broken job")


@pytest.fixture(autouse=True)
def _reset():
    FAILURES["left"] = 0
    periodic_runs.clear()


def _queue(key="hello:p1:v1", kind="tests.outbox.hello"):
    return email_queue(kind=kind, key=key, recipient="resident@example.org", params={"name": "Sam"})


def test_a_message_is_sent_once_even_if_queued_and_run_twice(db, run_tasks):
    first = _queue()
    again = _queue()
    assert first.pk == again.pk and OutgoingEmail.objects.count() == 1
    run_tasks()
    assert send_email.call(first.pk) == "already handled"
    run_tasks()
    assert len(mail.outbox) == 1 and mail.outbox[0].body == "Hello Sam"
    first.refresh_from_db()
    assert first.status == OutgoingEmail.Status.SENT and first.attempts == 1 and first.sent_at


def test_a_message_no_longer_needed_is_skipped(db, run_tasks):
    email = _queue(kind="tests.outbox.stale")
    run_tasks()
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SKIPPED and not mail.outbox


def test_failures_retry_with_back_off_then_fail_after_max_attempts(db, run_tasks):
    FAILURES["left"] = 100
    with time_machine.travel(START, tick=False) as traveller:
        email = _queue()
        run_tasks()
        email.refresh_from_db()
        assert (email.status, email.attempts) == (OutgoingEmail.Status.PENDING, 1)
        assert email.next_attempt_at == START + dt.timedelta(minutes=BACKOFF_MINUTES[0])
        assert "SMTP server unavailable" in email.last_error
        # Not before the back-off has passed.
        run_tasks()
        email.refresh_from_db()
        assert email.attempts == 1
        for attempt in range(2, MAX_ATTEMPTS + 1):
            traveller.shift(dt.timedelta(minutes=61))
            run_tasks()
            email.refresh_from_db()
            assert email.attempts == attempt
        assert email.status == OutgoingEmail.Status.FAILED
        traveller.shift(dt.timedelta(hours=2))
        run_tasks()
        email.refresh_from_db()
        assert email.attempts == MAX_ATTEMPTS and not mail.outbox
    assert list(OutgoingEmail.objects.needing_attention()) == [email]


def test_a_failed_message_succeeds_when_retried_by_hand(db, run_tasks):
    email = _queue()
    OutgoingEmail.objects.filter(pk=email.pk).update(status=OutgoingEmail.Status.FAILED, attempts=MAX_ATTEMPTS)
    assert email_retry(email=email) is True
    run_tasks()
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT and len(mail.outbox) == 1
    assert email_retry(email=email) is False


def test_a_transient_failure_is_sent_on_the_next_attempt(db, run_tasks):
    FAILURES["left"] = 1
    with time_machine.travel(START, tick=False) as traveller:
        email = _queue()
        run_tasks()
        traveller.shift(dt.timedelta(minutes=2))
        run_tasks()
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT and email.attempts == 2 and len(mail.outbox) == 1


def test_the_sweep_recovers_a_message_stuck_in_sending(db, run_tasks):
    with time_machine.travel(START, tick=False) as traveller:
        email = _queue()
        # A worker claimed it and died before sending; its task is gone.
        OutgoingEmail.objects.filter(pk=email.pk).update(status=OutgoingEmail.Status.SENDING, attempts=1)
        DBTaskResult.objects.all().delete()
        outbox_sweep()
        run_tasks()
        assert not mail.outbox  # not yet stale
        traveller.shift(dt.timedelta(minutes=20))
        outbox_sweep()
        run_tasks()
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT and len(mail.outbox) == 1


def test_the_sweep_requeues_a_pending_message_whose_task_was_lost(db, run_tasks):
    with time_machine.travel(START, tick=False) as traveller:
        email = _queue()
        DBTaskResult.objects.all().delete()
        traveller.shift(dt.timedelta(minutes=6))
        outbox_sweep()
        run_tasks()
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT


def test_heartbeat_runs_periodic_jobs_when_due_and_reschedules_itself(db, run_tasks, settings):
    settings.PERIODIC_JOBS = [EVERY_TEN_MINUTES]
    path = f"{heartbeat.func.__module__}.{heartbeat.func.__qualname__}"
    with time_machine.travel(START, tick=False) as traveller:
        heartbeat_schedule()
        heartbeat_schedule()  # idempotent: one waiting beat
        assert DBTaskResult.objects.filter(task_path=path, status="READY").count() == 1
        run_tasks()
        assert periodic_runs == [START]
        assert PeriodicRun.objects.filter(name="tests.outbox.test_outbox.every_ten_minutes").exists()
        waiting = DBTaskResult.objects.get(task_path=path, status="READY")
        assert waiting.run_after == START + dt.timedelta(seconds=60)

        for _ in range(9):  # nine beats, a minute apart: the job is not due again yet
            traveller.shift(dt.timedelta(seconds=61))
            run_tasks()
        assert len(periodic_runs) == 1
        traveller.shift(dt.timedelta(seconds=61))
        run_tasks()
        assert len(periodic_runs) == 2
        assert DBTaskResult.objects.filter(task_path=path, status="READY").count() == 1


def test_a_failing_periodic_job_does_not_stop_the_others(db, run_tasks, settings):
    # The broken job runs first; the others still run after it.
    settings.PERIODIC_JOBS = [("tests.outbox.test_outbox.broken", 1), EVERY_TEN_MINUTES]
    with time_machine.travel(START, tick=False):
        heartbeat_schedule()
        run_tasks()
    assert periodic_runs == [START]
