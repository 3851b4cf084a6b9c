import datetime as dt

import pytest
from django.utils import timezone

from core.anonymity import token_new
from feedback.models import ReflectionAnswer, WeDid
from tests.factories import (
    GroupFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    ProjectRoleFactory,
    ReflectionAnswerFactory,
    ReflectionInvitationFactory,
    ReflectionRoundFactory,
    ReflectionSetupFactory,
)

pytestmark = [pytest.mark.browser]


def tab_to(page, selector, limit=80):
    """Press Tab until the focused element matches ``selector``: keyboard only, no clicks."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def rate(page, key, value):
    """Tab into a radio group (focus lands on its first option) and arrow to the value."""
    tab_to(page, f"input[name='{key}']")
    page.keyboard.press("Space")
    for _ in range(value - 1):
        page.keyboard.press("ArrowDown")


@pytest.fixture
def world(transactional_db):
    organisation = OrganisationFactory(min_responses=5)
    lead = ProjectRoleFactory(project__organisation=organisation, role="lead")
    project = lead.project
    chair = ProjectRoleFactory(project=project, role="chair", user__role="chair").user
    group = GroupFactory(project=project, name="Community energy group")
    ReflectionSetupFactory(group=group)
    meeting = MeetingFactory(group=group, starts_at=timezone.now() - dt.timedelta(hours=2), title="Third meeting")
    meeting.ends_at = meeting.starts_at + dt.timedelta(hours=1)
    meeting.save()
    round = ReflectionRoundFactory(group=group, meeting=meeting, code="KM4TQX", anonymous=True)
    ReflectionAnswerFactory.create_batch(4, round=round)
    token, hashed = token_new()
    member = MembershipFactory(group=group, member_type="councillor").person
    ReflectionInvitationFactory(round=round, person=member, token_hash=hashed)
    other = MembershipFactory(group=group, member_type="resident").person
    ReflectionInvitationFactory(round=round, person=other)
    return {"group": group, "round": round, "token": token, "chair": chair, "meeting": meeting, "other": other}


def test_a_member_answers_by_keyboard_on_a_phone_and_the_chair_records_what_we_did(
    world, phone_page, page, assert_accessible, sign_in
):
    phone_page.goto(f"/r/reflection/{world['token']}/")
    assert_accessible(phone_page)
    assert phone_page.get_by_role("heading", name="What we keep").is_visible()
    rate(phone_page, "equality", 4)
    tab_to(phone_page, "textarea[name='equality_comment']")
    phone_page.keyboard.type("Everyone gets a say.")
    rate(phone_page, "difference", 5)
    rate(phone_page, "inclusive", 2)
    tab_to(phone_page, "textarea[name='better']")
    phone_page.keyboard.type("Use a hearing loop at every meeting.")
    tab_to(phone_page, "button[type='submit']")
    phone_page.keyboard.press("Enter")
    phone_page.get_by_role("heading", name="Thank you: your answers have been sent").wait_for()
    assert_accessible(phone_page)
    answer = ReflectionAnswer.objects.get(better="Use a hearing loop at every meeting.")
    assert (answer.equality, answer.difference, answer.inclusive) == (4, 5, 2)
    assert answer.equality_comment == "Everyone gets a say."

    sign_in(page, world["chair"])
    group = world["group"]
    page.goto(f"/projects/{group.project_id}/reflection/{group.pk}/dashboard/")
    assert_accessible(page)
    assert page.get_by_role("heading", name="What the group said it could do better").is_visible()
    page.get_by_role("link", name="Record what we did – Use a hearing loop at every meeting.").click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert page.get_by_label("You said").input_value() == "Use a hearing loop at every meeting."
    page.get_by_label("We did").fill("The loop is now tested before every meeting.")
    page.get_by_label("Discussed at the meeting on").select_option(str(world["meeting"].pk))
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert page.get_by_role("cell", name="The loop is now tested before every meeting.").is_visible()
    assert WeDid.objects.get().discussed_at == world["meeting"]
    page.get_by_role("link", name="Show at the meeting (presentation view)").click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert page.get_by_text("The loop is now tested before every meeting.").is_visible()


def test_a_member_answers_on_the_shared_device_with_the_code(world, phone_page, assert_accessible):
    phone_page.goto("/r/reflect/")
    assert_accessible(phone_page)
    phone_page.get_by_label("Code shown on the screen").fill("km4tqx")
    phone_page.get_by_role("button", name="Continue").click()
    phone_page.wait_for_load_state()
    assert_accessible(phone_page)
    phone_page.get_by_label("Who is answering?").select_option(label=world["other"].name)
    for key in ("equality", "difference", "inclusive"):
        phone_page.locator(f"input[name='{key}'][value='4']").check()
    phone_page.get_by_role("button", name="Send my answers").click()
    phone_page.get_by_role("link", name="Next person").wait_for()
    assert_accessible(phone_page)
    phone_page.get_by_role("link", name="Next person").click()
    phone_page.wait_for_load_state()
    assert_accessible(phone_page)
    assert world["other"].name not in phone_page.locator("select").inner_text()


def test_the_lead_officer_sets_up_reflection_and_shows_the_code(world, page, assert_accessible, sign_in):
    group = world["group"]
    lead = group.project.roles.get(role="lead").user
    sign_in(page, lead)
    page.goto(f"/projects/{group.project_id}/reflection/")
    assert_accessible(page)
    page.get_by_role("link", name="Change when and how the group reflects – Community energy group").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("Once a month").check()
    page.get_by_label("Named: the chairs see who gave each answer").check()
    page.get_by_role("button", name="Save set-up").click()
    page.wait_for_load_state()
    assert_accessible(page)
    group.reflection_setup.refresh_from_db()
    assert group.reflection_setup.frequency == "monthly" and not group.reflection_setup.anonymous
    page.get_by_role("link", name=world["round"].date.strftime("%-d %B %Y")).click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert page.get_by_text("KM4TQX").is_visible()
