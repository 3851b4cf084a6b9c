import re

import pytest
from django.core import mail

from groups import services
from groups.guide import tor_defaults
from groups.models import Applicant, Membership
from tests.factories import (
    AccessRecordFactory,
    GroupFactory,
    MeetingFactory,
    MembershipFactory,
    ProjectRoleFactory,
    RecruitmentRoundFactory,
)

LINK = re.compile(r"https?://\S+?(/r/apply/[A-Za-z0-9_\-]+/)")


@pytest.mark.browser
def test_resident_expresses_interest_and_applies_on_a_phone(phone_page, transactional_db, assert_accessible, run_tasks):
    page = phone_page
    round = RecruitmentRoundFactory(slug="recycling", title="Join the recycling group")

    page.goto("/join/recycling/")
    assert_accessible(page)
    page.get_by_label("Your name").fill("Rita Resident")
    page.get_by_label("Your email address").fill("rita@example.org")
    page.get_by_label("I draw on council services").check()
    page.get_by_label("Why are you interested? (optional)").fill("I recycle a lot.")
    page.get_by_label("I agree that you keep these details").check()
    page.get_by_role("button", name="Send").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Thank you for your interest").is_visible()
    assert_accessible(page)

    run_tasks()
    path = LINK.search(mail.outbox[0].body).group(1)
    page.goto(path)
    assert_accessible(page)
    page.get_by_role("button", name="Send my application").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    assert_accessible(page)
    page.get_by_label("Tell us about your experience").fill("I have used the service for years.")
    page.get_by_label("What would you bring to the group?").fill("Ideas from my street.")
    page.get_by_label("When can you take part?").fill("Evenings")
    page.get_by_role("button", name="Send my application").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Thank you: we have your application").is_visible()
    assert_accessible(page)
    assert Applicant.objects.get(round=round).status == Applicant.Status.APPLIED

    page.goto(path)
    assert page.get_by_role("heading", name="This link has already been used").is_visible()
    assert_accessible(page)


@pytest.mark.browser
def test_officer_pages_pass_axe(page, transactional_db, assert_accessible, sign_in):
    role = ProjectRoleFactory(role="lead")
    group = GroupFactory(project=role.project, name="Steering group")
    meeting = MeetingFactory(group=group)
    membership = MembershipFactory(group=group, person__name="Alma Access", member_type=Membership.Type.RESIDENT)
    MembershipFactory(group=group, member_type=Membership.Type.STAFF, position=Membership.Position.CHAIR)
    AccessRecordFactory(membership=membership)
    round = RecruitmentRoundFactory(group=group)
    clauses = tor_defaults(council="West Berkshire Council", aim=role.project.aim)
    services.terms_version_create(group=group, status="discussed", meeting=meeting, note="", clauses=clauses, by=None)
    clauses[0] = (clauses[0][0], clauses[0][1], "A changed purpose.")
    services.terms_version_create(group=group, status="draft", meeting=meeting, note="", clauses=clauses, by=None)
    base = f"/projects/{role.project.pk}/groups/"
    g = f"{base}{group.pk}/"

    sign_in(page, role.user)
    for url in [
        base,
        g,
        f"{g}members/add/",
        f"{g}members/{membership.pk}/",
        f"{g}members/{membership.pk}/access/",
        f"{g}logistics/",
        f"{g}access-log/",
        f"{g}expenses/",
        f"{g}recruitment/{round.pk}/",
        f"{g}terms/",
        f"{g}terms/new/",
        f"{g}terms/compare/?old=1&new=2",
        f"{g}terms/2/print/",
        f"{g}ground-rules/",
    ]:
        page.goto(url)
        assert page.locator("h1").count() == 1, url
        assert_accessible(page)
