from django.core import mail

from outbox.services import email_queue
from tests.factories import PersonFactory


def test_run_tasks_sends_queued_email_inside_a_test_transaction(db, run_tasks):
    person = PersonFactory()
    email_queue(kind="tests.outbox.probe", key=f"probe:{person.pk}", recipient=person.email, person=person)
    run_tasks()
    run_tasks()
    assert [m.to for m in mail.outbox] == [[person.email]]
    # The connection is still usable after the worker ran.
    person.refresh_from_db()
