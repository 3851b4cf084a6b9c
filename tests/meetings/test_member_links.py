"""A member whose link reached someone else stops it from their own links page; the new
links go to their email address, never onto the page."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from meetings.tokens import member_token
from tests.factories import GroupFactory, MembershipFactory
from tests.html import text_of


def test_a_member_stops_a_leaked_link_and_gets_new_ones_by_email(client, db, run_tasks):
    group = GroupFactory(name="Library steering group")
    person = MembershipFactory(group=group).person
    old = member_token(group=group, person=person)
    page = client.get(reverse("meetings_public:links", args=[old]))
    assert reverse("meetings_public:calendar", args=[old]) in text_of(page, "main")
    response = client.post(reverse("meetings_public:links", args=[old]))
    assert "Your old links for Library steering group have stopped working" in text_of(response, "main")
    new = member_token(group=group, person=person)
    assert new != old
    assert new not in response.content.decode()  # whoever holds the old link never sees the new one
    assert client.get(reverse("meetings_public:calendar", args=[old])).status_code == 404
    run_tasks()
    (message,) = mail.outbox
    assert message.to == [person.email]
    assert message.subject == "Your new links for Library steering group"
    calendar = re.search(r"http\S+/r/calendar/\S+/", message.body).group(0)
    assert new in calendar
    assert client.get(calendar.split("127.0.0.1:8000", 1)[-1]).status_code == 200


def test_the_links_page_opens_only_with_a_members_current_link(client, db):
    group = GroupFactory()
    person = MembershipFactory(group=group).person
    token = member_token(group=group, person=person)
    assert client.get(reverse("meetings_public:links", args=[token])).status_code == 200
    assert client.get(reverse("meetings_public:links", args=["x" * 43])).status_code == 404


@pytest.mark.browser
def test_the_links_page_works_on_a_phone_by_keyboard(transactional_db, phone_page, live_server, assert_accessible):
    group = GroupFactory()
    person = MembershipFactory(group=group).person
    page = phone_page
    page.goto(reverse("meetings_public:links", args=[member_token(group=group, person=person)]))
    assert_accessible(page)
    page.get_by_role("button", name="Stop my old links and email me new ones").focus()
    # The form posts back to the same address: wait for that navigation, not just "loaded".
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "New links on their way" in page.get_by_role("heading", level=1).inner_text()
    assert_accessible(page)
