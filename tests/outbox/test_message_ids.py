"""Each outgoing message has one Message-ID, on the organisation's domain, used by every attempt:
a message that has to go again is recognisably the same message."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from outbox.models import OutgoingEmail
from outbox.services import email_queue
from outbox.tasks import outbox_sweep
from tests.factories import OrganisationFactory
from tests.inbox import MailServer, read_sent, smtp_mailers, smtp_server

START = dt.datetime(2027, 6, 1, 9, 0, tzinfo=dt.UTC)


def _queue(organisation=None, key="hello:1"):
    return email_queue(
        kind="tests.outbox.hello",
        key=key,
        recipient="sian@example.org",
        params={"name": "Siân"},
        organisation=organisation,
    )


def test_a_message_the_server_kept_but_whose_answer_was_lost_goes_again_with_the_same_message_id(
    db, run_tasks, settings
):
    server = MailServer(lose_answers=1)
    with smtp_server(server) as port, time_machine.travel(START, tick=False) as traveller:
        settings.MAILERS = smtp_mailers(port)
        email = _queue(OrganisationFactory(email_sender="WBC <copro@westberks.gov.uk>"))
        run_tasks()
        traveller.shift(dt.timedelta(minutes=2))
        run_tasks()
    first, second = server.received
    assert first["Message-ID"] == second["Message-ID"] == email.message_id
    assert email.message_id.endswith("@westberks.gov.uk>")
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("sent", 2)
    assert email.last_attempt_at == START + dt.timedelta(minutes=2)
    # Why it took two tries stays on record.
    assert "451" in email.last_error


def test_a_row_left_sending_by_a_dead_worker_goes_again_with_its_message_id_and_says_why(db, run_tasks, settings):
    server = MailServer()
    with smtp_server(server) as port, time_machine.travel(START, tick=False) as traveller:
        settings.MAILERS = smtp_mailers(port)
        email = _queue()
        OutgoingEmail.objects.filter(pk=email.pk).update(status="sending", attempts=1, last_attempt_at=START)
        traveller.shift(dt.timedelta(minutes=20))
        outbox_sweep()
        run_tasks()
    [received] = server.received
    assert received["Message-ID"] == email.message_id
    email.refresh_from_db()
    assert (email.status, email.attempts) == ("sent", 2)
    assert "The worker stopped while sending" in email.last_error


@pytest.mark.parametrize(
    ("sender", "default_from", "site_url", "domain"),
    [
        (
            "WBC <copro@westberks.gov.uk>",
            "Co-production <no-reply@localhost>",
            "http://127.0.0.1:8000",
            "westberks.gov.uk",
        ),
        ("", "Co-production <coproduction@newbury.example>", "http://localhost:8000", "newbury.example"),
        (
            "",
            "Co-production <no-reply@localhost>",
            "https://coproduction.example.gov.uk",
            "coproduction.example.gov.uk",
        ),
        ("", "no-reply@localhost", "http://[::1]:8000", "coproduction.invalid"),
    ],
)
def test_a_message_id_names_the_organisations_domain_never_localhost(
    db, settings, sender, default_from, site_url, domain
):
    settings.DEFAULT_FROM_EMAIL = default_from
    settings.SITE_URL = site_url
    email = _queue(OrganisationFactory(email_sender=sender))
    assert email.message_id.startswith("<") and email.message_id.endswith(f"@{domain}>")


def test_each_message_has_its_own_message_id_kept_from_when_it_was_queued(db, run_tasks):
    first, second = _queue(key="hello:1"), _queue(key="hello:2")
    assert first.message_id != second.message_id
    run_tasks()
    assert sorted(read_sent(m)["Message-ID"] for m in mail.outbox) == sorted([first.message_id, second.message_id])
