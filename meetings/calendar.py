"""Calendar files for meetings, built with icalendar.

Each meeting keeps one UID for life and its SEQUENCE goes up on every change, so a moved
meeting updates the entry in people's calendars instead of adding a second one; a
cancelled meeting is sent as STATUS:CANCELLED, and the file attached to a cancellation
email is a METHOD:CANCEL request, which calendar programs apply to the entry they hold."""

import datetime as dt
from email.utils import parseaddr
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vCalAddress

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


def london_timezone():
    """Europe/London as yearly rules (last Sunday of March and of October).

    Why not icalendar's add_missing_timezones(): it lists past transitions only, and some
    calendar software then reads winter times an hour out; yearly rules read right everywhere."""
    zone = Timezone()
    zone.add("tzid", "Europe/London")
    summer = TimezoneDaylight()
    summer.add("tzname", "BST")
    summer.add("dtstart", dt.datetime(1981, 3, 29, 1, 0))
    summer.add("tzoffsetfrom", dt.timedelta(hours=0))
    summer.add("tzoffsetto", dt.timedelta(hours=1))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1SU"})
    winter = TimezoneStandard()
    winter.add("tzname", "GMT")
    winter.add("dtstart", dt.datetime(1996, 10, 27, 2, 0))
    winter.add("tzoffsetfrom", dt.timedelta(hours=1))
    winter.add("tzoffsetto", dt.timedelta(hours=0))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1SU"})
    zone.add_component(summer)
    zone.add_component(winter)
    return zone


def _organizer(meeting):
    organisation = meeting.group.project.organisation
    name, address = parseaddr(organisation.from_email)
    organizer = vCalAddress(f"mailto:{address}")
    organizer.params["cn"] = name or organisation.name
    return organizer


def meeting_event(meeting):
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now())
    event.add("summary", f"{meeting.group.name}: {meeting.title}" if meeting.title else meeting.group.name)
    event.add("dtstart", timezone.localtime(meeting.starts_at, LONDON))
    event.add("dtend", timezone.localtime(meeting.ends_at, LONDON))
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    event.add("organizer", _organizer(meeting))
    location = _location(meeting)
    if location:
        event.add("location", location)
    description = _description(meeting)
    if description:
        event.add("description", description)
    return event


def calendar_bytes(meetings, *, name, method="PUBLISH"):
    cal = Calendar()
    cal.add("prodid", "-//Co-production//Meetings//EN-GB")
    cal.add("version", "2.0")
    cal.add("method", method)
    cal.add("x-wr-calname", name)
    cal.add_component(london_timezone())
    for meeting in meetings:
        cal.add_component(meeting_event(meeting))
    return cal.to_ical()


def meeting_ics_method(meeting):
    """CANCEL for a cancelled meeting (the calendar removes it), PUBLISH otherwise."""
    return "CANCEL" if meeting.is_cancelled else "PUBLISH"


def meeting_ics(meeting):
    """One meeting's file, for an email or a download. It names no attendee: a file
    forwarded on reveals no member's address (calendars match a cancellation by UID)."""
    return calendar_bytes([meeting], name=meeting.group.name, method=meeting_ics_method(meeting))
