"""Calendars, updated papers, notes circulated, actions carried forward."""

import datetime as dt

import time_machine
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from meetings import services
from meetings.models import Action, Meeting
from meetings.tokens import member_link_revoke, member_token
from tests.factories import ActionFactory, DecisionFactory, GroupFactory, MembershipFactory

from .helpers import add_members, at

NOW = at(2027, 2, 1, 9, 0)


def plan(group, start, **details):
    return services.meeting_create(group=group, starts_at=start, ends_at=start + dt.timedelta(hours=2), **details)


def events(content):
    return list(Calendar.from_ical(content).walk("VEVENT"))


def test_a_members_feed_keeps_the_uid_and_raises_the_sequence_when_a_meeting_moves(client, db):
    group = GroupFactory()
    person = MembershipFactory(group=group).person
    with time_machine.travel(NOW, tick=False):
        meeting = plan(group, NOW + dt.timedelta(weeks=3))
        other = plan(group, NOW + dt.timedelta(weeks=7))
        url = reverse("meetings_public:calendar", args=[member_token(group=group, person=person)])
        before = {str(e["UID"]): e for e in events(client.get(url).content)}
        new_start = NOW + dt.timedelta(weeks=4)
        services.meeting_update(meeting=meeting, starts_at=new_start, ends_at=new_start + dt.timedelta(hours=2))
        services.meeting_cancel(meeting=other)
        after = {str(e["UID"]): e for e in events(client.get(url).content)}
    assert before.keys() == after.keys()
    uid = f"meeting-{meeting.pk}@127.0.0.1"
    assert int(after[uid]["SEQUENCE"]) == int(before[uid]["SEQUENCE"]) + 1
    assert after[uid].decoded("DTSTART") == new_start
    assert str(after[f"meeting-{other.pk}@127.0.0.1"]["STATUS"]) == "CANCELLED"


def test_a_revoked_calendar_link_stops_working(client, db):
    group = GroupFactory()
    person = MembershipFactory(group=group).person
    old = member_token(group=group, person=person)
    member_link_revoke(group=group, person=person)
    assert client.get(reverse("meetings_public:calendar", args=[old])).status_code == 404
    new = member_token(group=group, person=person)
    assert client.get(reverse("meetings_public:calendar", args=[new])).status_code == 200


