import pytest
from django.urls import reverse

from projects.models import ProjectRole
from tests.factories import OrganisationFactory, ProjectRoleFactory, UserFactory


@pytest.fixture
def lead(client, officer):
    client.force_login(officer)
    return client


def test_lead_adds_a_supporting_officer_and_a_chair(lead, organisation, project):
    colleague = UserFactory(organisation=organisation, name="Jo Evans")
    chair = UserFactory(organisation=organisation, role="chair", name="Margaret Hughes")
    lead.post(reverse("projects:team_add", args=[project.pk]), {"user": colleague.pk, "role": "support"})
    lead.post(reverse("projects:team_add", args=[project.pk]), {"user": chair.pk, "role": "chair"})
    assert set(project.roles.values_list("user__name", "role")) >= {
        ("Jo Evans", "support"),
        ("Margaret Hughes", "chair"),
    }
    page = lead.get(reverse("projects:team", args=[project.pk])).text
    assert "Jo Evans" in page and "Supporting officer" in page
    # Now Jo sees the project and can change its plan.
    lead.force_login(colleague)
    assert lead.get(reverse("projects:outcome_add", args=[project.pk])).status_code == 200


def test_someone_from_another_organisation_cannot_be_added(lead, project):
    stranger = UserFactory(organisation=OrganisationFactory())
    response = lead.post(reverse("projects:team_add", args=[project.pk]), {"user": stranger.pk, "role": "support"})
    assert response.status_code == 400
    assert "Choose a member of staff of this organisation." in response.text
    assert not project.roles.filter(user=stranger).exists()


def test_the_same_role_twice_is_refused(lead, officer, project):
    response = lead.post(reverse("projects:team_add", args=[project.pk]), {"user": officer.pk, "role": "lead"})
    assert "already on this project in that role" in response.text
    assert project.roles.count() == 1


def test_lead_removes_a_supporting_officer(lead, project):
    support = ProjectRoleFactory(project=project, role="support")
    lead.post(reverse("projects:team_remove", args=[project.pk, support.pk]))
    assert not ProjectRole.objects.filter(pk=support.pk).exists()


def test_the_last_lead_officer_cannot_be_removed(lead, officer, project):
    role = project.roles.get(user=officer)
    response = lead.post(reverse("projects:team_remove", args=[project.pk, role.pk]), follow=True)
    assert "A project needs at least one lead officer." in response.text
    assert ProjectRole.objects.filter(pk=role.pk).exists()
    second = ProjectRoleFactory(project=project, role="lead")
    lead.post(reverse("projects:team_remove", args=[project.pk, second.pk]))
    assert project.roles.filter(role="lead").count() == 1


def test_supporting_officer_cannot_change_the_team(client, organisation, project):
    support = ProjectRoleFactory(project=project, role="support").user
    client.force_login(support)
    page = client.get(reverse("projects:team", args=[project.pk])).text
    assert "Add someone to the team" not in page
    newcomer = UserFactory(organisation=organisation)
    response = client.post(reverse("projects:team_add", args=[project.pk]), {"user": newcomer.pk, "role": "lead"})
    assert response.status_code == 404
    assert not project.roles.filter(user=newcomer).exists()


def test_another_projects_role_cannot_be_removed_through_this_project(lead, organisation, project):
    other = ProjectRoleFactory(project__organisation=organisation, role="support")
    assert lead.post(reverse("projects:team_remove", args=[project.pk, other.pk])).status_code == 404
    assert ProjectRole.objects.filter(pk=other.pk).exists()
