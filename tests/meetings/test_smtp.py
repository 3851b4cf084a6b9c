"""An agenda pack really leaves: through SMTP, to a local server started by the test."""

import datetime as dt

import pytest
import time_machine

from meetings import services
from outbox.models import OutgoingEmail
from tests.factories import AgendaItemFactory, GroupFactory, MembershipFactory, PaperFactory
from tests.inbox import MailServer, html_source, plain_text, read, smtp_mailers
from tests.inbox import smtp_server as smtp_server_running

from .helpers import at

NOW = at(2027, 5, 3, 9, 0)


@pytest.fixture
def smtp_server(settings):
    inbox = MailServer()
    with smtp_server_running(inbox) as port:
        settings.MAILERS = smtp_mailers(port)
        yield inbox


def test_agenda_pack_arrives_through_smtp_with_both_bodies_and_the_calendar(db, run_tasks, smtp_server, settings):
    settings.SITE_URL = "https://coproduction.example.gov.uk"
    group = GroupFactory(
        name="Waste Steering Group",
        reply_to="waste.secretariat@example.gov.uk",
        project__organisation__email_sender="WBC <copro@example.gov.uk>",
    )
    person = MembershipFactory(group=group, person__name="Ruth Resident", person__email="ruth@example.org").person
    with time_machine.travel(NOW, tick=False):
        start = at(2027, 5, 11, 14, 0)
        meeting = services.meeting_create(
            group=group,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            title="Recycling centre opening hours",
            venue_name="Shaw House",
            step_free_access=True,
            online_link="https://meet.example.org/waste",
        )
        item = AgendaItemFactory(meeting=meeting, title="Opening hours survey", minutes=30, lead="Olive Officer")
        PaperFactory(item=item, title="Survey results")
    with time_machine.travel(start - dt.timedelta(days=7, minutes=-1), tick=False):
        run_tasks()

    assert len(smtp_server.messages) == 1
    assert smtp_server.envelopes == [("copro@example.gov.uk", ["ruth@example.org"])]
    message = read(smtp_server.messages[0])
    assert message["Subject"] == "Agenda and papers: Waste Steering Group meeting on 11 May 2027"
    assert message["To"] == "ruth@example.org"
    assert message["From"] == "WBC <copro@example.gov.uk>"
    assert message["Reply-To"] == "waste.secretariat@example.gov.uk"
    assert message["Message-ID"] == OutgoingEmail.objects.get().message_id
    assert message["Message-ID"].endswith("@example.gov.uk>") and message["Date"]

    text = plain_text(message)
    html = html_source(message)
    for body in (text, html):
        assert "Dear Ruth Resident" in body
        assert "Opening hours survey" in body
        assert "Survey results" in body
        assert "Shaw House" in body
        assert "https://coproduction.example.gov.uk/r/papers/" in body
        assert "https://coproduction.example.gov.uk/r/calendar/" in body
    assert "Tuesday 11 May 2027, 14:00" in text
    assert '<html lang="en-GB">' in html

    calendars = [part for part in message.iter_attachments() if part.get_content_type() == "text/calendar"]
    assert len(calendars) == 1
    ics = calendars[0].get_content()
    if isinstance(ics, bytes):
        ics = ics.decode()
    assert f"UID:meeting-{meeting.pk}@coproduction.example.gov.uk" in ics
    assert "DTSTART;TZID=Europe/London:20270511T140000" in ics
    assert "SEQUENCE:0" in ics
    assert "STATUS:CONFIRMED" in ics
    assert "BEGIN:VTIMEZONE" in ics
    assert person.email not in ics
