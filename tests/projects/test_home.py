import datetime as dt

import time_machine
from django.urls import reverse

from projects.models import Project
from tests.factories import ActivityFactory, ProjectFactory, ProjectRoleFactory, UserFactory


@time_machine.travel(dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC))
def test_officer_home_shows_their_projects_with_stage_and_next_step(client, officer, project):
    ActivityFactory(objective__project=project, title="Done already", status="done", due_date=dt.date(2026, 1, 1))
    ActivityFactory(objective__project=project, title="Send the flyer", due_date=dt.date(2026, 5, 20))
    ActivityFactory(objective__project=project, title="Book a venue", due_date=dt.date(2026, 7, 1))
    not_mine = ProjectFactory(organisation=officer.organisation, title="Someone else's project")
    client.force_login(officer)
    page = client.get(reverse("home")).text
    assert "Your projects" in page
    assert project.title in page and "Planning" in page
    assert "Send the flyer" in page and "Overdue: was due 20 May 2026" in page
    assert "Book a venue" not in page
    assert not_mine.title not in page


@time_machine.travel(dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC))
def test_next_step_is_the_earliest_activity_not_done(project):
    ActivityFactory(objective__project=project, title="Undated")
    ActivityFactory(objective__project=project, title="Later", due_date=dt.date(2026, 8, 1))
    ActivityFactory(objective__project=project, title="Sooner", due_date=dt.date(2026, 7, 1))
    annotated = Project.objects.with_next_activity().get(pk=project.pk)
    assert (annotated.next_activity_title, annotated.next_activity_due) == ("Sooner", dt.date(2026, 7, 1))


def test_manager_home_shows_every_project_of_the_organisation(client, manager, project):
    other = ProjectFactory(organisation=manager.organisation)
    elsewhere = ProjectFactory()
    client.force_login(manager)
    page = client.get(reverse("home")).text
    assert "All projects" in page
    assert project.title in page and other.title in page and elsewhere.title not in page


def test_progress_counts_done_activities_across_objectives(project):
    ActivityFactory(objective__project=project, status="done")
    ActivityFactory(objective__project=project, status="in_progress")
    ActivityFactory(objective__project=project, status="done")
    annotated = Project.objects.with_progress().get(pk=project.pk)
    assert (annotated.activities_done, annotated.activities_total) == (2, 3)


def test_visible_to_and_editable_by(organisation, project, officer, manager, org_admin):
    chair = ProjectRoleFactory(project=project, role="chair", user__role="chair").user
    outsider = UserFactory(organisation=organisation)
    assert set(Project.objects.visible_to(chair)) == {project}
    assert not Project.objects.editable_by(chair).exists()
    assert not Project.objects.visible_to(outsider).exists()
    assert set(Project.objects.visible_to(manager)) == {project}
    assert not Project.objects.editable_by(manager).exists()
    assert set(Project.objects.editable_by(org_admin)) == {project}
    assert set(Project.objects.editable_by(officer)) == {project}


def test_home_queries_do_not_grow_with_projects(client, manager, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ProjectFactory(organisation=manager.organisation)
    client.force_login(manager)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("home"))
    for _ in range(5):
        ActivityFactory(objective__project=ProjectFactory(organisation=manager.organisation))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("home"))
