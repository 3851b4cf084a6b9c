"""However the worker stops and starts, each member gets one agenda pack per version."""

import datetime as dt

import time_machine
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from meetings import services
from meetings.tasks import agenda_pack_send
from outbox.models import OutgoingEmail
from outbox.tasks import outbox_sweep
from tests.factories import GroupFactory

from .helpers import add_members, at, packs, recipients

NOW = at(2027, 3, 1, 10, 0)


def run_some(n):
    call_command("db_worker", batch=True, max_tasks=n, startup_delay=False, queue_name="*", reload=False, verbosity=0)


def test_each_of_thirty_members_gets_exactly_one_pack_when_the_worker_stops_part_way(db, run_tasks):
    group = GroupFactory()
    people = add_members(group, 30)
    with time_machine.travel(NOW, tick=False):
        meeting = services.meeting_create(
            group=group, starts_at=NOW + dt.timedelta(days=3), ends_at=NOW + dt.timedelta(days=3, hours=2)
        )
        # The pack task is queued twice (a retry by hand, a sweep): the second does nothing.
        agenda_pack_send.enqueue(meeting.pk, meeting.pack_version)
        run_some(2)
        assert OutgoingEmail.objects.filter(kind="meetings.agenda_pack").count() == 30
        # The worker sends a few, then stops.
        run_some(10)
        assert 0 < len(packs()) < 30
        # One more was claimed by a worker that was killed mid-send: its row is left
        # "sending" and its task "running", which django-tasks-db never recovers.
        stuck = OutgoingEmail.objects.filter(kind="meetings.agenda_pack", status="pending").first()
        OutgoingEmail.objects.filter(pk=stuck.pk).update(status="sending", attempts=1)
        DBTaskResult.objects.filter(status="READY", args_kwargs__args=[stuck.pk]).update(status="RUNNING")
        # Every send task is also queued a second time.
        from outbox.tasks import send_email

        for email_id in OutgoingEmail.objects.values_list("pk", flat=True):
            send_email.enqueue(email_id)
        run_tasks()
        run_tasks()
        assert len(packs()) == 29
    # Later, the periodic sweep finds the row the dead worker left and sends it.
    with time_machine.travel(NOW + dt.timedelta(minutes=20), tick=False):
        outbox_sweep()
        run_tasks()
        outbox_sweep()
        run_tasks()
    assert recipients(packs()) == sorted(p.email for p in people)
    assert set(OutgoingEmail.objects.filter(kind="meetings.agenda_pack").values_list("status", flat=True)) == {"sent"}


def test_running_the_pack_task_twice_sends_once(db, run_tasks):
    group = GroupFactory()
    add_members(group, 5)
    with time_machine.travel(NOW, tick=False):
        meeting = services.meeting_create(
            group=group, starts_at=NOW + dt.timedelta(days=2), ends_at=NOW + dt.timedelta(days=2, hours=1)
        )
        assert services.pack_send(meeting_id=meeting.pk, version=meeting.pack_version) == "sent"
        assert services.pack_send(meeting_id=meeting.pk, version=meeting.pack_version) == "not due"
        run_tasks()
        run_tasks()
    assert len(packs()) == 5


def test_updated_papers_still_go_when_their_task_died_with_the_worker(db, run_tasks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from meetings.tasks import meetings_sweep

    group = GroupFactory()
    people = add_members(group, 2)
    with time_machine.travel(NOW, tick=False):
        meeting = services.meeting_create(
            group=group, starts_at=NOW + dt.timedelta(days=3), ends_at=NOW + dt.timedelta(days=3, hours=2)
        )
        run_tasks()
        item = services.item_add(meeting=meeting, title="Budget", minutes=20)
        upload = SimpleUploadedFile("budget.pdf", b"%PDF-1.4\n")
        services.paper_add(item=item, title="Budget 2027", upload=upload, content_type="application/pdf")
    # The worker picked up the "updated papers" task and was killed: it stays "running".
    DBTaskResult.objects.filter(status="READY", task_path__endswith="papers_update_send").update(status="RUNNING")
    with time_machine.travel(NOW + dt.timedelta(minutes=30), tick=False):
        run_tasks()
        meetings_sweep()
        run_tasks()
        meetings_sweep()
        run_tasks()
    updates = [m for m in mail.outbox if m.subject.startswith("Updated papers")]
    assert recipients(updates) == sorted(p.email for p in people)
