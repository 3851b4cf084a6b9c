"""Equality monitoring: anonymous answers through an emailed link, shown only in aggregate
with every breakdown under the minimum-number rule."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from projects.models import Project
from reporting.categories import CATEGORY_FIELDS
from reporting.figures import diversity
from reporting.models import MonitoringInvitation, MonitoringResponse, PopulationShare
from tests.factories import (
    GroupFactory,
    MembershipFactory,
    MonitoringInvitationFactory,
    MonitoringResponseFactory,
    ProjectFactory,
)


def _answers(project, n, **fields):
    for _ in range(n):
        MonitoringResponseFactory(project=project, **fields)


def _category(result, field):
    return {row.label: row for row in next(c for c in result.categories if c.field == field).rows}


def test_nothing_is_shown_below_the_minimum(project):
    _answers(project, 4, sex="female")
    result = diversity(Project.objects.filter(pk=project.pk), project.organisation)
    assert result.withheld and result.categories == []


def test_every_small_count_in_every_breakdown_is_withheld(project):
    # 9 answers: 6 female, 2 male, 1 prefer not to say (minimum 5).
    _answers(
        project, 6, sex="female", age_band="25_34", ethnicity="white", disability="no", carer="no", gender_same="yes"
    )
    _answers(
        project, 2, sex="male", age_band="75_plus", ethnicity="asian", disability="no", carer="yes", gender_same="yes"
    )
    _answers(project, 1, sex="prefer_not", age_band="prefer_not", ethnicity="prefer_not", disability="no", carer="no")
    result = diversity(Project.objects.filter(pk=project.pk), project.organisation)
    assert result.total == 9
    assert [c.field for c in result.categories] == CATEGORY_FIELDS
    for category in result.categories:
        for row in category.rows:
            assert row.count is None or row.count == 0 or row.count >= 5, (category.field, row.label, row.count)
    sex = _category(result, "sex")
    assert sex["Female"].count == 6 and sex["Female"].share == 67
    assert sex["Male"].count is None and sex["Prefer not to say"].count is None
    disability = _category(result, "disability")
    assert disability["No"].count == 9


def test_a_lone_small_count_takes_the_next_smallest_with_it(project):
    """Otherwise the withheld figure could be worked out by taking the others from the total."""
    _answers(project, 10, carer="no")
    _answers(project, 6, carer="yes")
    _answers(project, 2, carer="prefer_not")
    carer = _category(diversity(Project.objects.filter(pk=project.pk), project.organisation), "carer")
    assert carer["Prefer not to say"].count is None
    assert carer["Yes"].count is None
    assert carer["No"].count == 10


def test_population_shares_are_shown_beside_the_answers(project):
    PopulationShare.objects.create(organisation=project.organisation, category="sex", option="female", percent=51.2)
    _answers(project, 5, sex="female")
    sex = _category(diversity(Project.objects.filter(pk=project.pk), project.organisation), "sex")
    assert str(sex["Female"].population) == "51.2"
    assert sex["Male"].population is None


def test_report_page_withholds_diversity_below_minimum(client, officer, project):
    _answers(project, 3, sex="female")
    client.force_login(officer)
    page = client.get(reverse("reporting:project_report", args=[project.pk])).content.decode()
    assert "Fewer than 5 people have answered the equality monitoring form" in page


def test_csv_keeps_withheld_figures_withheld(client, officer, project):
    _answers(project, 6, sex="female")
    _answers(project, 2, sex="male")
    _answers(project, 3, sex="")
    client.force_login(officer)
    body = client.get(reverse("reporting:project_report_csv", args=[project.pk])).content.decode()
    assert f"Diversity,{project.title},Sex,Female,6" in body
    assert f"Diversity,{project.title},Sex,Male,withheld (fewer than 5 answers)" in body
    assert ",Sex,Male,2" not in body


@pytest.fixture
def invited(project, run_tasks, client, officer, django_capture_on_commit_callbacks):
    group = GroupFactory(project=project)
    MembershipFactory(group=group, person__email="ann@example.org")
    MembershipFactory(group=group, person__email="")  # no email: cannot be asked
    client.force_login(officer)
    response = client.post(reverse("reporting:monitoring", args=[project.pk]))
    assert response.status_code == 302
    run_tasks()
    client.logout()
    (message,) = mail.outbox
    return re.search(r"http://\S+/r/monitoring/(\S+)/", message.body).group(1)


def test_a_member_answers_once_through_their_link_and_nothing_ties_the_answer_to_them(client, project, invited):
    url = reverse("reporting_public:monitoring_answer", args=[invited])
    page = client.get(url)
    assert "What we do not keep" in page.content.decode()
    response = client.post(url, {"sex": "female", "ethnicity": "prefer_not"})
    assert "Thank you" in response.content.decode()
    answer = MonitoringResponse.objects.get()
    assert (answer.project, answer.sex, answer.ethnicity, answer.age_band) == (project, "female", "prefer_not", "")
    field_names = {f.name for f in MonitoringResponse._meta.get_fields()}
    assert field_names == {"id", "project", *CATEGORY_FIELDS}
    assert MonitoringInvitation.objects.get().completed
    again = client.post(url, {"sex": "male"})
    assert "You have already answered" in again.content.decode()
    assert MonitoringResponse.objects.count() == 1


def test_members_are_not_asked_twice(client, project, invited, officer, run_tasks):
    client.force_login(officer)
    client.post(reverse("reporting:monitoring", args=[project.pk]))
    run_tasks()
    assert MonitoringInvitation.objects.count() == 1
    assert len(mail.outbox) == 1


def test_an_unknown_link_is_not_found(client, db):
    MonitoringInvitationFactory()
    assert client.get(reverse("reporting_public:monitoring_answer", args=["not-a-real-token-" * 2])).status_code == 404


def test_organisation_areas_replace_the_default_list(client, project, invited):
    from reporting.models import MonitoringArea

    MonitoringArea.objects.create(organisation=project.organisation, name="Thatcham")
    page = client.get(reverse("reporting_public:monitoring_answer", args=[invited])).content.decode()
    assert "Thatcham" in page and "In a village or the countryside" not in page


def test_admin_saves_the_population_profile(client, org_admin):
    client.force_login(org_admin)
    response = client.post(reverse("reporting:population"), {"sex__female": "51.0", "sex__male": "49.0"})
    assert response.status_code == 302
    shares = dict(PopulationShare.objects.filter(organisation=org_admin.organisation).values_list("option", "percent"))
    assert {k: float(v) for k, v in shares.items()} == {"female": 51.0, "male": 49.0}


def test_population_shares_over_100_percent_are_refused(client, org_admin):
    client.force_login(org_admin)
    response = client.post(reverse("reporting:population"), {"sex__female": "70", "sex__male": "49"})
    assert response.status_code == 200
    assert not PopulationShare.objects.exists()


def test_other_projects_answers_do_not_leak_into_a_project(project):
    _answers(ProjectFactory(organisation=project.organisation), 8, sex="male")
    result = diversity(Project.objects.filter(pk=project.pk), project.organisation)
    assert result.total == 0


def test_monitoring_answers_have_random_keys_and_no_time():
    from django.db import models

    fields = MonitoringResponse._meta.get_fields()
    assert isinstance(MonitoringResponse._meta.pk, models.UUIDField)
    assert not [f for f in fields if isinstance(f, models.DateField | models.TimeField)]
    assert {f.name for f in fields if f.is_relation} == {"project"}
