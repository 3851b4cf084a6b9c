"""Writes with side effects for meetings: planning, agendas, papers, the pack, notes."""

import calendar as pycalendar
import datetime as dt
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.models import Membership, Person
from outbox.services import email_queue

from .models import (
    REFLECTION_MINUTES,
    Action,
    AgendaItem,
    Attendance,
    EventAttendance,
    Meeting,
    MeetingSeries,
    PackPosting,
    Paper,
    PaperChange,
    meeting_settings_for,
)
from .tokens import member_link_revoke

LONDON = ZoneInfo("Europe/London")
# Papers changed after the pack went are gathered for this long, then sent in one email.
PAPERS_UPDATE_DELAY = dt.timedelta(minutes=10)

DETAIL_FIELDS = [
    "title",
    "venue_name",
    "venue_address",
    "step_free_access",
    "hearing_loop",
    "parking",
    "public_transport",
    "access_notes",
    "online_link",
    "breaks",
]
# Changes members are told about (and their calendars updated for).
NOTIFY_FIELDS = ["starts_at", "ends_at", "venue_name", "venue_address", "online_link"]


# --- planning ---------------------------------------------------------------------


class Pattern:
    MONTHLY = "monthly"
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    DATES = "dates"


def _nth_weekday(year, month, weekday, nth):
    """The nth (1-4) given weekday of a month, or the last one when nth is 5 ("last")."""
    days = [d for d in pycalendar.Calendar().itermonthdates(year, month) if d.month == month and d.weekday() == weekday]
    return days[-1] if nth >= 5 else days[nth - 1]


def series_dates(*, pattern, first_date, count=0, dates=None):
    """The dates of a series. Monthly keeps the weekday and its place in the month that the
    first date has (a first date on the second Tuesday gives the second Tuesday of each month)."""
    if pattern == Pattern.DATES:
        return sorted(set(dates or []))
    if pattern == Pattern.WEEKLY:
        return [first_date + dt.timedelta(weeks=i) for i in range(count)]
    if pattern == Pattern.FORTNIGHTLY:
        return [first_date + dt.timedelta(weeks=2 * i) for i in range(count)]
    nth = (first_date.day - 1) // 7 + 1
    result = []
    year, month = first_date.year, first_date.month
    for _i in range(count):
        result.append(_nth_weekday(year, month, first_date.weekday(), nth))
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return result


def london(date, time):
    return dt.datetime.combine(date, time, tzinfo=LONDON)


def series_plan(*, group, pattern, first_date=None, count=0, dates=None, start_time, end_time, details, description=""):
    """Plan every meeting of a series at once; each gets its standard agenda and its pack scheduled."""
    days = series_dates(pattern=pattern, first_date=first_date, count=count, dates=dates)
    with transaction.atomic():
        series = MeetingSeries.objects.create(group=group, description=description or _("Meetings"))
        return [
            meeting_create(
                group=group,
                starts_at=london(day, start_time),
                ends_at=london(day, end_time),
                series=series,
                **details,
            )
            for day in days
        ]


def meeting_create(*, group, starts_at, ends_at, series=None, **details):
    with transaction.atomic():
        meeting = Meeting.objects.create(group=group, starts_at=starts_at, ends_at=ends_at, series=series, **details)
        standard_items_add(meeting=meeting)
        standard_items_refresh(group=group)
        pack_schedule(meeting=meeting)
        reminder_schedule(meeting=meeting)
    return meeting


def _ground_rules(first):
    if first:
        return (
            _("Agree our ground rules"),
            15,
            _("The guide asks for ground rules to be agreed at the start of the first meeting."),
        )
    return (_("Ground rules"), 5, "")


def _matters_arising():
    return (_("Matters arising"), 10, _("Open actions from earlier meetings."))


def _has_earlier(meeting):
    """Whether a meeting the group will hold (not cancelled) comes before this one."""
    return (
        Meeting.objects.filter(group_id=meeting.group_id, starts_at__lt=meeting.starts_at)
        .exclude(status=Meeting.Status.CANCELLED)
        .exists()
    )


def standard_items_add(*, meeting):
    """The items every agenda starts with, from the guide; all can be edited afterwards."""
    earlier = _has_earlier(meeting)
    items = [
        (AgendaItem.Kind.WELCOME, _("Welcome and introductions"), 10, ""),
        (AgendaItem.Kind.GROUND_RULES, *_ground_rules(not earlier)),
    ]
    if earlier:
        items.append((AgendaItem.Kind.MATTERS_ARISING, *_matters_arising()))
    items.append(
        (
            AgendaItem.Kind.REFLECTION,
            _("Reflection time"),
            REFLECTION_MINUTES,
            _("Five or ten minutes at the end for people to say how the meeting went for them."),
        )
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, kind=kind, title=title, minutes=minutes, description=description, position=i * 10)
        for i, (kind, title, minutes, description) in enumerate(items, start=1)
    )


