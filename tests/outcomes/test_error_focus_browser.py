"""After a submit that fails, the page must look different where the person is: focus moves
to the error summary (no JavaScript: the summary is autofocused), so a phone user and a
screen reader user learn at once what to fix."""

import pytest

from tests.factories import QuestionnaireFactory, invitation_with_token


@pytest.mark.browser
def test_a_failed_submit_on_a_phone_puts_focus_on_the_error_summary(
    transactional_db, phone_page, live_server, assert_accessible, project
):
    page = phone_page
    questionnaire = QuestionnaireFactory(project=project)
    _invitation, token = invitation_with_token(questionnaire)
    page.goto(f"/r/questionnaire/{token}/")
    with page.expect_navigation():
        page.get_by_role("button", name="Send my answers").click()
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement && document.activeElement.id") == "error-summary"
    assert "There is a problem" in summary.inner_text()
    assert_accessible(page)
    # The first link in the summary takes the person to the field to fix.
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement && document.activeElement.tagName") in {"INPUT", "FIELDSET"}
