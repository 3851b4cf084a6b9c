"""Engagement figures checked against small, hand-counted fixtures."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groups.models import Membership
from projects.models import Project
from reporting.figures import engagement_rows, engagement_totals, projects_filtered
from tests.factories import (
    ActivityFactory,
    AttendanceFactory,
    EventFactory,
    GroupFactory,
    MeetingFactory,
    MembershipFactory,
    ObjectiveFactory,
    PersonFactory,
    ProjectFactory,
    ProjectRoleFactory,
    QuestionnaireFactory,
    ReflectionInvitationFactory,
    ReflectionRoundFactory,
)

TODAY = dt.date(2026, 6, 30)


@pytest.fixture
def two_projects(organisation):
    """Project A: two groups. Ann sits on both (and is counted once); Bob is a councillor;
    Cat left. Project B: Ann again (counted once across projects), and Dan, a subject expert."""
    a = ProjectFactory(organisation=organisation, title="A", stage="delivering", service_area="Environment")
    b = ProjectFactory(organisation=organisation, title="B", stage="planning", service_area="Housing")
    a1, a2, b1 = GroupFactory(project=a), GroupFactory(project=a), GroupFactory(project=b)
    ann, bob, cat, dan = (PersonFactory(organisation=organisation, name=n) for n in ["Ann", "Bob", "Cat", "Dan"])
    MembershipFactory(group=a1, person=ann, joined_on=dt.date(2026, 1, 1))  # 180 days to 30 June
    MembershipFactory(group=a2, person=ann, joined_on=dt.date(2026, 3, 31))  # 91 days
    MembershipFactory(group=a1, person=bob, member_type=Membership.Type.COUNCILLOR, joined_on=dt.date(2026, 5, 31))
    MembershipFactory(
        group=a1, person=cat, member_type="carer", joined_on=dt.date(2026, 1, 1), left_on=dt.date(2026, 1, 31)
    )
    MembershipFactory(group=b1, person=ann, joined_on=dt.date(2026, 6, 20))
    MembershipFactory(group=b1, person=dan, member_type=Membership.Type.EXPERT, joined_on=dt.date(2026, 6, 20))
    now = timezone.now()
    MeetingFactory(group=a1, starts_at=now - dt.timedelta(days=30), ends_at=now - dt.timedelta(days=30, hours=-2))
    MeetingFactory(group=a2, starts_at=now - dt.timedelta(days=10), ends_at=now - dt.timedelta(days=10, minutes=-90))
    MeetingFactory(
        group=a1, starts_at=now - dt.timedelta(days=5), ends_at=now - dt.timedelta(days=5, hours=-1), status="cancelled"
    )
    MeetingFactory(group=a1, starts_at=now + dt.timedelta(days=5), ends_at=now + dt.timedelta(days=5, hours=2))
    objective = ObjectiveFactory(project=a)
    ActivityFactory(objective=objective, status="done")
    ActivityFactory(objective=objective)
    return a, b


def test_a_person_on_two_groups_of_a_project_is_counted_once(two_projects):
    rows = {row.project.title: row for row in engagement_rows(Project.objects.all(), TODAY)}
    a, b = rows["A"], rows["B"]
    assert (a.people, a.members, a.council, a.residents) == (3, 3, 1, 2)  # Ann, Bob, Cat
    assert (b.members, b.council, b.residents) == (2, 0, 1)  # Ann, Dan (an expert is neither)
    assert a.council_share == 33
    assert (a.meetings_held, a.meetings_planned, a.meeting_hours) == (2, 1, 3.5)
    assert (a.activities_done, a.activities_total, a.groups) == (1, 2, 2)


def test_totals_count_each_person_once_across_projects(two_projects):
    totals = engagement_totals(Project.objects.all(), TODAY)
    assert totals.people == totals.members == 4  # Ann, Bob, Cat, Dan
    assert (totals.council, totals.residents, totals.memberships) == (1, 2, 6)
    assert dict(totals.by_stage) == {"Planning": 1, "Carrying out the plan": 1, "Reflecting and learning": 0}
    assert totals.meetings_held == 2 and totals.meeting_hours == 3.5


def test_months_on_the_group_averages_every_membership(two_projects):
    rows = {row.project.title: row for row in engagement_rows(Project.objects.all(), TODAY)}
    # A: Ann 180 and 91 days, Bob 30, Cat 30: average 82.75 days.
    assert rows["A"].months_on_group == round(82.75 / 30.44, 1)
    # B: 10 days each.
    assert rows["B"].months_on_group == round(10 / 30.44, 1)


def test_filters_by_service_area_stage_and_year(two_projects, organisation):
    ProjectFactory(organisation=organisation, title="Old", start_date=dt.date(2020, 1, 1), end_date=dt.date(2021, 3, 1))
    everything = Project.objects.filter(organisation=organisation)
    assert [p.title for p in projects_filtered(everything, service_area="Housing")] == ["B"]
    assert [p.title for p in projects_filtered(everything, stage="delivering")] == ["A"]
    assert [p.title for p in projects_filtered(everything, year=2021)] == ["Old"]


def _dashboard_queries(client, user, **params):
    client.force_login(user)
    client.get(reverse("reporting:dashboard"))  # warm the session and caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("reporting:dashboard"), params)
    assert response.status_code == 200
    return len(queries)


def _add_projects(organisation, count):
    for _ in range(count):
        project = ProjectFactory(organisation=organisation)
        group = GroupFactory(project=project)
        MembershipFactory(group=group)
        MeetingFactory(group=group)


def test_dashboard_query_count_does_not_grow_with_projects(client, organisation, manager):
    _add_projects(organisation, 2)
    # Worked out (fresh) and as kept from the last view alike.
    few = _dashboard_queries(client, manager, fresh="1"), _dashboard_queries(client, manager)
    _add_projects(organisation, 18)
    assert (_dashboard_queries(client, manager, fresh="1"), _dashboard_queries(client, manager)) == few
    assert few[1] < few[0]


def test_dashboard_shows_an_officer_only_their_projects(client, organisation, officer, project):
    ProjectFactory(organisation=organisation, title="Someone else's project")
    client.force_login(officer)
    page = client.get(reverse("reporting:dashboard")).content.decode()
    assert project.title in page
    assert "Someone else&#x27;s project" not in page and "Someone else's project" not in page


def test_dashboard_never_shows_another_organisations_projects(client, manager):
    ProjectFactory(title="Across the border")
    client.force_login(manager)
    assert "Across the border" not in client.get(reverse("reporting:dashboard")).content.decode()


def test_manager_sees_every_project_of_their_organisation(client, organisation, manager):
    ProjectRoleFactory(project__organisation=organisation, project__title="Led by someone")
    client.force_login(manager)
    assert "Led by someone" in client.get(reverse("reporting:dashboard")).content.decode()


def test_every_way_of_taking_part_counts_each_person_once(two_projects):
    """Ann, a member, also came to a meeting and an event, answered a questionnaire and a
    reflection round; Eve, not a member, did all of those too: each is counted once."""
    from groups.models import Person
    from meetings.models import EventAttendance
    from outcomes.models import Invitation

    a, _b = two_projects
    eve = PersonFactory(organisation=a.organisation, name="Eve")
    ann = Person.objects.get(name="Ann")
    meeting = a.groups.first().meetings.first()
    event = EventFactory(project=a)
    questionnaire = QuestionnaireFactory(project=a)
    reflection = ReflectionRoundFactory(group=meeting.group)
    for person in (ann, eve):
        AttendanceFactory(meeting=meeting, person=person)
        EventAttendance.objects.create(event=event, person=person)
        Invitation.objects.create(
            questionnaire=questionnaire,
            person=person,
            audience="residents",
            token_hash=f"{person.pk:064x}",
            completed=True,
        )
        ReflectionInvitationFactory(round=reflection, person=person, completed=True)
    rows = {row.project.title: row for row in engagement_rows(Project.objects.all(), TODAY)}
    assert (rows["A"].people, rows["A"].members) == (4, 3)
    assert engagement_totals(Project.objects.all(), TODAY).people == 5
