from django.core import mail

from outbox.services import email_queue
from tests.factories import PersonFactory


def test_run_tasks_sends_queued_email_inside_a_test_transaction(db, run_tasks, monkeypatch):
    from outbox import registry
    from outbox.rendering import email_build

    monkeypatch.setitem(
        registry._MESSAGES,
        "probe",
        lambda email: email_build(template="outbox/email/probe", context={"name": "Pat"}, to=email.recipient),
    )
    person = PersonFactory()
    email_queue(kind="probe", key=f"probe:{person.pk}", recipient=person.email, person=person)
    run_tasks()
    run_tasks()
    assert [m.to for m in mail.outbox] == [[person.email]]
    # The connection is still usable after the worker ran.
    person.refresh_from_db()
