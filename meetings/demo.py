"""Demo meetings for each demo group: past meetings with attendance, notes, actions and
decisions, and a planned monthly series (second Tuesday) with agendas and a paper; and for each
project, events outside the meetings (a drop-in and a workshop held, an open day planned)."""

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from groups.models import Membership, Person

from . import services
from .models import Action, Attendance, Decision, Event, Meeting, Paper
from .services import LONDON, Pattern

# A one-page PDF, so the demo paper opens in any reader.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>"
    b"endobj\n4 0 obj<</Length 60>>stream\nBT /F1 18 Tf 72 770 Td (Survey results: summary for the group) Tj ET\n"
    b"endstream endobj\n5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)

VENUE = {
    "venue_name": "Shaw House",
    "venue_address": "Church Road, Newbury RG14 2DR",
    "step_free_access": True,
    "hearing_loop": True,
    "parking": "Free car park beside the house, with four blue-badge spaces",
    "public_transport": "Bus 1 or 2 to Shaw Hill; 15 minutes' walk from Newbury station",
    "breaks": "A 15-minute break halfway, with tea and coffee",
    "online_link": "https://meet.example.org/coproduction",
}


# What the first two meetings recorded: an agenda item with its notes, actions (due in days
# from today) and decisions.
RECORDS = [
    {
        "item": {
            "title": "How the group will work",
            "minutes": 40,
            "lead": "Chair",
            "description": "Terms of reference.",
        },
        "notes": "We talked through how the group will work and agreed to meet monthly on the second Tuesday.",
        "actions": [
            {"description": "Draft the terms of reference", "owner": "Secretariat", "status": "done"},
            {
                "description": "Find out about travel expenses for members",
                "owner": "Lead officer",
                "due": 14,
                "status": Action.Status.IN_PROGRESS,
            },
        ],
        "decisions": [{"text": "The group will meet monthly, on the second Tuesday."}],
    },
    {
        "item": {"title": "Draft terms of reference", "minutes": 45, "lead": "Chair"},
        "notes": "The draft was discussed; two changes were agreed on accessibility and on breaks.",
        "actions": [
            {"description": "Send the recommendation to the portfolio holder", "owner": "Lead officer", "due": 7},
        ],
        "decisions": [
            {
                "text": "Recommend that the council keeps the recycling centre open on Sunday mornings.",
                "method": Decision.Method.VOTE,
                "votes_for": 9,
                "votes_against": 2,
                "votes_abstaining": 1,
                "recommendation": True,
            }
        ],
    },
]
# Planned meetings: the first two have an agenda item with the demo paper.
FUTURE_ITEM = {
    "title": "Survey results",
    "minutes": 30,
    "lead": "Lead officer",
    "description": "What residents told us.",
}
FUTURE_WITH_PAPERS = 2
# Events held (days ago, who came: a slice of the project's people) and one planned.
HELD_EVENTS = [
    (
        {
            "title": "Drop-in at Newbury library",
            "kind": Event.Kind.DROP_IN,
            "hours": "2",
            "place": "Newbury library",
            "other_attendees": 34,
        },
        45,
        slice(0, 4),
    ),
    (
        {
            "title": "Workshop: what matters to you",
            "kind": Event.Kind.WORKSHOP,
            "hours": "3",
            "place": "Shaw House",
            "other_attendees": 6,
        },
        20,
        slice(2, 9),
    ),
]
PLANNED_EVENT = (
    {
        "title": "Open day",
        "kind": Event.Kind.COMMUNITY,
        "hours": "4",
        "place": "Newbury Market Place",
        "description": "A stall to tell people what the group has done so far and ask what comes next.",
    },
    24,
)


def _groups(context):
    groups = context.get("groups") or []
    return list(groups.values()) if isinstance(groups, dict) else list(groups)


def load(organisation, context):
    meetings = []
    for group in _groups(context):
        if Meeting.objects.filter(group=group).exists():
            meetings.extend(Meeting.objects.filter(group=group))
            continue
        meetings.extend(_past_meetings(group))
        meetings.extend(_future_meetings(group))
    context["meetings"] = meetings
    for project in {group.project for group in _groups(context)}:
        if not project.events.exists():
            _events(project)


