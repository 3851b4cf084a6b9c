"""Agenda items carry clock times from the meeting's start, everywhere a member reads the
agenda; the secretariat is warned when the items overrun the meeting."""

import datetime as dt

import time_machine
from django.core import mail
from django.urls import reverse

from meetings import services
from tests.factories import GroupFactory
from tests.helpers import pdf_text
from tests.html import text_of

from .helpers import add_members, at, packs

NOW = at(2027, 2, 1, 9, 0)
START = at(2027, 3, 2, 14, 0)  # GMT


def _meeting(group, hours=2):
    meeting = services.meeting_create(group=group, starts_at=START, ends_at=START + dt.timedelta(hours=hours))
    services.item_add(meeting=meeting, title="Budget for the library", minutes=30)
    return meeting


def test_each_item_has_its_clock_time_on_the_page_the_pdf_and_the_pack(client, officer, project, run_tasks):
    group = GroupFactory(project=project)
    add_members(group, 1)
    with time_machine.travel(NOW, tick=False):
        meeting = _meeting(group)
        client.force_login(officer)
        page = " ".join(text_of(client.get(reverse("meetings:detail", args=[project.pk, meeting.pk])), "main").split())
        pdf = client.get(reverse("meetings:agenda_pdf", args=[project.pk, meeting.pk])).content
    # Welcome 10, ground rules 15, then the budget: 14:25 to 14:55.
    assert "14:00 to 14:10 Welcome and introductions" in page
    assert "14:25 to 14:55 Budget for the library" in page
    assert "14:25 to 14:55 Budget for the library" in pdf_text(pdf)[1]
    with time_machine.travel(START - dt.timedelta(days=7, minutes=-1), tick=False):
        run_tasks()
    (pack,) = packs()
    assert "14:25 to 14:55 Budget for the library" in pack.body
    assert "14:25 to 14:55" in pack.alternatives[0][0]
    assert "more than the meeting" not in page


def test_the_secretariat_is_warned_when_the_items_overrun_the_meeting(client, officer, project):
    group = GroupFactory(project=project)
    with time_machine.travel(NOW, tick=False):
        meeting = _meeting(group, hours=1)  # 10 + 15 + 30 + 10 minutes planned in an hour
        client.force_login(officer)
        page = " ".join(text_of(client.get(reverse("meetings:detail", args=[project.pk, meeting.pk])), "main").split())
    assert "The items add up to 5 minutes more than the meeting's 60 minutes" in page
    del mail.outbox[:]
