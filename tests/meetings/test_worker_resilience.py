"""However the worker stops and starts, each member gets one agenda pack per version."""

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from meetings import services
from meetings.tasks import agenda_pack_send
from outbox.models import OutgoingEmail
from outbox.tasks import outbox_sweep
from tests.factories import GroupFactory
from tests.inbox import MailServer, smtp_server

from .helpers import add_members, at, packs, recipients

NOW = at(2027, 3, 1, 10, 0)
ROOT = Path(__file__).resolve().parents[2]


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


def _database_url_for_worker(tmp_path):
    """The test's committed data, where a worker in another process can reach it."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":  # the test database lives in memory: copy it to a file
        path = tmp_path / "worker.sqlite3"
        with connection.cursor() as cursor:
            cursor.execute("VACUUM INTO %s", [str(path)])
        return f"sqlite:///{path}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _worker_env(database_url, smtp_port):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        DATABASE_URL=database_url,
        SECRET_KEY="worker-test-" + "x" * 40,
        DEBUG="false",
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=str(smtp_port),
        SMTP_USE_TLS="false",
        SITE_URL="https://coproduction.example.gov.uk",
        DJANGO_SETTINGS_MODULE="coproduction.settings",
    )
    return env


LATER = """
import datetime as dt, json
import time_machine
from django.core.management import call_command
from django.utils import timezone
from meetings.tasks import meetings_sweep
from outbox.models import OutgoingEmail
from outbox.tasks import outbox_sweep

with time_machine.travel(timezone.now() + dt.timedelta(minutes=20), tick=False):
    outbox_sweep()
    meetings_sweep()
    call_command("db_worker", batch=True, startup_delay=False, queue_name="*", reload=False, verbosity=0)
print(json.dumps(list(OutgoingEmail.objects.values_list("kind", "status", "message_id"))))
"""


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_after_the_server_took_the_pack_does_not_send_it_again(tmp_path):
    group = GroupFactory(project__organisation__email_sender="WBC <copro@example.gov.uk>")
    add_members(group, 1)
    soon = timezone.now() + dt.timedelta(days=3)
    services.meeting_create(group=group, starts_at=soon, ends_at=soon + dt.timedelta(hours=2))
    # The server takes the message, then never answers QUIT: the worker is killed while waiting.
    server = MailServer(stall_quit=True)
    with smtp_server(server) as port:
        env = _worker_env(_database_url_for_worker(tmp_path), port)
        command = ["manage.py", "db_worker", "--queue-name", "*", "--interval", "0.2", "--no-startup-delay"]
        worker = subprocess.Popen([sys.executable, *command], cwd=ROOT, env=env)
        try:
            assert server.quit_received.wait(timeout=120), "the worker never sent the pack"
        finally:
            worker.kill()
            worker.wait()
        assert len(server.messages) == 1
        # Later the sweeps run, and a new worker does whatever they queued.
        later = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", LATER], cwd=ROOT, env=env, capture_output=True, text=True
        )
        assert later.returncode == 0, later.stderr
    [(kind, status, message_id)] = json.loads(later.stdout.strip().splitlines()[-1])
    assert (kind, status) == ("meetings.agenda_pack", "sent")
    assert len(server.messages) == 1
    assert server.received[0]["Message-ID"] == message_id
    assert message_id.endswith("@example.gov.uk>")
