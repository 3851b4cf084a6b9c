"""Bulk data for `python -m reporting.bench`: attendance (with the way people took part and
hours contributed) and decisions at the meetings already held; two events per project, with
some members named as coming and members of the public counted."""

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from groups.models import Membership

from .models import Attendance, Decision, Event, EventAttendance


def seed(*, organisation, projects, groups, people, meetings, scale, rng):
    now = timezone.now()
    members = defaultdict(list)
    for group_id, person_id in Membership.objects.filter(group__in=groups).values_list("group_id", "person_id"):
        members[group_id].append(person_id)
    ways = [value for value, _label in Attendance.Way.choices] + [""]
    attendance, decisions = [], []
    for meeting in meetings:
        if meeting.status != "scheduled" or meeting.starts_at >= now:
            continue
        hours = Decimal((meeting.ends_at - meeting.starts_at).total_seconds() / 3600).quantize(Decimal("0.01"))
        for person_id in members[meeting.group_id]:
            roll = rng.random()
            status = "present" if roll < 0.75 else "apologies" if roll < 0.9 else "absent"
            attendance.append(
                Attendance(
                    meeting=meeting,
                    person_id=person_id,
                    status=status,
                    way=rng.choice(ways) if status == "present" else "",
                    hours=hours if status == "present" else None,
                )
            )
        for k in range(rng.randint(0, 2)):
            vote = rng.random() < 0.3
            decisions.append(
                Decision(
                    meeting=meeting,
                    text=f"Decision {k + 1}",
                    method="vote" if vote else "consensus",
                    votes_for=6 if vote else None,
                    votes_against=2 if vote else None,
                    votes_abstaining=1 if vote else None,
                    recommendation=rng.random() < 0.2,
                )
            )
    Attendance.objects.bulk_create(attendance, batch_size=2000)
    Decision.objects.bulk_create(decisions, batch_size=2000)
    _events(projects=projects, groups=groups, members=members, rng=rng)


def _events(*, projects, groups, members, rng):
    today = timezone.localdate()
    kinds = [value for value, _label in Event.Kind.choices]
    events = Event.objects.bulk_create(
        Event(
            project=project,
            title=f"Event {k + 1}",
            kind=rng.choice(kinds),
            date=today - timedelta(days=rng.randint(1, 500)),
            hours=Decimal(rng.choice(["1", "2", "3"])),
            other_attendees=rng.randint(0, 40),
        )
        for project in projects
        for k in range(2)
    )
    project_people = defaultdict(set)
    for group in groups:
        project_people[group.project_id].update(members[group.pk])
    EventAttendance.objects.bulk_create(
        (
            EventAttendance(event=event, person_id=person_id)
            for event in events
            for person_id in rng.sample(
                sorted(project_people[event.project_id]), min(5, len(project_people[event.project_id]))
            )
        ),
        batch_size=2000,
    )
