import datetime as dt
import re

import pytest

from projects.models import Project, Stage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_creates_a_project_adds_an_activity_and_moves_it_on(
    page, phone_page, sign_in, assert_accessible, officer
):
    sign_in(page, officer)
    assert_accessible(page)  # home

    page.get_by_role("link", name="New project from the guide's template").first.click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Community energy guidance note")
    page.get_by_label("Service area").fill("Environment")
    page.get_by_label("Aim").fill(
        "For residents and West Berkshire Council to work together in equal partnership to develop an "
        "introductory guidance note on community energy generation in West Berkshire."
    )
    page.get_by_label("Start date").fill("2026-03-02")
    # A wrong end date first: the error summary must be accessible too.
    page.get_by_label("End date").fill("2026-01-01")
    page.get_by_role("button", name="Create project").click()
    assert page.get_by_text("The end date must be on or after the start date.").first.is_visible()
    assert_accessible(page)
    page.get_by_label("End date").fill("2026-12-18")
    page.get_by_role("button", name="Create project").click()
    page.wait_for_url(re.compile(r"/projects/\d+/$"))
    assert_accessible(page)
    assert page.get_by_role("heading", name="Community energy guidance note").is_visible()
    project = Project.objects.get()

    page.get_by_role("link", name=re.compile(r"Add an activity\W+Set up a steering group")).click()
    assert_accessible(page)
    page.get_by_label("Activity").fill("Advertise the group with a short flyer for interest")
    page.get_by_label("Owner").fill("Olive Officer")
    page.get_by_label("Due date").fill("2026-04-01")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/projects/{project.pk}/**")
    assert_accessible(page)
    assert page.get_by_role("cell", name="Advertise the group with a short flyer for interest", exact=True).is_visible()
    assert page.get_by_text("Progress: 0 of 1 activities done").is_visible()

    page.get_by_role("link", name="Move to the next stage").click()
    assert_accessible(page)
    page.get_by_label("Date this stage began").fill("2026-05-01")
    page.get_by_label("How residents were involved at this stage").fill("Residents chose the guide's topics.")
    page.get_by_role("button", name="Move to the next stage").click()
    page.wait_for_url(f"**/projects/{project.pk}/")
    assert_accessible(page)
    assert page.get_by_text("Residents chose the guide's topics.").is_visible()
    project.refresh_from_db()
    assert project.stage == Stage.DELIVERING

    # The same project page on a phone.
    sign_in(phone_page, officer)
    phone_page.goto(f"/projects/{project.pk}/")
    assert_accessible(phone_page)
    assert phone_page.get_by_role("heading", name="Community energy guidance note").is_visible()


def test_plan_team_and_staff_pages_are_accessible(page, sign_in, assert_accessible, org_admin, officer):
    from tests.factories import ActivityFactory, MeasureFactory, ObjectiveFactory, OutcomeFactory, ProjectRoleFactory

    project = ProjectRoleFactory(user=officer, role="lead", project__organisation=officer.organisation).project
    outcome = OutcomeFactory(project=project)
    MeasureFactory(outcome=outcome)
    objective = ObjectiveFactory(project=project)
    objective.outcomes.add(outcome)
    activity = ActivityFactory(objective=objective)
    record = project.stage_records.create(stage="planning", began_on=dt.date(2026, 1, 5))
    sign_in(page, org_admin)
    for path in [
        f"/projects/{project.pk}/",
        f"/projects/{project.pk}/team/",
        f"/projects/{project.pk}/edit/",
        f"/projects/{project.pk}/objectives/{objective.pk}/edit/",
        f"/projects/{project.pk}/outcomes/{outcome.pk}/measures/new/",
        f"/projects/{project.pk}/activities/{activity.pk}/remove/",
        f"/projects/{project.pk}/stages/{record.pk}/",
        "/organisation/staff/",
        "/organisation/staff/invite/",
    ]:
        page.goto(path)
        assert_accessible(page)
    page.get_by_role("button", name="Send invitation").click()  # empty: the error summary
    assert page.get_by_text("There is a problem").is_visible()
    assert_accessible(page)
    page.goto(f"/projects/{project.pk}/team/")
    page.get_by_role("button", name="Add to the team").click()
    assert_accessible(page)
    page.goto("/no-such-page/")
    assert_accessible(page)


def test_project_page_fits_a_phone_screen(phone_page, sign_in, assert_accessible, officer):
    """Wide tables scroll inside their own box; the page itself must not scroll sideways."""
    from tests.factories import ActivityFactory, MeasureFactory, ObjectiveFactory, OutcomeFactory, ProjectRoleFactory

    project = ProjectRoleFactory(user=officer, role="lead", project__organisation=officer.organisation).project
    outcome = OutcomeFactory(project=project)
    MeasureFactory(
        outcome=outcome,
        description="Questionnaire statement about influence",
        how_collected="Anonymous outcome questionnaire for residents and for council staff",
        when_collected="At or near the end of the project",
    )
    objective = ObjectiveFactory(project=project)
    objective.outcomes.add(outcome)
    ActivityFactory(objective=objective, owner="Olive Officer")
    sign_in(phone_page, officer)
    phone_page.goto(f"/projects/{project.pk}/")
    assert_accessible(phone_page)
    widest = phone_page.evaluate(
        "Math.max(...[...document.querySelectorAll('.table-responsive')].map(t => t.scrollWidth))"
    )
    screen = phone_page.viewport_size["width"]
    assert widest > screen  # the tables do need to scroll here
    # A phone zooms the whole page out when anything sticks out sideways, so compare with the screen.
    overflow = phone_page.evaluate("document.documentElement.scrollWidth") - screen
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px on a phone"