def test_papers_changed_after_the_pack_went_send_one_updated_papers_email(db, run_tasks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    group = GroupFactory()
    add_members(group, 2)
    with time_machine.travel(NOW, tick=False):
        meeting = plan(group, NOW + dt.timedelta(days=3))
        run_tasks()
        item = services.item_add(meeting=meeting, title="Budget", minutes=20)
        upload = SimpleUploadedFile("budget.pdf", b"%PDF-1.4\n")
        paper = services.paper_add(item=item, title="Budget 2027", upload=upload, content_type="application/pdf")
        services.paper_remove(paper=paper)
        run_tasks()
        assert not [m for m in mail.outbox if m.subject.startswith("Updated papers")]
    with time_machine.travel(NOW + dt.timedelta(minutes=11), tick=False):
        run_tasks()
        run_tasks()
    updates = [m for m in mail.outbox if m.subject.startswith("Updated papers")]
    assert len(updates) == 2
    assert "New paper: Budget 2027" in updates[0].body
    assert "Withdrawn: Budget 2027" in updates[0].body


def test_approved_notes_are_emailed_to_every_member_once(client, officer, project, run_tasks):
    group = GroupFactory(project=project)
    people = add_members(group, 3)
    with time_machine.travel(NOW, tick=False):
        meeting = plan(group, NOW + dt.timedelta(days=10))
    DecisionFactory(
        meeting=meeting, text="Open on Sundays", method="vote", votes_for=7, votes_against=2, votes_abstaining=1
    )
    url = reverse("meetings:notes_approve", args=[project.pk, meeting.pk])
    with time_machine.travel(meeting.ends_at + dt.timedelta(days=1), tick=False):
        client.force_login(officer)
        client.post(url)
        client.post(url)
        run_tasks()
    notes = [m for m in mail.outbox if m.subject.startswith("Notes")]
    assert sorted(m.to[0] for m in notes) == sorted(p.email for p in people)
    assert "Open on Sundays" in notes[0].body and "7 for, 2 against, 1 abstaining" in notes[0].body
    assert Meeting.objects.get().notes_status == "approved"


def test_open_actions_are_carried_to_the_next_meetings_matters_arising_until_done(client, officer, project):
    group = GroupFactory(project=project)
    first = plan(group, at(2030, 1, 8, 14, 0))
    second = plan(group, at(2030, 2, 12, 14, 0))
    third = plan(group, at(2030, 3, 12, 14, 0))
    action = ActionFactory(meeting=first, description="Ask the depot about Sunday opening")
    client.force_login(officer)
    for meeting in (second, third):
        page = client.get(reverse("meetings:detail", args=[project.pk, meeting.pk])).text
        assert "Ask the depot about Sunday opening" in page
    assert [i.kind for i in second.agenda_items.all()] == ["welcome", "ground_rules", "matters_arising", "reflection"]
    Action.objects.filter(pk=action.pk).update(status="done")
    page = client.get(reverse("meetings:detail", args=[project.pk, third.pk])).text
    assert "Ask the depot about Sunday opening" not in page


def test_monthly_series_falls_on_the_second_tuesday(db):
    import datetime

    days = services.series_dates(pattern="monthly", first_date=datetime.date(2027, 1, 12), count=6)
    assert days == [
        datetime.date(2027, 1, 12),
        datetime.date(2027, 2, 9),
        datetime.date(2027, 3, 9),
        datetime.date(2027, 4, 13),
        datetime.date(2027, 5, 11),
        datetime.date(2027, 6, 8),
    ]
    assert all(d.weekday() == 1 and 8 <= d.day <= 14 for d in days)


def test_meetings_are_planned_in_london_time_across_the_clock_change(client, officer, project):
    group = GroupFactory(project=project)
    client.force_login(officer)
    response = client.post(
        reverse("meetings:plan", args=[project.pk]),
        {
            "group": group.pk,
            "pattern": "monthly",
            "first_date": "2030-02-12",
            "count": 3,
            "start_time": "14:00",
            "end_time": "16:00",
            "venue_name": "Shaw House",
            "step_free_access": "on",
        },
    )
    assert response.status_code == 302
    meetings = list(Meeting.objects.all())
    assert [m.starts_at.astimezone(at(2030, 1, 1).tzinfo).hour for m in meetings] == [14, 14, 14]
    assert [m.starts_at.hour for m in meetings] == [14, 14, 13]  # UTC: GMT, GMT, then BST
    assert all(m.step_free_access and m.series_id == meetings[0].series_id for m in meetings)


def test_notes_cannot_be_approved_and_sent_before_the_meeting_or_when_it_is_cancelled(
    client, officer, project, run_tasks
):
    group = GroupFactory(project=project)
    add_members(group, 2)
    with time_machine.travel(NOW, tick=False):
        client.force_login(officer)
        meeting = plan(group, NOW + dt.timedelta(days=10))
        detail = reverse("meetings:detail", args=[project.pk, meeting.pk])
        assert "Approve the notes and email them" not in client.get(detail).text
        response = client.post(reverse("meetings:notes_approve", args=[project.pk, meeting.pk]), follow=True)
        assert "once the meeting has ended" in response.text
        cancelled = plan(group, NOW - dt.timedelta(days=3))
        services.meeting_cancel(meeting=cancelled)
        client.post(reverse("meetings:notes_approve", args=[project.pk, cancelled.pk]))
        run_tasks()
    assert [m for m in mail.outbox if m.subject.startswith("Notes")] == []
    assert set(Meeting.objects.values_list("notes_status", flat=True)) == {"draft"}


def test_each_meeting_of_a_series_is_named_with_its_date(client, officer, project):
    group = GroupFactory(project=project, name="Library group")
    first = plan(group, at(2030, 1, 8, 14, 0), title="Library group meeting")
    plan(group, at(2030, 2, 12, 14, 0), title="Library group meeting")
    client.force_login(officer)
    page = client.get(reverse("meetings:detail", args=[project.pk, first.pk])).text
    assert "<title>Library group meeting, 8 January 2030" in page
    listing = client.get(reverse("meetings:list", args=[project.pk])).text
    assert "Library group meeting, 12 February 2030</a>" in listing


def test_notes_cannot_be_approved_while_the_meeting_is_still_going_on(client, officer, project):
    group = GroupFactory(project=project)
    with time_machine.travel(NOW, tick=False):
        meeting = plan(group, NOW + dt.timedelta(days=1))
    approve = reverse("meetings:notes_approve", args=[project.pk, meeting.pk])
    with time_machine.travel(meeting.starts_at + dt.timedelta(minutes=30), tick=False):
        client.force_login(officer)
        client.post(approve)
        assert Meeting.objects.get(pk=meeting.pk).notes_status == "draft"
    with time_machine.travel(meeting.ends_at + dt.timedelta(minutes=1), tick=False):
        client.force_login(officer)
        client.post(approve)
        assert Meeting.objects.get(pk=meeting.pk).notes_status == "approved"
