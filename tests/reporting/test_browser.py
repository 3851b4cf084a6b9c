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
