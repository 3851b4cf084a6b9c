"""The agenda pack goes a set number of days before each meeting, by itself, exactly once."""

import datetime as dt

import time_machine
from django.core import mail

from meetings import services
from meetings.models import MeetingSettings
from tests.factories import GroupFactory

from .helpers import add_members, at, packs, recipients

NOW = at(2027, 1, 4, 9, 0)


def make_meeting(group, starts_at):
    return services.meeting_create(group=group, starts_at=starts_at, ends_at=starts_at + dt.timedelta(hours=2))


def test_meeting_planned_three_weeks_ahead_gets_its_pack_seven_days_before(db, run_tasks):
    group = GroupFactory()
    people = add_members(group, 3)
    with time_machine.travel(NOW, tick=False):
        meeting = make_meeting(group, NOW + dt.timedelta(weeks=3))
        run_tasks()
        assert packs() == []
    due = meeting.starts_at - dt.timedelta(days=7)
    with time_machine.travel(due - dt.timedelta(minutes=1), tick=False):
        run_tasks()
        assert packs() == []
    with time_machine.travel(due + dt.timedelta(minutes=1), tick=False):
        run_tasks()
    assert recipients(packs()) == sorted(p.email for p in people)
    meeting.refresh_from_db()
    assert meeting.pack_sent_at == due + dt.timedelta(minutes=1)


def test_meeting_planned_three_days_ahead_gets_its_pack_at_once(db, run_tasks):
    group = GroupFactory()
    people = add_members(group, 2)
    with time_machine.travel(NOW, tick=False):
        make_meeting(group, NOW + dt.timedelta(days=3))
        run_tasks()
    assert recipients(packs()) == sorted(p.email for p in people)


def test_moved_meeting_gets_its_pack_at_the_new_time_only(db, run_tasks):
    group = GroupFactory()
    people = add_members(group, 2)
    with time_machine.travel(NOW, tick=False):
        meeting = make_meeting(group, NOW + dt.timedelta(weeks=3))
        new_start = NOW + dt.timedelta(weeks=5)
        services.meeting_update(meeting=meeting, starts_at=new_start, ends_at=new_start + dt.timedelta(hours=2))
        run_tasks()
    # Members are told of the move at once (with the updated calendar entry) ...
    assert len([m for m in mail.outbox if m.subject.startswith("Meeting changed")]) == 2
    # ... but the task scheduled for the old time finds itself stale and sends nothing.
    with time_machine.travel(NOW + dt.timedelta(weeks=2, hours=1), tick=False):
        run_tasks()
        assert packs() == []
    with time_machine.travel(new_start - dt.timedelta(days=7) + dt.timedelta(minutes=1), tick=False):
        run_tasks()
        run_tasks()
    assert recipients(packs()) == sorted(p.email for p in people)


def test_cancelled_meeting_never_gets_a_pack(db, run_tasks):
    group = GroupFactory()
    add_members(group, 2)
    with time_machine.travel(NOW, tick=False):
        meeting = make_meeting(group, NOW + dt.timedelta(weeks=3))
        services.meeting_cancel(meeting=meeting)
        run_tasks()
    cancelled = [m for m in mail.outbox if m.subject.startswith("Cancelled")]
    assert len(cancelled) == 2
    assert "STATUS:CANCELLED" in str(cancelled[0].attachments[0][1])
    for days in (14, 7, 2, 0):
        with time_machine.travel(meeting.starts_at - dt.timedelta(days=days, minutes=-1), tick=False):
            run_tasks()
    assert packs() == []


def test_the_group_can_send_packs_further_ahead(db, run_tasks):
    group = GroupFactory()
    add_members(group, 1)
    MeetingSettings.objects.create(group=group, pack_days_before=10)
    with time_machine.travel(NOW, tick=False):
        meeting = make_meeting(group, NOW + dt.timedelta(weeks=3))
    with time_machine.travel(meeting.starts_at - dt.timedelta(days=10, minutes=-1), tick=False):
        run_tasks()
    assert len(packs()) == 1


def test_reminder_goes_two_days_before(db, run_tasks):
    group = GroupFactory()
    add_members(group, 2)
    with time_machine.travel(NOW, tick=False):
        meeting = make_meeting(group, NOW + dt.timedelta(weeks=3))
    with time_machine.travel(meeting.starts_at - dt.timedelta(days=2, minutes=-1), tick=False):
        run_tasks()
        run_tasks()
    reminders = [m for m in mail.outbox if m.subject.startswith("Reminder")]
    assert len(reminders) == 2


def test_members_who_asked_for_post_are_listed_instead_of_emailed(db, run_tasks):
    group = GroupFactory()
    emailed = add_members(group, 1)
    posted = add_members(group, 1, preferred_contact="post")
    with time_machine.travel(NOW, tick=False):
        meeting = make_meeting(group, NOW + dt.timedelta(days=3))
        run_tasks()
    assert recipients(packs()) == [emailed[0].email]
    assert [p.person for p in meeting.postings.all()] == posted


def reminders():
    return [m for m in mail.outbox if m.subject.startswith("Reminder")]


def test_reminder_still_goes_after_the_venue_changes(db, run_tasks):
    group = GroupFactory()
    add_members(group, 2)
    with time_machine.travel(NOW, tick=False):
        meeting = make_meeting(group, NOW + dt.timedelta(weeks=3))
        services.meeting_update(
            meeting=meeting, starts_at=meeting.starts_at, ends_at=meeting.ends_at, venue_name="The library"
        )
        run_tasks()
    with time_machine.travel(meeting.starts_at - dt.timedelta(days=2, minutes=-1), tick=False):
        run_tasks()
        run_tasks()
    assert len(reminders()) == 2


def test_meeting_postponed_after_its_reminder_gets_a_reminder_for_the_new_date(db, run_tasks):
    group = GroupFactory()
    add_members(group, 1)
    with time_machine.travel(NOW, tick=False):
        meeting = make_meeting(group, NOW + dt.timedelta(weeks=3))
    with time_machine.travel(meeting.starts_at - dt.timedelta(days=2, minutes=-1), tick=False):
        run_tasks()
        assert len(reminders()) == 1
        meeting.refresh_from_db()
        later = meeting.starts_at + dt.timedelta(weeks=2)
        services.meeting_update(meeting=meeting, starts_at=later, ends_at=later + dt.timedelta(hours=2))
        run_tasks()
    assert len(reminders()) == 1
    with time_machine.travel(later - dt.timedelta(days=2, minutes=-1), tick=False):
        run_tasks()
        run_tasks()
    assert len(reminders()) == 2


def test_a_later_change_of_place_does_not_send_the_reminder_again(db, run_tasks):
    group = GroupFactory()
    add_members(group, 1)
    with time_machine.travel(NOW, tick=False):
        meeting = make_meeting(group, NOW + dt.timedelta(weeks=3))
    with time_machine.travel(meeting.starts_at - dt.timedelta(days=2, minutes=-1), tick=False):
        run_tasks()
        meeting.refresh_from_db()
        services.meeting_update(
            meeting=meeting, starts_at=meeting.starts_at, ends_at=meeting.ends_at, venue_name="The library"
        )
        run_tasks()
        run_tasks()
    assert len(reminders()) == 1
