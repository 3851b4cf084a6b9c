import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from groups.models import AccessRecord, AccessViewLog, Membership, Person
from tests.factories import (
    AccessRecordFactory,
    GroupFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    ProjectRoleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(project):
    return GroupFactory(project=project)


@pytest.fixture
def member(group):
    membership = MembershipFactory(group=group, person__name="Alma Access")
    AccessRecordFactory(membership=membership, bsl=True, details="Needs a BSL interpreter booked in advance.")
    return membership


def access_url(member):
    return reverse("groups:member_access", args=[member.group.project_id, member.group_id, member.pk])


def logistics_url(group):
    return reverse("meetings:logistics", args=[group.project_id, group.pk])


@pytest.fixture
def secretariat_user(group):
    user = UserFactory(organisation=group.project.organisation, name="Sam Secretariat")
    person = PersonFactory(organisation=group.project.organisation, user=user)
    MembershipFactory(group=group, person=person, member_type="staff", position=Membership.Position.SECRETARIAT)
    return user


def test_lead_officer_sees_access_requirements_and_the_view_is_logged(client, officer, member):
    client.force_login(officer)

    page = client.get(access_url(member)).content.decode()

    assert "British Sign Language (BSL) interpreter" in page
    assert "Needs a BSL interpreter booked in advance." in page
    log = AccessViewLog.objects.get()
    assert (log.viewer, log.person, log.group, log.where) == (officer, member.person, member.group, "member")


def test_secretariat_sees_access_requirements_even_without_a_project_role(client, member, secretariat_user):
    client.force_login(secretariat_user)

    response = client.get(access_url(member))

    assert response.status_code == 200
    assert "Needs a BSL interpreter" in response.content.decode()
    assert AccessViewLog.objects.filter(viewer=secretariat_user, person=member.person).count() == 1


@pytest.mark.parametrize("role", ["support", "chair"])
def test_supporting_officer_and_chair_cannot_see_access_requirements(client, member, role):
    user = ProjectRoleFactory(project=member.group.project, role=role).user
    client.force_login(user)

    for url in [access_url(member), logistics_url(member.group)]:
        response = client.get(url)
        assert response.status_code == 403
        assert "BSL" not in response.content.decode()
    assert not AccessViewLog.objects.exists()


def test_member_page_hides_the_access_link_from_a_supporting_officer(client, member):
    user = ProjectRoleFactory(project=member.group.project, role="support").user
    client.force_login(user)

    page = client.get(
        reverse("groups:member_detail", args=[member.group.project_id, member.group_id, member.pk])
    ).content.decode()

    assert "Access requirements and support" not in page


def test_former_secretariat_loses_access(client, member, secretariat_user):
    Membership.objects.filter(person__user=secretariat_user).update(
        joined_on=timezone.localdate() - dt.timedelta(days=100), left_on=timezone.localdate() - dt.timedelta(days=1)
    )
    client.force_login(secretariat_user)

    assert client.get(access_url(member)).status_code == 404


def test_needs_are_recorded_only_with_consent(client, officer, group):
    membership = MembershipFactory(group=group)
    client.force_login(officer)

    response = client.post(access_url(membership), {"large_print": "on", "details": "Size 18"})

    assert "only when the member has agreed" in response.content.decode()
    assert not AccessRecord.objects.exists()

    client.post(access_url(membership), {"consent_given": "on", "consent_on": "2026-11-01", "large_print": "on"})
    assert AccessRecord.objects.get().large_print


def test_logistics_shows_who_needs_what_for_each_upcoming_meeting_and_logs_it(client, officer, group, member):
    MeetingFactory(group=group, title="First meeting", starts_at=timezone.now() + dt.timedelta(days=7))
    MeetingFactory(group=group, title="Cancelled", status="cancelled", starts_at=timezone.now() + dt.timedelta(days=9))
    MembershipFactory(group=group, person__name="Peter Paper", person__preferred_format=Person.Format.LARGE_PRINT)
    MembershipFactory(group=group, person__name="Nora Needsnothing", first_call_done=True)
    client.force_login(officer)

    page = client.get(logistics_url(group)).content.decode()

    assert "First meeting" in page and "Cancelled" not in page
    assert "Alma Access" in page and "Transport" in page and "Large print papers" in page
    assert "Papers: Large print" in page
    assert "A call before the first meeting (not done yet)" in page
    assert "Nora Needsnothing" not in page
    assert set(AccessViewLog.objects.values_list("person__name", flat=True)) == {"Alma Access", "Peter Paper"}


def test_logistics_names_a_paper_format_once_when_both_records_ask_for_it(client, officer, group):
    MeetingFactory(group=group, starts_at=timezone.now() + dt.timedelta(days=7))
    both = MembershipFactory(
        group=group,
        person__name="Dora Double",
        person__preferred_format=Person.Format.LARGE_PRINT,
        first_call_done=True,
    )
    AccessRecordFactory(membership=both, large_print=True)
    client.force_login(officer)

    page = client.get(logistics_url(group)).content.decode()

    assert "Large print papers" in page
    assert "Papers: Large print" not in page
