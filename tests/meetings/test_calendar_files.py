"""Calendar files as other calendar software reads them.

vobject (the parser Radicale uses) is independent of icalendar, which writes the files: a
meeting must read as the same instant in both, in winter and in summer."""

import datetime as dt
import email
from email import policy

import time_machine
import vobject
from django.core import mail
from django.urls import reverse

from meetings import services
from meetings.tokens import member_token
from tests.factories import GroupFactory

from .helpers import add_members, at

NOW = at(2026, 12, 1, 9, 0)
UTC = dt.UTC


def plan(group, start):
    return services.meeting_create(group=group, starts_at=start, ends_at=start + dt.timedelta(hours=2))


def read(content):
    return vobject.readOne(content.decode() if isinstance(content, bytes) else content)


def starts_utc(calendar):
    return sorted(event.dtstart.value.astimezone(UTC) for event in calendar.vevent_list)


def test_a_feed_reads_at_the_same_instant_in_winter_and_summer_in_another_parser(client, db):
    group = GroupFactory()
    person = add_members(group, 1)[0]
    with time_machine.travel(NOW, tick=False):
        plan(group, at(2027, 1, 14, 10, 0))  # GMT: 10:00 UTC
        plan(group, at(2027, 7, 14, 10, 0))  # BST: 09:00 UTC
        response = client.get(reverse("meetings_public:calendar", args=[member_token(group=group, person=person)]))
    calendar = read(response.content)
    assert starts_utc(calendar) == [
        dt.datetime(2027, 1, 14, 10, 0, tzinfo=UTC),
        dt.datetime(2027, 7, 14, 9, 0, tzinfo=UTC),
    ]
    zone = calendar.vtimezone
    assert zone.tzid.value == "Europe/London"
    assert {rule.value for rule in zone.contents["daylight"][0].contents["rrule"]} == {
        "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"
    }


def _attachment(message):
    parsed = email.message_from_bytes(message.message().as_bytes(), policy=policy.default)
    (part,) = [p for p in parsed.iter_attachments() if p.get_content_type() == "text/calendar"]
    return part


def test_a_cancellation_email_carries_a_cancel_request_for_the_same_entry(db, run_tasks):
    group = GroupFactory(project__organisation__email_sender="Newbury Council <coproduction@newbury.example>")
    person = add_members(group, 1)[0]
    with time_machine.travel(NOW, tick=False):
        meeting = plan(group, at(2027, 1, 14, 10, 0))
        run_tasks()
        services.meeting_cancel(meeting=meeting)
        mail.outbox.clear()
        run_tasks()
    (cancellation,) = [m for m in mail.outbox if m.subject.startswith("Cancelled")]
    part = _attachment(cancellation)
    assert part.get_param("method") == "CANCEL"
    calendar = read(part.get_content())
    assert calendar.method.value == "CANCEL"
    event = calendar.vevent
    assert event.uid.value == f"meeting-{meeting.pk}@127.0.0.1"
    assert event.status.value == "CANCELLED"
    assert event.organizer.value == "mailto:coproduction@newbury.example"
    assert person.email not in part.get_content()
    assert int(event.sequence.value) >= 1
    assert event.dtstart.value.astimezone(UTC) == dt.datetime(2027, 1, 14, 10, 0, tzinfo=UTC)


def test_a_downloaded_file_of_a_planned_meeting_is_published_with_an_organizer(client, officer, project):
    group = GroupFactory(project=project)
    with time_machine.travel(NOW, tick=False):
        meeting = plan(group, at(2027, 7, 14, 18, 30))
    client.force_login(officer)
    response = client.get(reverse("meetings:calendar", args=[project.pk, meeting.pk]))
    calendar = read(response.content)
    assert calendar.method.value == "PUBLISH"
    assert calendar.vevent.organizer.value.startswith("mailto:")
    assert starts_utc(calendar) == [dt.datetime(2027, 7, 14, 17, 30, tzinfo=UTC)]
