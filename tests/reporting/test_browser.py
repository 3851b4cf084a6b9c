import pytest

from tests.factories import (
    GroupFactory,
    IndicatorReadingFactory,
    MembershipFactory,
    OrganisationFactory,
    ProjectFactory,
    UserFactory,
)


@pytest.mark.browser
def test_manager_filters_the_dashboard_opens_a_report_and_downloads_its_pdf(
    page, transactional_db, sign_in, assert_accessible, run_tasks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    organisation = OrganisationFactory(name="West Berkshire Council", require_mfa=False)
    manager = UserFactory(organisation=organisation, role="manager", name="Mina Manager")
    energy = ProjectFactory(organisation=organisation, title="Community energy", service_area="Environment")
    ProjectFactory(organisation=organisation, title="Library services", service_area="Culture")
    group = GroupFactory(project=energy)
    for _ in range(3):
        MembershipFactory(group=group)
    IndicatorReadingFactory(indicator__project=energy, indicator__name="Guidance note downloads")

    sign_in(page, manager)
    page.get_by_role("link", name="Reports").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("Service area").select_option("Environment")
    page.get_by_role("button", name="Show").click()
    page.wait_for_load_state()
    assert_accessible(page)
    rows = page.locator("table.project-rows tbody tr")
    assert rows.count() == 1

    rows.get_by_role("link", name="Community energy").click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Community energy"
    assert page.get_by_role("heading", name="Guidance note downloads").is_visible()

    page.get_by_role("button", name="Make a PDF of this report").click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert (
        "Being made" in page.locator(".export-status").inner_text()
        or "Waiting" in page.locator(".export-status").inner_text()
    )

    run_tasks()
    page.get_by_role("link", name="Check again").click()
    page.wait_for_load_state()
    assert_accessible(page)
    link = page.get_by_role("link", name="Download the PDF")
    response = page.context.request.get(link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")


@pytest.mark.browser
def test_officer_records_an_indicator_and_a_member_answers_equality_monitoring(
    page, transactional_db, sign_in, assert_accessible, run_tasks
):
    import re

    from django.core import mail

    from tests.factories import OutcomeFactory, ProjectRoleFactory

    organisation = OrganisationFactory(name="West Berkshire Council", require_mfa=False)
    officer = UserFactory(organisation=organisation, name="Olive Officer")
    project = ProjectRoleFactory(
        user=officer, project__organisation=organisation, project__title="Community energy"
    ).project
    OutcomeFactory(project=project, kind="service", title="More community groups generate their own energy")
    MembershipFactory(group=GroupFactory(project=project), person__email="ann@example.org")

    sign_in(page, officer)
    page.goto(f"/projects/{project.pk}/")
    page.get_by_role("link", name="Service indicators").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("link", name="Add a service indicator").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("Name").fill("Guidance note downloads")
    page.get_by_label("Unit").fill("downloads")
    page.get_by_label("Baseline").fill("40")
    page.get_by_label("Target").fill("300")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("link", name="Record a reading").click()
    page.wait_for_load_state()
    page.get_by_label("Value").fill("95")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert page.get_by_text("Better than baseline").is_visible()

    page.get_by_role("link", name="Report", exact=True).click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("link", name="Equality monitoring").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("button", name="Email the form to members not yet asked").click()
    page.wait_for_load_state()
    run_tasks()
    (message,) = mail.outbox
    link = re.search(r"http://\S+(/r/monitoring/\S+/)", message.body).group(1)

    page.context.clear_cookies()
    page.goto(link)
    assert_accessible(page)
    page.get_by_role("group", name="What is your sex?").get_by_label("Female").check()
    page.get_by_role("group", name="What is your ethnic group?").get_by_label("Prefer not to say").check()
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Thank you"


@pytest.mark.browser
def test_admin_enters_the_population_profile_and_lists_pdf_reports(page, transactional_db, sign_in, assert_accessible):
    organisation = OrganisationFactory(name="West Berkshire Council", require_mfa=False)
    admin = UserFactory(organisation=organisation, role="admin", name="Ada Admin")
    sign_in(page, admin)
    page.goto("/reports/")
    page.get_by_role("link", name="Population profile").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("group", name="Sex").get_by_label("Female").fill("150")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert_accessible(page)  # the error summary too
    page.get_by_role("group", name="Sex").get_by_label("Female").fill("50.6")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert page.get_by_text("Population profile saved.").is_visible()
    page.goto("/reports/exports/")
    assert_accessible(page)