def standard_items_refresh(*, group):
    """Keep the first meeting's standard items right when meetings are added, moved or
    cancelled: only the group's first meeting agrees the ground rules, and every later one
    has matters arising. Only agendas not yet sent, and items still as the guide wrote
    them, are changed: an officer's own wording stays."""
    held = Meeting.objects.filter(group=group).exclude(status=Meeting.Status.CANCELLED)
    first_pk = held.order_by("starts_at", "pk").values_list("pk", flat=True).first()
    pending = held.filter(pack_sent_at__isnull=True, starts_at__gte=timezone.now()).prefetch_related("agenda_items")
    for meeting in pending:
        _standard_items_match(meeting, first=meeting.pk == first_pk)


def _standard_items_match(meeting, *, first):
    items = {item.kind: item for item in meeting.agenda_items.all()}
    rules = items.get(AgendaItem.Kind.GROUND_RULES)
    wanted, other = _ground_rules(first), _ground_rules(not first)
    if rules and (rules.title, rules.minutes, rules.description) == other:
        rules.title, rules.minutes, rules.description = wanted
        rules.save(update_fields=["title", "minutes", "description"])
    arising = items.get(AgendaItem.Kind.MATTERS_ARISING)
    untouched = arising and (arising.title, arising.minutes, arising.description) == _matters_arising()
    if first and untouched and not arising.papers.exists() and not arising.actions.exists():
        arising.delete()
    elif not first and arising is None:
        after = rules.position if rules else 0
        title, minutes, description = _matters_arising()
        AgendaItem.objects.create(
            meeting=meeting,
            kind=AgendaItem.Kind.MATTERS_ARISING,
            title=title,
            minutes=minutes,
            description=description,
            position=after + 5,
        )


def meeting_update(*, meeting, starts_at, ends_at, **details):
    """Change a meeting's time or details. A new time re-schedules the pack (stale tasks
    then do nothing); members are told of a new time or place and their calendars update."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        before = {f: getattr(meeting, f) for f in NOTIFY_FIELDS}
        moved = meeting.starts_at != starts_at
        meeting.starts_at, meeting.ends_at = starts_at, ends_at
        for field, value in details.items():
            setattr(meeting, field, value)
        changed = [f for f in NOTIFY_FIELDS if getattr(meeting, f) != before[f]]
        if changed:
            meeting.sequence += 1
        meeting.save()
        if moved:
            standard_items_refresh(group=meeting.group)
            if meeting.pack_sent_at is None:
                meeting.pack_version += 1
                meeting.save(update_fields=["pack_version"])
                pack_schedule(meeting=meeting)
            # A reminder already sent was for the old date: the new date gets its own.
            meeting.reminder_sent_at = None
            meeting.save(update_fields=["reminder_sent_at"])
        if moved or (changed and meeting.reminder_sent_at is None):
            # The reminder task carries the sequence it was planned for, so any change that
            # raises the sequence needs a new one (the old one finds itself stale).
            reminder_schedule(meeting=meeting)
        if changed:
            members_notify(
                meeting=meeting, kind="meetings.meeting_changed", stem=f"changed:{meeting.pk}:{meeting.sequence}"
            )
    return meeting


def meeting_cancel(*, meeting):
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.is_cancelled:
            return meeting
        meeting.status = Meeting.Status.CANCELLED
        meeting.sequence += 1
        meeting.save(update_fields=["status", "sequence"])
        standard_items_refresh(group=meeting.group)
        members_notify(meeting=meeting, kind="meetings.meeting_cancelled", stem=f"cancelled:{meeting.pk}")
    return meeting


def member_links_renew(*, group, person):
    """New calendar and paper links for a member (the old ones stop working now), emailed to
    them: for a link that reached someone else."""
    with transaction.atomic():
        member_link_revoke(group=group, person=person)
        link = group.member_links.get(person=person)
        if person.email and not person.erased_at:
            email_queue(
                kind="meetings.member_links",
                key=f"member-links:g{group.pk}:p{person.pk}:{link.generation}",
                recipient=person.email,
                params={"group": group.pk, "person": person.pk},
                organisation=group.project.organisation,
                person=person,
                topic=f"group:{group.pk}",
            )


# --- who gets what ------------------------------------------------------------------


def members_for(meeting):
    """Current members of the meeting's group (on the day of the meeting, or today if later)."""
    on = max(timezone.localdate(), timezone.localtime(meeting.starts_at).date())
    return (
        Person.objects.filter(
            memberships__in=Membership.objects.current(on=on).filter(group_id=meeting.group_id), erased_at__isnull=True
        )
        .distinct()
        .order_by("name", "pk")
    )


