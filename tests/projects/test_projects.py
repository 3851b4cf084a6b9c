import datetime as dt

import pytest
from django.urls import reverse

from projects import guide
from projects.models import Outcome, Project, ProjectRole, Stage, StageRecord
from tests.factories import OrganisationFactory, ProjectFactory, ProjectRoleFactory, UserFactory

NEW = {
    "title": "Community energy guidance note",
    "service_area": "Environment",
    "aim": "For residents and West Berkshire Council to work together in equal partnership to write a guide.",
    "start_date": "2026-03-02",
    "end_date": "2026-12-18",
}


def test_officer_creates_a_project_from_the_guides_template(client, officer):
    client.force_login(officer)
    page = client.get(reverse("projects:create"))
    assert "For residents and West Berkshire Council to work together in equal partnership to" in page.text

    response = client.post(reverse("projects:create"), NEW)

    project = Project.objects.get()
    assert response.url == project.get_absolute_url()
    assert project.roles.get().user == officer and project.roles.get().role == ProjectRole.Role.LEAD
    outcomes = list(project.outcomes.all())
    assert [o.number for o in outcomes] == [1, 2, 3, 4, 5]
    assert outcomes[0].title == str(guide.COPRODUCTION_OUTCOMES[0][1])
    assert outcomes[4].kind == Outcome.Kind.SERVICE
    assert outcomes[0].measures.count() == 4
    assert [o.title for o in project.objectives.all()] == [str(t) for t in guide.STANDARD_OBJECTIVES]
    assert set(project.objectives.first().outcomes.values_list("number", flat=True)) == {1, 2, 3, 4}
    record = StageRecord.objects.get(project=project)
    assert record.stage == Stage.PLANNING and record.began_on == dt.date(2026, 3, 2)
    assert "I have been able to influence the work of this project." in client.get(project.get_absolute_url()).text


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"title": ""}, "title", "This field is required."),
        ({"title": "x" * 201}, "title", "Ensure this value has at most 200 characters"),
        ({"aim": "x" * 2001}, "aim", "Ensure this value has at most 2000 characters"),
        ({"end_date": "2026-03-01"}, "end_date", "The end date must be on or after the start date."),
        ({"start_date": "2 March"}, "start_date", "Enter a valid date."),
    ],
)
def test_bad_project_details_are_explained_and_nothing_is_stored(client, officer, change, field, message):
    client.force_login(officer)
    response = client.post(reverse("projects:create"), {**NEW, **change})
    assert response.status_code == 200
    assert message in response.text
    assert "There is a problem" in response.text
    assert f'href="#id_{field}"' in response.text
    assert not Project.objects.exists()


def test_chair_cannot_create_a_project(client, organisation):
    chair = UserFactory(organisation=organisation, role="chair")
    client.force_login(chair)
    assert client.post(reverse("projects:create"), NEW).status_code == 403
    assert not Project.objects.exists()


def test_lead_edits_project_details(client, officer, project):
    client.force_login(officer)
    data = {**NEW, "title": "Renamed", "start_date": project.start_date.isoformat(), "end_date": ""}
    response = client.post(reverse("projects:edit", args=[project.pk]), data)
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "Renamed" and project.end_date is None


def test_edit_rejects_an_end_before_the_start(client, officer, project):
    client.force_login(officer)
    data = {**NEW, "start_date": "2026-05-01", "end_date": "2026-04-30"}
    response = client.post(reverse("projects:edit", args=[project.pk]), data)
    assert "The end date must be on or after the start date." in response.text
    project.refresh_from_db()
    assert project.title != NEW["title"]


def test_database_refuses_an_end_before_the_start(db):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        ProjectFactory(start_date=dt.date(2026, 5, 1), end_date=dt.date(2026, 4, 1))


def test_moving_to_the_next_stage_records_when_and_how_residents_were_involved(client, officer, project):
    StageRecord.objects.create(project=project, stage=Stage.PLANNING, began_on=project.start_date)
    client.force_login(officer)
    began = project.start_date + dt.timedelta(days=10)
    response = client.post(
        reverse("projects:advance", args=[project.pk]),
        {"began_on": began.isoformat(), "resident_involvement": "Residents ran the first workshop."},
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.stage == Stage.DELIVERING
    record = project.stage_records.get(stage=Stage.DELIVERING)
    assert record.began_on == began and record.resident_involvement == "Residents ran the first workshop."
    page = client.get(project.get_absolute_url()).text
    assert "Carrying out the plan" in page and "Residents ran the first workshop." in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"began_on": "2020-01-01", "resident_involvement": "Workshop"}, "cannot begin before the current stage"),
        ({"began_on": "", "resident_involvement": "Workshop"}, "This field is required."),
        ({"began_on": "2026-06-01", "resident_involvement": ""}, "This field is required."),
        ({"began_on": "2026-06-01", "resident_involvement": "x" * 4001}, "at most 4000 characters"),
    ],
)
def test_bad_stage_change_is_explained_and_nothing_is_stored(client, officer, project, data, message):
    project.start_date = dt.date(2026, 1, 5)
    project.save()
    StageRecord.objects.create(project=project, stage=Stage.PLANNING, began_on=project.start_date)
    client.force_login(officer)
    response = client.post(reverse("projects:advance", args=[project.pk]), data)
    assert message in response.text
    project.refresh_from_db()
    assert project.stage == Stage.PLANNING and project.stage_records.count() == 1


def test_a_project_at_its_last_stage_does_not_move(client, officer, project):
    project.stage = Stage.REFLECTING
    project.save()
    client.force_login(officer)
    page = client.get(reverse("projects:advance", args=[project.pk]))
    assert "already at its last stage" in page.text
    client.post(reverse("projects:advance", args=[project.pk]), {"began_on": "2030-01-01", "resident_involvement": "x"})
    assert not project.stage_records.exists()


def test_another_organisations_project_is_not_found(client, project):
    stranger = UserFactory(organisation=OrganisationFactory(), role="admin")
    client.force_login(stranger)
    for name in ["projects:detail", "projects:edit", "projects:advance", "projects:team"]:
        assert client.get(reverse(name, args=[project.pk])).status_code == 404


def test_officer_without_a_role_cannot_see_a_project(client, organisation, project):
    client.force_login(UserFactory(organisation=organisation))
    assert client.get(project.get_absolute_url()).status_code == 404


def test_chair_sees_the_project_but_not_its_editing_controls(client, organisation, project):
    chair = ProjectRoleFactory(project=project, role="chair", user__role="chair").user
    client.force_login(chair)
    page = client.get(project.get_absolute_url()).text
    assert project.title in page
    assert reverse("projects:edit", args=[project.pk]) not in page
