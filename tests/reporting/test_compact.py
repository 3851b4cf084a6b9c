"""A large council's reports stay quick: the dashboard's per-project tables show one page of
projects at a time (same queries on every page), and the across-projects PDF has one
per-project table (the projects and their aims) instead of a long table per section."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reporting.report import PROJECTS_PER_PAGE
from tests.factories import GroupFactory, MembershipFactory, ProjectFactory
from tests.helpers import pdf_text, report_export


@pytest.fixture
def many_projects(organisation):
    projects = [
        ProjectFactory(organisation=organisation, title=f"Project {i:02d}", aim=f"Aim of project {i:02d}.")
        for i in range(PROJECTS_PER_PAGE + 5)
    ]
    MembershipFactory(group=GroupFactory(project=projects[0]))
    return projects


def _rows(html, css_class):
    table = html.split(f'class="table table-sm caption-top {css_class}"', 1)[1].split("</table>", 1)[0]
    return table.split("<tbody>", 1)[1].count("<tr>")


def test_the_dashboard_shows_one_page_of_projects_in_every_per_project_table(client, manager, many_projects):
    client.force_login(manager)
    with CaptureQueriesContext(connection) as first_queries:
        first = client.get(reverse("reporting:dashboard")).content.decode()
    assert _rows(first, "project-rows") == PROJECTS_PER_PAGE
    assert _rows(first, "project-aims") == PROJECTS_PER_PAGE
    assert f"(projects 1 to {PROJECTS_PER_PAGE} of {len(many_projects)}, by name)" in first
    assert "Page 1 of 2" in first and "Project 00" in first and "Project 29" not in first
    with CaptureQueriesContext(connection) as second_queries:
        second = client.get(reverse("reporting:dashboard"), {"page": 2}).content.decode()
    assert _rows(second, "project-rows") == 5
    assert "Project 29" in second and "Aim of project 29." in second and "Project 00" not in second
    assert len(second_queries) == len(first_queries)


def test_the_page_links_keep_the_filters(client, manager, organisation, many_projects):
    client.force_login(manager)
    html = client.get(reverse("reporting:dashboard"), {"service_area": many_projects[0].service_area}).content.decode()
    assert f"?service_area={many_projects[0].service_area.replace(' ', '+')}&amp;page=2" in html


def test_the_across_projects_pdf_lists_each_project_once_with_its_aim(client, manager, many_projects, run_tasks, media):
    export = report_export(client, manager, {"scope": "across"}, run_tasks)
    _reader, text = pdf_text(
        b"".join(client.get(reverse("reporting:export_download", args=[export.pk])).streaming_content)
    )
    assert "Projects and their aims" in text
    for project in many_projects:
        assert text.count(project.title) == 1, project.title
        assert project.aim in text
    assert "Engagement by project" not in text and "Share agreeing by project" not in text
    assert "Next projects" not in text


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.browser
def test_a_manager_pages_through_the_projects_on_the_dashboard(page, transactional_db, sign_in, assert_accessible):
    from tests.factories import OrganisationFactory, UserFactory

    organisation = OrganisationFactory(require_mfa=False)
    manager = UserFactory(organisation=organisation, role="manager")
    for i in range(PROJECTS_PER_PAGE + 2):
        ProjectFactory(organisation=organisation, title=f"Project {i:02d}")
    sign_in(page, manager)
    page.get_by_role("link", name="Reports").click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert page.locator("table.project-rows tbody tr").count() == PROJECTS_PER_PAGE
    page.get_by_role("navigation", name="Pages of projects: Engagement").get_by_role(
        "link", name="Next projects"
    ).click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert page.locator("table.project-rows tbody tr").count() == 2
    assert page.get_by_role("link", name="Project 26").first.is_visible()
