"""Messages to group members about meetings. Each is rendered when it is sent, from ids."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from groups.models import Group, Person
from outbox.rendering import absolute_url, email_build

from .calendar import meeting_ics, meeting_ics_method
from .models import Meeting
from .tokens import member_token

# What each message is called on the meeting page (the officer's words, not the code's).
LABELS = {
    "meetings.agenda_pack": _("Agenda and papers"),
    "meetings.papers_updated": _("Updated papers"),
    "meetings.reminder": _("Reminder"),
    "meetings.meeting_changed": _("Meeting changed"),
    "meetings.meeting_cancelled": _("Meeting cancelled"),
    "meetings.notes": _("Notes"),
    "meetings.member_links": _("New links"),
}


def _context(email):
    meeting = (
        Meeting.objects.select_related("group__project__organisation").filter(pk=email.params.get("meeting")).first()
    )
    person = Person.objects.filter(pk=email.params.get("person"), erased_at__isnull=True).first()
    if meeting is None or person is None:
        return None
    token = member_token(group=meeting.group, person=person)
    items = list(meeting.agenda_items.timed().prefetch_related("papers"))
    for item in items:
        item.paper_links = [
            (paper, absolute_url(reverse("meetings_public:paper", args=[token, paper.pk])))
            for paper in item.papers.all()
        ]
    return {
        "meeting": meeting,
        "person": person,
        "group": meeting.group,
        "organisation": meeting.group.project.organisation,
        "items": items,
        "calendar_url": absolute_url(reverse("meetings_public:calendar", args=[token])),
        "links_url": absolute_url(reverse("meetings_public:links", args=[token])),
    }


def _build(email, template, context, *, ics=True):
    message = email_build(
        template=f"meetings/email/{template}",
        context=context,
        to=email.recipient,
        from_email=context["organisation"].from_email,
        # Members reply with apologies and questions: to the group's secretariat, not the sender.
        reply_to=context["group"].reply_to_address,
    )
    if ics:
        meeting = context["meeting"]
        message.attach(
            "meeting.ics",
            meeting_ics(meeting),
            f"text/calendar; charset=utf-8; method={meeting_ics_method(meeting)}",
        )
    return message


def agenda_pack(email):
    context = _context(email)
    # A pack for an older version (the meeting moved) or a cancelled meeting is not sent.
    if context is None or context["meeting"].is_cancelled:
        return None
    if email.params.get("version") != context["meeting"].pack_version:
        return None
    return _build(email, "agenda_pack", context)


def papers_updated(email):
    context = _context(email)
    if context is None or context["meeting"].is_cancelled:
        return None
    context["changes"] = context["meeting"].paper_changes.filter(batch=email.params.get("batch"))
    return _build(email, "papers_updated", context, ics=False)


def reminder(email):
    context = _context(email)
    if context is None or context["meeting"].is_cancelled:
        return None
    return _build(email, "reminder", context)


def meeting_changed(email):
    context = _context(email)
    if context is None or context["meeting"].is_cancelled:
        return None
    return _build(email, "meeting_changed", context)


def meeting_cancelled(email):
    context = _context(email)
    if context is None:
        return None
    return _build(email, "meeting_cancelled", context)


def notes(email):
    context = _context(email)
    if context is None:
        return None
    meeting = context["meeting"]
    context["actions"] = meeting.actions.all()
    context["decisions"] = meeting.decisions.all()
    return _build(email, "notes", context, ics=False)


def member_links(email):
    """A member's new calendar and links page, after they asked for new ones."""
    group = Group.objects.select_related("project__organisation").filter(pk=email.params.get("group")).first()
    person = Person.objects.filter(pk=email.params.get("person"), erased_at__isnull=True).first()
    if group is None or person is None:
        return None
    token = member_token(group=group, person=person)
    organisation = group.project.organisation
    return email_build(
        template="meetings/email/member_links",
        context={
            "person": person,
            "group": group,
            "organisation": organisation,
            "calendar_url": absolute_url(reverse("meetings_public:calendar", args=[token])),
            "links_url": absolute_url(reverse("meetings_public:links", args=[token])),
        },
        to=email.recipient,
        from_email=organisation.from_email,
        reply_to=group.reply_to_address,
    )
