"""The record of who has seen members' access requirements can be read by the lead officer
and organisation admins, in the app."""

from django.urls import reverse

from tests.factories import AccessRecordFactory, GroupFactory, MembershipFactory, UserFactory
from tests.html import rows


def test_the_lead_officer_sees_who_looked_at_whose_access_requirements_and_where(client, officer, project):
    group = GroupFactory(project=project)
    membership = MembershipFactory(group=group, person__name="Rhiannon Price")
    AccessRecordFactory(membership=membership)
    client.force_login(officer)
    client.get(reverse("groups:member_access", args=[project.pk, group.pk, membership.pk]))
    client.get(reverse("meetings:logistics", args=[project.pk, group.pk]))
    detail = client.get(reverse("groups:detail", args=[project.pk, group.pk]))
    assert "Who has seen access requirements" in detail.text
    page = client.get(reverse("groups:access_log", args=[project.pk, group.pk]))
    table = rows(page, "table")
    assert table[0] == ["When", "Who looked", "Whose", "Where"]
    seen = {(row[1], row[2], row[3]) for row in table[1:]}
    assert ("Olive Officer", "Rhiannon Price", "the member's access page") in seen


def test_a_manager_who_sees_the_group_cannot_read_the_log(client, organisation, project):
    group = GroupFactory(project=project)
    manager = UserFactory(organisation=organisation, role="manager")
    client.force_login(manager)
    assert client.get(reverse("groups:access_log", args=[project.pk, group.pk])).status_code == 403
    assert (
        "Who has seen access requirements" not in client.get(reverse("groups:detail", args=[project.pk, group.pk])).text
    )
