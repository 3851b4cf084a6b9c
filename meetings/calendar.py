"""Calendar files for meetings, built with icalendar.

Each meeting keeps one UID for life and its SEQUENCE goes up on every change, so a moved
meeting updates the entry in people's calendars instead of adding a second one; a
cancelled meeting is sent as STATUS:CANCELLED."""

from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

LONDON = ZoneInfo("Europe/London")


def meeting_uid(meeting):
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"meeting-{meeting.pk}@{host}"


def _location(meeting):
    parts = [meeting.venue_name, " ".join(meeting.venue_address.split())]
    if meeting.online_link:
        parts.append(meeting.online_link)
    return ", ".join(p for p in parts if p)


def _description(meeting):
    lines = []
    if meeting.online_link:
        lines.append(f"Join online: {meeting.online_link}")
    access = []
    if meeting.step_free_access:
        access.append("step-free access")
    if meeting.hearing_loop:
        access.append("hearing loop")
    if access:
        lines.append("Access: " + ", ".join(access))
    if meeting.parking:
        lines.append(f"Parking: {meeting.parking}")
    if meeting.public_transport:
        lines.append(f"Public transport: {meeting.public_transport}")
    if meeting.breaks:
        lines.append(f"Breaks: {meeting.breaks}")
    return "\n".join(lines)


def meeting_event(meeting):
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now())
    event.add("summary", f"{meeting.group.name}: {meeting.title}" if meeting.title else meeting.group.name)
    event.add("dtstart", timezone.localtime(meeting.starts_at, LONDON))
    event.add("dtend", timezone.localtime(meeting.ends_at, LONDON))
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    location = _location(meeting)
    if location:
        event.add("location", location)
    description = _description(meeting)
    if description:
        event.add("description", description)
    return event


def calendar_bytes(meetings, *, name):
    cal = Calendar()
    cal.add("prodid", "-//Co-production//Meetings//EN-GB")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for meeting in meetings:
        cal.add_component(meeting_event(meeting))
    cal.add_missing_timezones()
    return cal.to_ical()


def meeting_ics(meeting):
    return calendar_bytes([meeting], name=meeting.group.name)