def _at(day, hour):
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=LONDON)


def _second_tuesday(year, month):
    day = dt.date(year, month, 8)
    return day + dt.timedelta(days=(1 - day.weekday()) % 7)


def _past_second_tuesdays(today, since, count):
    """Up to ``count`` second Tuesdays before today and on or after ``since``, oldest first."""
    year, month = today.year, today.month
    days = []
    while len(days) < count:
        day = _second_tuesday(year, month)
        if day < since:
            break
        if day < today:
            days.append(day)
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return days[::-1]


def _past_meetings(group):
    # Up to five past meetings on the group's usual second Tuesday since the project began,
    # so the reflection demo has rounds after the first meeting to show a trend.
    today = timezone.localdate()
    past = []
    for day in _past_second_tuesdays(today, group.project.start_date, 5):
        meeting = services.meeting_create(
            group=group, starts_at=_at(day, 14), ends_at=_at(day, 16), title=f"{group.name} meeting", **VENUE
        )
        past.append(meeting)
    members = list(Membership.objects.filter(group=group).select_related("person"))
    for meeting in past:
        for index, membership in enumerate(members):
            present = index % 5 != 4
            Attendance.objects.get_or_create(
                meeting=meeting,
                person=membership.person,
                defaults={
                    "status": Attendance.Status.PRESENT if present else Attendance.Status.APOLOGIES,
                    "hours": 2 if present else None,
                },
            )
    for meeting, record in zip(past, RECORDS, strict=False):
        _meeting_record(meeting, record)
    # Past notes are shown as approved; the demo does not email people about old meetings.
    Meeting.objects.filter(pk__in=[m.pk for m in past]).update(
        notes_status=Meeting.NotesStatus.APPROVED, notes_approved_at=timezone.now()
    )
    return past


def _meeting_record(meeting, record):
    item = services.item_add(meeting=meeting, **record["item"])
    item.notes = record["notes"]
    item.save(update_fields=["notes"])
    today = timezone.localdate()
    for action in record["actions"]:
        due = action.get("due")
        fields = {k: v for k, v in action.items() if k != "due"}
        Action.objects.create(
            meeting=meeting, item=item, due_date=today + dt.timedelta(days=due) if due else None, **fields
        )
    for decision in record["decisions"]:
        Decision.objects.create(meeting=meeting, item=item, **decision)


def _future_meetings(group):
    today = timezone.localdate()
    month = today.replace(day=1) + dt.timedelta(days=32)
    first_date = _second_tuesday(month.year, month.month)
    future = services.series_plan(
        group=group,
        pattern=Pattern.MONTHLY,
        first_date=first_date,
        count=4,
        start_time=dt.time(14, 0),
        end_time=dt.time(16, 0),
        details={"title": f"{group.name} meeting", "access_notes": "", **VENUE},
        description="Monthly, on the second Tuesday",
    )
    for meeting in future[:FUTURE_WITH_PAPERS]:
        item = services.item_add(meeting=meeting, **FUTURE_ITEM)
        paper = Paper(
            item=item,
            title="Survey results summary",
            original_name="survey-results.pdf",
            content_type="application/pdf",
        )
        paper.size = len(DEMO_PDF)
        paper.file.save("survey-results.pdf", ContentFile(DEMO_PDF), save=False)
        paper.save()
    return future


def _events(project):
    today = timezone.localdate()
    people = list(Person.objects.of_project(project)[:12])
    for fields, days_ago, came in HELD_EVENTS:
        day = max(today - dt.timedelta(days=days_ago), project.start_date)
        if day > today:  # a project not yet begun has held no events
            continue
        services.event_save(event=Event(project=project, date=day, **fields), people=people[came])
    fields, days_ahead = PLANNED_EVENT
    services.event_save(event=Event(project=project, date=today + dt.timedelta(days=days_ahead), **fields), people=[])
