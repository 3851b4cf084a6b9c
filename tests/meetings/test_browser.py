"""A secretariat plans a series, writes an agenda with a paper, records notes and an action,
and sees the action on the next meeting's agenda. axe-core checks every page."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from tests.factories import GroupFactory, MembershipFactory, OrganisationFactory, ProjectRoleFactory, UserFactory


def second_tuesday_next_month():
    today = timezone.localdate()
    first = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    first_tuesday = first + dt.timedelta(days=(1 - first.weekday()) % 7)
    return first_tuesday + dt.timedelta(days=7)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_secretariat_plans_a_series_and_carries_an_action_to_the_next_agenda(
    page, sign_in, assert_accessible, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    organisation = OrganisationFactory(name="West Berkshire Council")
    officer = UserFactory(organisation=organisation, name="Sam Secretariat")
    project = ProjectRoleFactory(
        user=officer, project__organisation=organisation, project__title="Waste", role="lead"
    ).project
    group = GroupFactory(project=project, name="Waste Steering Group")
    MembershipFactory(group=group)

    sign_in(page, officer)
    page.goto(f"/projects/{project.pk}/")
    assert_accessible(page)
    page.get_by_role("link", name="Meetings").click()
    assert_accessible(page)

    page.get_by_role("link", name="Plan a series of meetings").click()
    assert_accessible(page)
    page.get_by_label("Group").select_option(label="Waste Steering Group")
    page.get_by_label(re.compile("Monthly")).check()
    page.get_by_label("Date of the first meeting").fill(second_tuesday_next_month().isoformat())
    page.get_by_label("Number of meetings").fill("3")
    page.get_by_label("Start time").fill("14:00")
    page.get_by_label("End time").fill("16:00")
    page.get_by_label("Venue", exact=True).fill("Shaw House, Newbury")
    page.get_by_label("Step-free access").check()
    page.get_by_label("Planned breaks").fill("A 10-minute break at 15:00")
    page.get_by_role("button", name="Plan the meetings").click()
    assert_accessible(page)
    assert page.get_by_text("3 meetings planned.").is_visible()

    page.get_by_role("table", name="Meetings coming up").get_by_role("link").first.click()
    assert_accessible(page)
    first_meeting_url = page.url
    page.get_by_role("link", name="Add an agenda item").click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Recycling centre opening hours")
    page.get_by_label("Time allowed (minutes)").fill("30")
    page.get_by_label("Led by").fill("Olive Officer")
    page.get_by_role("button", name="Add the item").click()
    assert_accessible(page)

    page.get_by_role("link", name="Add a paper to “Recycling centre opening hours”").click()
    assert_accessible(page)
    page.get_by_label("Title of the paper").fill("Survey results")
    pdf = tmp_path / "survey.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n")
    page.get_by_label("File").set_input_files(str(pdf))
    page.get_by_role("button", name="Upload the paper").click()
    assert_accessible(page)
    assert page.get_by_role("link", name="Survey results").is_visible()

    page.get_by_role("link", name="Write the notes").click()
    assert_accessible(page)
    page.get_by_label("Recycling centre opening hours").fill("The group looked at the survey results.")
    page.get_by_role("button", name="Save notes").click()
    assert_accessible(page)

    page.get_by_role("link", name="Record an action").click()
    assert_accessible(page)
    page.get_by_label("What").fill("Ask the depot about Sunday opening")
    page.get_by_label("Who").fill("Olive Officer")
    page.get_by_role("button", name="Save the action").click()
    assert_accessible(page)
    assert page.url.startswith(first_meeting_url)

    page.get_by_role("link", name="Meetings", exact=True).first.click()
    assert_accessible(page)
    page.get_by_role("table", name="Meetings coming up").get_by_role("link").nth(1).click()
    assert_accessible(page)
    matters = page.locator("ul.matters-arising")
    assert "Ask the depot about Sunday opening" in matters.inner_text()

    page.get_by_role("link", name="Printable agenda").click()
    assert_accessible(page)
    assert "Ask the depot about Sunday opening" in page.content()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_records_attendance_and_a_vote_then_reschedules_and_cancels(page, sign_in, assert_accessible):
    from meetings import services
    from tests.meetings.helpers import at

    organisation = OrganisationFactory(name="West Berkshire Council")
    officer = UserFactory(organisation=organisation, name="Sam Secretariat")
    project = ProjectRoleFactory(user=officer, project__organisation=organisation, role="lead").project
    group = GroupFactory(project=project, name="Waste Steering Group")
    MembershipFactory(group=group, person__name="Ruth Resident")
    start = at(2031, 1, 14, 14, 0)
    meeting = services.meeting_create(group=group, starts_at=start, ends_at=start + dt.timedelta(hours=2))
    base = f"/projects/{project.pk}/meetings/{meeting.pk}/"

    sign_in(page, officer)
    page.goto(base + "attendance/")
    assert_accessible(page)
    page.get_by_label("Ruth Resident: attendance").select_option(label="Present")
    page.get_by_role("button", name="Save attendance").click()
    assert_accessible(page)
    assert "Ruth Resident: Present (2.00 hours)" in page.content()

    page.get_by_role("link", name="Record a decision").click()
    assert_accessible(page)
    page.get_by_role("textbox", name=re.compile("^Decision")).fill("Recommend Sunday opening")
    page.get_by_label("Vote", exact=True).check()
    page.get_by_label("Votes for").fill("7")
    page.get_by_label("Votes against").fill("2")
    page.get_by_label("Abstaining").fill("1")
    page.get_by_label("This is a recommendation to the council").check()
    page.get_by_role("button", name="Save the decision").click()
    assert_accessible(page)
    page.get_by_role("link", name="The group's decision log").click()
    assert_accessible(page)
    assert "7 for, 2 against, 1 abstaining" in page.content()

    for path in ("notes/print/", "change/", "agenda/new/"):
        page.goto(base + path)
        assert_accessible(page)
    page.goto(f"/projects/{project.pk}/meetings/groups/{group.pk}/settings/")
    assert_accessible(page)
    page.goto(base + "change/")
    page.get_by_label("Start time").fill("15:00")
    page.get_by_label("End time").fill("17:00")
    page.get_by_role("button", name="Save").click()
    assert_accessible(page)
    assert "15:00–17:00" in page.content(), page.locator("main").inner_text()
    page.get_by_role("link", name="Cancel the meeting").click()
    assert_accessible(page)
    page.get_by_role("button", name="Cancel the meeting").click()
    assert_accessible(page)
    assert "The meeting is cancelled: no pack will be sent." in page.content()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_officer_adds_an_event_then_records_who_came_and_sees_it_in_the_report(page, sign_in, assert_accessible):
    organisation = OrganisationFactory(name="West Berkshire Council")
    officer = UserFactory(organisation=organisation, name="Sam Secretariat")
    project = ProjectRoleFactory(
        user=officer, project__organisation=organisation, project__title="Waste", role="lead"
    ).project
    group = GroupFactory(project=project, name="Waste Steering Group")
    MembershipFactory(group=group, person__name="Ann Resident")
    MembershipFactory(group=group, person__name="Bob Carer")

    sign_in(page, officer)
    page.goto(f"/projects/{project.pk}/")
    page.get_by_role("link", name="Events").click()
    assert_accessible(page)
    page.get_by_role("link", name="Add an event").click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Open day at the recycling centre")
    page.get_by_label("Kind of event").select_option(label="Site visit")
    page.get_by_label("Date").fill((timezone.localdate() + dt.timedelta(days=10)).isoformat())
    page.get_by_label("Ann Resident").check()
    page.get_by_role("button", name="Add the event").click()
    assert_accessible(page)  # the error summary, linked to the date
    assert page.get_by_role("link", name="You can record who came once the event has taken place.").is_visible()

    page.get_by_label("Date").fill((timezone.localdate() - dt.timedelta(days=1)).isoformat())
    page.get_by_label("Length in hours").fill("3")
    page.get_by_label("Other people who came").fill("40")
    page.get_by_role("button", name="Add the event").click()
    assert_accessible(page)
    assert page.get_by_text("Event added.").is_visible()
    assert "1 event; 41 came in all, 1 of them named." in " ".join(page.locator(".event-totals").inner_text().split())

    page.get_by_role("link", name="Record who came to “Open day at the recycling centre”").click()
    assert_accessible(page)
    page.get_by_label("Bob Carer").check()
    page.get_by_role("button", name="Save the event").click()
    assert_accessible(page)
    assert "1 event; 42 came in all, 2 of them named." in " ".join(page.locator(".event-totals").inner_text().split())

    page.get_by_role("link", name="Report", exact=True).click()
    assert_accessible(page)
    ways = page.get_by_role("table", name="The ways they were involved")
    row = ways.get_by_role("row", name=re.compile("Came to events, with people not named"))
    assert "42" in row.inner_text()
