"""Events as a way of taking part, checked against a hand-counted fixture: the people named
are counted once with every other way; the public who came are a number; hours at events."""

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import EventAttendance
from projects.models import Project
from reporting.figures import people_by_project, people_total
from reporting.participation import participation, participation_by_project
from tests.factories import (
    ApplicantFactory,
    AttendanceFactory,
    EventFactory,
    GroupFactory,
    MeetingFactory,
    MembershipFactory,
    ProjectFactory,
)


def _came(event, *people):
    for person in people:
        EventAttendance.objects.create(event=event, person=person)


@pytest.fixture
def world(organisation):
    """Project A: Ann (member) came to a meeting and to both events; Cat expressed interest,
    never joined, and came to the workshop, with 10 members of the public. Project B: Bob
    (member) came to its stall with 25 others."""
    a = ProjectFactory(organisation=organisation, title="A")
    b = ProjectFactory(organisation=organisation, title="B")
    group_a, group_b = GroupFactory(project=a), GroupFactory(project=b)
    ann = MembershipFactory(group=group_a, person__name="Ann").person
    cat = ApplicantFactory(round__group=group_a, person__name="Cat").person
    bob = MembershipFactory(group=group_b, person__name="Bob").person
    AttendanceFactory(meeting=MeetingFactory(group=group_a), person=ann, hours=Decimal("2"))
    workshop = EventFactory(project=a, title="Workshop", hours=Decimal("2"), other_attendees=10)
    visit = EventFactory(project=a, title="Visit to the depot", hours=None)
    _came(workshop, ann, cat)
    _came(visit, ann)
    _came(EventFactory(project=b, title="Stall", hours=Decimal("1.5"), other_attendees=25), bob)
    return a, b


def test_people_named_at_events_are_counted_once_with_every_other_way(world):
    a, b = world
    # A: Ann (member, meeting, two events) once, and Cat, who took part only at an event.
    assert people_by_project(Project.objects.all()) == {a.pk: 2, b.pk: 1}
    assert people_total(Project.objects.all()) == 3


def test_events_held_who_came_and_hours(world):
    a, _b = world
    p = participation(Project.objects.filter(pk=a.pk))
    assert (p.events, p.event_people, p.event_came) == (2, 2, 3 + 10)
    assert p.event_hours == 4.0  # Ann and Cat, 2 hours each at the workshop; the visit has no length
    assert p.hours == 2.0  # meetings are counted apart
    ways = {str(label): (value, str(unit)) for label, value, unit in p.ways}
    assert ways["Came to events (people on the project's records)"] == (2, "people")
    assert ways["Came to events, with people not named"] == (13, "attendances")
    across = participation(Project.objects.all())
    assert (across.events, across.event_people, across.event_came, across.event_hours) == (3, 3, 3 + 10 + 1 + 25, 5.5)


def test_events_per_project(world):
    a, b = world
    extra = participation_by_project([a.pk, b.pk])
    assert (extra[a.pk]["events"], extra[b.pk]["events"]) == (2, 1)


def test_counting_events_takes_the_same_queries_for_more_events(world, organisation):
    a, _b = world

    def counted():
        with CaptureQueriesContext(connection) as queries:
            participation(Project.objects.all())
            people_total(Project.objects.all())
        return len(queries)

    before = counted()
    for _ in range(3):
        event = EventFactory(project=a, other_attendees=4)
        _came(event, MembershipFactory(group=GroupFactory(project=a)).person)
    assert counted() == before


def test_dashboard_csv_and_project_report_show_events(client, world, manager):
    a, _b = world
    client.force_login(manager)
    page = " ".join(client.get(reverse("reporting:dashboard")).content.decode().split())
    assert "Came to events (people on the project&#x27;s records)" in page
    assert "Events held" in page
    report = client.get(reverse("reporting:project_report", args=[a.pk])).content.decode()
    assert "Hours contributed at events" in report
    content = client.get(reverse("reporting:project_report_csv", args=[a.pk])).content.decode()
    rows = {(row["measure"], row["category"]): row["value"] for row in csv.DictReader(io.StringIO(content))}
    assert rows[("Ways of taking part (attendances)", "Came to events, with people not named")] == "13"
    assert rows[("Hours contributed at events", "")] == "4.0"
