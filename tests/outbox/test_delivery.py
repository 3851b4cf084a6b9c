"""Outgoing email: one row per recipient per version, retries with back-off, the sweep."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from outbox.models import OutgoingEmail
from outbox.rendering import email_build
from outbox.services import email_queue, email_retry
from outbox.tasks import BACKOFF_MINUTES, MAX_ATTEMPTS, outbox_sweep

from .emails import FAILURES

NOW = dt.datetime(2027, 6, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def reset():
    FAILURES["left"] = 0


def test_a_key_seen_before_is_not_queued_or_sent_again(db, run_tasks):
    first = email_queue(kind="tests.outbox.hello", key="k:1", recipient="a@example.org")
    second = email_queue(kind="tests.outbox.hello", key="k:1", recipient="a@example.org")
    run_tasks()
    run_tasks()
    assert first.pk == second.pk
    assert len(mail.outbox) == 1
    assert OutgoingEmail.objects.get().status == "sent"


def test_a_failing_message_is_retried_with_back_off_then_fails_for_good(db, run_tasks):
    FAILURES["left"] = 100
    with time_machine.travel(NOW, tick=False):
        email_queue(kind="tests.outbox.hello", key="k:2", recipient="b@example.org")
        run_tasks()
    email = OutgoingEmail.objects.get()
    assert (email.status, email.attempts) == ("pending", 1)
    assert email.next_attempt_at == NOW + dt.timedelta(minutes=BACKOFF_MINUTES[0])
    when = NOW
    for attempt in range(2, MAX_ATTEMPTS + 1):
        # Before its time, a retry does nothing.
        with time_machine.travel(email.next_attempt_at - dt.timedelta(seconds=30), tick=False):
            run_tasks()
        assert OutgoingEmail.objects.get().attempts == attempt - 1
        when = email.next_attempt_at
        with time_machine.travel(when + dt.timedelta(seconds=1), tick=False):
            run_tasks()
        email = OutgoingEmail.objects.get()
        assert email.attempts == attempt
    assert email.status == "failed"
    assert "SMTP server unavailable" in email.last_error
    assert list(OutgoingEmail.objects.needing_attention()) == [email]
    assert mail.outbox == []


def test_a_person_can_retry_a_failed_email(db, run_tasks):
    email = OutgoingEmail.objects.create(
        key="k:3", kind="tests.outbox.hello", recipient="c@example.org", status="failed", attempts=5
    )
    assert email_retry(email=email)
    assert not email_retry(email=email)  # not failed any more
    run_tasks()
    email.refresh_from_db()
    assert email.status == "sent"
    assert len(mail.outbox) == 1


def test_the_sweep_recovers_a_row_left_sending_by_a_dead_worker(db, run_tasks):
    with time_machine.travel(NOW, tick=False):
        email = OutgoingEmail.objects.create(
            key="k:4", kind="tests.outbox.hello", recipient="d@example.org", status="sending", attempts=1
        )
    with time_machine.travel(NOW + dt.timedelta(minutes=5), tick=False):
        outbox_sweep()
        run_tasks()
    assert OutgoingEmail.objects.get(pk=email.pk).status == "sending"  # not stale yet
    with time_machine.travel(NOW + dt.timedelta(minutes=20), tick=False):
        outbox_sweep()
        run_tasks()
    assert OutgoingEmail.objects.get(pk=email.pk).status == "sent"
    assert len(mail.outbox) == 1


def test_the_sweep_requeues_a_pending_row_whose_task_was_lost(db, run_tasks):
    from django_tasks_db.models import DBTaskResult

    with time_machine.travel(NOW, tick=False):
        email_queue(kind="tests.outbox.hello", key="k:5", recipient="e@example.org")
        DBTaskResult.objects.all().delete()
    with time_machine.travel(NOW + dt.timedelta(minutes=10), tick=False):
        outbox_sweep()
        run_tasks()
    assert len(mail.outbox) == 1


def test_a_message_no_longer_needed_is_skipped(db, run_tasks):
    email_queue(kind="tests.outbox.stale", key="k:6", recipient="f@example.org")
    run_tasks()
    assert OutgoingEmail.objects.get().status == "skipped"
    assert mail.outbox == []


def test_email_build_makes_text_and_html_bodies(db, tmp_path, settings):
    # Assigning (not mutating) the setting makes Django rebuild its template engines.
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], tmp_path]} for engine in settings.TEMPLATES]
    (tmp_path / "t_subject.txt").write_text("Hello\n {{ name }}")
    (tmp_path / "t.txt").write_text("Text for {{ name }}")
    (tmp_path / "t.html").write_text("<p>HTML for {{ name }}</p>")
    message = email_build(template="t", context={"name": "Ruth"}, to="r@example.org")
    assert message.subject == "Hello Ruth"
    assert message.body == "Text for Ruth"
    assert message.alternatives[0][0] == "<p>HTML for Ruth</p>"