def wants_post(person):
    return person.preferred_contact == Person.Contact.POST or person.preferred_format == Person.Format.PAPER


def emailable(person):
    return bool(person.email) and not wants_post(person)


def members_notify(*, meeting, kind, stem, params=None):
    """Queue one message for each member with email; the key (stem + person) makes it once."""
    organisation = meeting.group.project.organisation
    for person in members_for(meeting):
        if emailable(person):
            email_queue(
                kind=kind,
                key=f"{stem}:{person.pk}",
                recipient=person.email,
                params={"meeting": meeting.pk, "person": person.pk, **(params or {})},
                organisation=organisation,
                person=person,
                topic=meeting.topic,
            )


# --- the agenda pack ---------------------------------------------------------------


def pack_due(meeting):
    days = meeting_settings_for(meeting.group).pack_days_before
    return meeting.starts_at - dt.timedelta(days=days)


def pack_schedule(*, meeting):
    """Schedule the pack for its due time (or at once if that has passed)."""
    from .tasks import agenda_pack_send

    if meeting.is_cancelled or meeting.pack_sent_at or meeting.starts_at <= timezone.now():
        return
    meeting.pack_due_at = pack_due(meeting)
    Meeting.objects.filter(pk=meeting.pk).update(pack_due_at=meeting.pack_due_at)
    if meeting.pack_due_at > timezone.now():
        agenda_pack_send.using(run_after=meeting.pack_due_at).enqueue(meeting.pk, meeting.pack_version)
    else:
        agenda_pack_send.enqueue(meeting.pk, meeting.pack_version)


def group_packs_reschedule(*, group):
    """After a group changes how many days ahead packs go: re-plan every pack not yet sent."""
    with transaction.atomic():
        for meeting in Meeting.objects.select_for_update().filter(
            group=group, pack_sent_at__isnull=True, status=Meeting.Status.SCHEDULED, starts_at__gt=timezone.now()
        ):
            meeting.pack_version += 1
            meeting.save(update_fields=["pack_version"])
            pack_schedule(meeting=meeting)


def pack_send(*, meeting_id, version):
    """Runs in the worker at the due time. Sends the pack to each member exactly once: a stale
    version (the meeting moved), a cancelled or past meeting, or a pack already sent does nothing."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("group__project__organisation").get(pk=meeting_id)
        now = timezone.now()
        if (
            meeting.is_cancelled
            or meeting.pack_version != version
            or meeting.pack_sent_at is not None
            or meeting.starts_at <= now
            or (meeting.pack_due_at and meeting.pack_due_at > now)
        ):
            return "not due"
        stem = f"pack:{meeting.pk}:{meeting.pack_version}"
        members_notify(
            meeting=meeting, kind="meetings.agenda_pack", stem=stem, params={"version": meeting.pack_version}
        )
        for person in members_for(meeting):
            if not emailable(person):
                PackPosting.objects.get_or_create(meeting=meeting, person=person, pack_version=meeting.pack_version)
        meeting.pack_sent_at = now
        meeting.save(update_fields=["pack_sent_at"])
    return "sent"


def reminder_schedule(*, meeting):
    from .tasks import meeting_reminder_send

    due = meeting.starts_at - dt.timedelta(days=meeting_settings_for(meeting.group).reminder_days_before)
    # A reminder whose time has passed is not sent late: the pack has just gone.
    if not meeting.is_cancelled and due > timezone.now():
        meeting_reminder_send.using(run_after=due).enqueue(meeting.pk, meeting.sequence)


def reminder_send(*, meeting_id, sequence):
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("group__project__organisation").get(pk=meeting_id)
        if meeting.is_cancelled or meeting.sequence != sequence or meeting.starts_at <= timezone.now():
            return "not due"
        members_notify(meeting=meeting, kind="meetings.reminder", stem=f"reminder:{meeting.pk}:{meeting.sequence}")
        meeting.reminder_sent_at = timezone.now()
        meeting.save(update_fields=["reminder_sent_at"])
    return "sent"


# --- agenda and papers ----------------------------------------------------------------


def item_add(*, meeting, **fields):
    """A new item goes before reflection time, which stays at the end."""
    with transaction.atomic():
        reflection = meeting.agenda_items.filter(kind=AgendaItem.Kind.REFLECTION).first()
        last = meeting.agenda_items.exclude(kind=AgendaItem.Kind.REFLECTION).aggregate(m=Max("position"))["m"] or 0
        item = AgendaItem.objects.create(meeting=meeting, position=last + 10, **fields)
        if reflection and reflection.position <= item.position:
            reflection.position = item.position + 10
            reflection.save(update_fields=["position"])
    return item


def item_move(*, item, direction):
    """Swap an item with its neighbour (up or down)."""
    with transaction.atomic():
        items = list(item.meeting.agenda_items.select_for_update())
        index = next(i for i, it in enumerate(items) if it.pk == item.pk)
        other = index - 1 if direction == "up" else index + 1
        if 0 <= other < len(items):
            items[index], items[other] = items[other], items[index]
            for position, it in enumerate(items, start=1):
                it.position = position * 10
            AgendaItem.objects.bulk_update(items, ["position"])


def paper_add(*, item, title, upload, content_type):
    with transaction.atomic():
        paper = Paper.objects.create(
            item=item,
            title=title,
            file=upload,
            original_name=upload.name[:255],
            content_type=content_type,
            size=upload.size,
        )
        _paper_changed(meeting=item.meeting, description=_("New paper: %(title)s") % {"title": title})
    return paper


def paper_remove(*, paper):
    meeting = paper.item.meeting
    with transaction.atomic():
        title = paper.title
        paper.file.delete(save=False)
        paper.delete()
        _paper_changed(meeting=meeting, description=_("Withdrawn: %(title)s") % {"title": title})


def _paper_changed(*, meeting, description):
    from .tasks import papers_update_send

    meeting = Meeting.objects.get(pk=meeting.pk)  # the pack may have gone since it was read
    if meeting.pack_sent_at is None or meeting.is_cancelled or meeting.is_past:
        return
    PaperChange.objects.create(meeting=meeting, description=description)
    papers_update_send.using(run_after=timezone.now() + PAPERS_UPDATE_DELAY).enqueue(meeting.pk)


def papers_update_send(*, meeting_id):
    """Send one "updated papers" email covering every change not sent yet (idempotent)."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("group__project__organisation").get(pk=meeting_id)
        pending = meeting.paper_changes.filter(batch__isnull=True)
        if meeting.is_cancelled or meeting.is_past or not pending.exists():
            return "nothing to send"
        meeting.papers_update_count += 1
        meeting.save(update_fields=["papers_update_count"])
        pending.update(batch=meeting.papers_update_count)
        batch = meeting.papers_update_count
        members_notify(
            meeting=meeting,
            kind="meetings.papers_updated",
            stem=f"papers:{meeting.pk}:{batch}",
            params={"batch": batch},
        )
        for person in members_for(meeting):
            if not emailable(person):
                # Post members get the whole pack again, marked for printing.
                PackPosting.objects.get_or_create(
                    meeting=meeting, person=person, pack_version=meeting.pack_version, papers_batch=batch
                )
    return "sent"


