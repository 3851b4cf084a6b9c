import re

import pytest
from django.core import mail

from groups.models import Membership
from outcomes.models import Response
from outcomes.services import invitations_create
from tests.factories import GroupFactory, MembershipFactory, QuestionnaireFactory


@pytest.mark.browser
def test_resident_answers_on_a_phone_with_the_keyboard_only(
    transactional_db, phone_page, live_server, assert_accessible, run_tasks, project
):
    page = phone_page
    questionnaire = QuestionnaireFactory(project=project)
    group = GroupFactory(project=project)
    member = MembershipFactory(group=group, member_type=Membership.Type.RESIDENT)
    invitations_create(questionnaire=questionnaire, group=group)
    run_tasks()
    message = next(m for m in mail.outbox if m.to == [member.person.email])
    path = re.search(r"(/r/questionnaire/[^/\s]+/)", message.body).group(1)

    page.goto(path)
    assert_accessible(page)
    assert page.get_by_role("heading", level=1).inner_text() == questionnaire.title
    statements = questionnaire.statements.for_audience("residents")
    # Keyboard only: Tab into each radio group, Arrow keys move the choice, Space selects.
    page.locator("body").focus()
    for index, _statement in enumerate(statements):
        first = page.locator("fieldset").nth(index).locator("input[type=radio]").first
        while page.evaluate("document.activeElement && document.activeElement.type") != "radio" or not page.evaluate(
            "(el) => el.closest('fieldset') === document.activeElement.closest('fieldset')", first.element_handle()
        ):
            page.keyboard.press("Tab")
        page.keyboard.press("Space")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_url("**/r/questionnaire/thanks/")
    assert_accessible(page)
    assert "Thank you" in page.get_by_role("heading", level=1).inner_text()
    assert Response.objects.count() == 1
    assert set(Response.objects.get().answers.values_list("value", flat=True)) == {4}

    page.goto(path)
    assert_accessible(page)
    assert "You have already answered" in page.get_by_role("heading", level=1).inner_text()


@pytest.mark.browser
def test_officer_pages_pass_axe(transactional_db, page, live_server, assert_accessible, sign_in, officer, project):
    import datetime as dt

    from tests.factories import responses_add

    questionnaire = QuestionnaireFactory(project=project)
    today = dt.date.today()
    closed = QuestionnaireFactory(
        project=project, opens_on=today - dt.timedelta(days=20), closes_on=today - dt.timedelta(days=2)
    )
    responses_add(closed, count=6)
    responses_add(closed, audience="council", count=6, value=2)
    sign_in(page, officer)
    for path in [
        f"/projects/{project.pk}/questionnaires/",
        f"/projects/{project.pk}/questionnaires/new/",
        questionnaire.get_absolute_url(),
        f"/projects/{project.pk}/questionnaires/{questionnaire.pk}/invite/",
        f"/projects/{project.pk}/questionnaires/{questionnaire.pk}/paper/?audience=council",
        f"/projects/{project.pk}/questionnaires/{questionnaire.pk}/results/",
        f"/projects/{project.pk}/questionnaires/{closed.pk}/results/",
    ]:
        page.goto(path)
        assert_accessible(page)


@pytest.mark.browser
def test_the_results_table_fits_a_laptop_screen_and_the_chart_has_a_key(
    transactional_db, page, live_server, assert_accessible, sign_in, officer, project
):
    import datetime as dt

    from tests.factories import responses_add

    today = dt.date.today()
    closed = QuestionnaireFactory(
        project=project, opens_on=today - dt.timedelta(days=20), closes_on=today - dt.timedelta(days=2)
    )
    responses_add(closed, count=6)
    responses_add(closed, audience="council", count=6, value=2)
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, officer)
    page.goto(f"/projects/{project.pk}/questionnaires/{closed.pk}/results/")
    assert_accessible(page)
    for region in page.locator(".table-responsive").all():
        assert region.evaluate("el => el.scrollWidth <= el.clientWidth"), "the table scrolls sideways"
    chart = page.locator(".chart svg").first
    for label in ["Disagree strongly", "Neither agree nor disagree", "Agree strongly"]:
        assert chart.get_by_text(label, exact=True).count() == 1
    assert chart.locator("text", has_text="…").count() == 0
