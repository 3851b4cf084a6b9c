import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from groups.models import Group, Membership
from tests.factories import GroupFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def _add(group, member_type, n=1, **kwargs):
    for _ in range(n):
        MembershipFactory(group=group, member_type=member_type, **kwargs)


def test_equal_council_people_and_residents_is_balanced_and_experts_are_counted_apart(project):
    group = GroupFactory(project=project)
    _add(group, Membership.Type.STAFF, 2)
    _add(group, Membership.Type.COUNCILLOR)
    _add(group, Membership.Type.RESIDENT)
    _add(group, Membership.Type.CARER)
    _add(group, Membership.Type.COMMUNITY)
    _add(group, Membership.Type.EXPERT, 2)

    balance = Group.objects.with_balance().get(pk=group.pk)

    assert (balance.council_count, balance.resident_count, balance.expert_count) == (3, 3, 2)
    assert balance.is_balanced


def test_more_council_people_than_residents_is_flagged_on_the_group_page(client, officer, project):
    group = GroupFactory(project=project)
    _add(group, Membership.Type.STAFF, 3)
    _add(group, Membership.Type.RESIDENT, 1)
    client.force_login(officer)

    page = client.get(group.get_absolute_url()).content.decode()

    assert "Not balanced:" in page
    assert "3 council people and 1 residents" in page


def test_people_who_left_or_have_not_joined_yet_do_not_count(project):
    group = GroupFactory(project=project)
    today = timezone.localdate()
    _add(group, Membership.Type.STAFF)
    _add(group, Membership.Type.RESIDENT)
    _add(group, Membership.Type.RESIDENT, joined_on=today - dt.timedelta(days=60), left_on=today - dt.timedelta(days=1))
    _add(group, Membership.Type.COUNCILLOR, joined_on=today + dt.timedelta(days=5))

    balance = Group.objects.with_balance().get(pk=group.pk)

    assert (balance.council_count, balance.resident_count) == (1, 1)
    assert balance.is_balanced


def test_balance_is_counted_in_one_query_for_every_group(client, officer, project, django_assert_max_num_queries):
    for _ in range(5):
        group = GroupFactory(project=project)
        _add(group, Membership.Type.STAFF, 2)
        _add(group, Membership.Type.RESIDENT, 2)
    client.force_login(officer)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("groups:list", args=[project.pk]))

    assert response.content.decode().count("Balanced") >= 5