def posting_done(*, posting):
    PackPosting.objects.filter(pk=posting.pk, posted_at__isnull=True).update(posted_at=timezone.now())


# --- on the day and after ------------------------------------------------------------------


def attendance_record(*, meeting, rows):
    """rows: (person, status, hours[, way]); one row per person, replaced when recorded again."""
    with transaction.atomic():
        for person, status, hours, *rest in rows:
            way = rest[0] if rest else ""
            if not status:
                Attendance.objects.filter(meeting=meeting, person=person).delete()
                continue
            Attendance.objects.update_or_create(
                meeting=meeting, person=person, defaults={"status": status, "hours": hours, "way": way}
            )


def event_save(*, event, people):
    """Save the event and who came. People erased since stay counted: their rows are kept."""
    with transaction.atomic():
        event.save()
        chosen = {person.pk for person in people}
        event.attendance.filter(person__erased_at__isnull=True).exclude(person__in=chosen).delete()
        known = set(event.attendance.values_list("person_id", flat=True))
        EventAttendance.objects.bulk_create(EventAttendance(event=event, person_id=pk) for pk in sorted(chosen - known))
    return event


def notes_can_be_approved(meeting):
    """Only once the meeting has ended: notes of a meeting still going on are not finished."""
    return not meeting.is_cancelled and meeting.ends_at <= timezone.now()


def notes_approve(*, meeting, user):
    """Approve the notes and circulate them to every member (once). Notes of a meeting not
    yet held, or cancelled, cannot be approved (returns None): there is nothing to circulate."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("group__project__organisation").get(pk=meeting.pk)
        if meeting.notes_status == Meeting.NotesStatus.APPROVED:
            return meeting
        if not notes_can_be_approved(meeting):
            return None
        meeting.notes_status = Meeting.NotesStatus.APPROVED
        meeting.notes_approved_at = timezone.now()
        meeting.notes_approved_by = user
        meeting.save(update_fields=["notes_status", "notes_approved_at", "notes_approved_by"])
        members_notify(meeting=meeting, kind="meetings.notes", stem=f"notes:{meeting.pk}")
    return meeting


def action_status_set(*, action, status):
    Action.objects.filter(pk=action.pk).update(status=status)
