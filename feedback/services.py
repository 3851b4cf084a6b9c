"""Writes for reflective feedback: planning rounds, opening and closing them, answers, "we did"."""

import datetime as dt
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone

from core.anonymity import LinkUsed, invitation_find, invitation_redeem, token_new
from groups.models import Membership
from meetings.models import Meeting
from outbox.services import email_queue

from .guide import OPEN_KEYS, PRINCIPLE_KEYS
from .models import (
    ReflectionAnswer,
    ReflectionAnswerAuthor,
    ReflectionInvitation,
    ReflectionRound,
    ReflectionSetup,
)

# Short codes for the shared device: no 0/O, 1/I/L, 2/Z, 5/S or 8/B, which are easily confused
# when read off a screen across a room.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 6
# Date-only rounds open at this local time on their date.
DATE_ROUND_OPENS = dt.time(9, 0)
# One reminder goes this long before a round closes (half-way through a shorter round).
REMIND_BEFORE_CLOSE = dt.timedelta(days=2)
REMINDER = "feedback.round_reminder"


def code_normalise(text):
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())


def first_meeting(group):
    """The group's first meeting: its earliest meeting that is not cancelled."""
    return group.meetings.exclude(status=Meeting.Status.CANCELLED).order_by("starts_at", "pk").first()


def _meeting_window(meeting, days_open):
    return meeting.starts_at, meeting.ends_at + dt.timedelta(days=days_open)


def _date_window(date, days_open):
    opens = timezone.make_aware(dt.datetime.combine(date, DATE_ROUND_OPENS))
    return opens, opens + dt.timedelta(days=days_open)


def rounds_due(*, setup, meetings):
    """The rounds a set-up asks for, given the group's meetings (any order, any status).

    Returns a list of ``(meeting or None, date, opens_at, closes_at)``, sorted by date. Never at
    the group's first meeting (the guide: "people may still be finding their feet"):
    - every meeting: each later meeting on or after ``starts_on``;
    - monthly: in each calendar month the group meets, its first such meeting;
    - chosen points: the chosen meetings and dates (never the first meeting, nor a date on or
      before its day)."""
    held = sorted((m for m in meetings if m.status != Meeting.Status.CANCELLED), key=lambda m: (m.starts_at, m.pk))
    first = held[0] if held else None
    later = held[1:]
    first_day = timezone.localdate(first.starts_at) if first else None
    due = []
    if setup.frequency == ReflectionSetup.Frequency.CHOSEN:
        later_ids = {m.pk: m for m in later}
        for point in setup.points.all():
            if point.meeting_id:
                if point.meeting_id in later_ids:
                    meeting = later_ids[point.meeting_id]
                    due.append(
                        (meeting, timezone.localdate(meeting.starts_at), *_meeting_window(meeting, setup.days_open))
                    )
            elif first_day is None or point.date > first_day:
                due.append((None, point.date, *_date_window(point.date, setup.days_open)))
    else:
        months = set()
        for meeting in later:
            day = timezone.localdate(meeting.starts_at)
            if day < setup.starts_on:
                continue
            if setup.frequency == ReflectionSetup.Frequency.MONTHLY:
                if (day.year, day.month) in months:
                    continue
                months.add((day.year, day.month))
            due.append((meeting, day, *_meeting_window(meeting, setup.days_open)))
    return sorted(due, key=lambda item: (item[1], item[2]))


def rounds_schedule(*, group, now=None):
    """Bring the group's planned rounds in line with its set-up and meetings.

    Creates the rounds due and not yet made (skipping any whose time has already passed),
    moves planned rounds whose meeting moved, and removes planned rounds no longer wanted
    (for example a cancelled meeting). Rounds that have opened are never touched.
    Returns the rounds created."""
    now = now or timezone.now()
    setup = getattr(group, "reflection_setup", None)
    if setup is None:
        return []
    due = rounds_due(setup=setup, meetings=list(group.meetings.all()))
    existing = list(group.reflection_rounds.all())
    by_meeting = {r.meeting_id: r for r in existing if r.meeting_id}
    by_date = {r.date: r for r in existing if not r.meeting_id}
    wanted, created = set(), []
    with transaction.atomic():
        for meeting, date, opens_at, closes_at in due:
            current = by_meeting.get(meeting.pk) if meeting else by_date.get(date)
            if current is not None:
                wanted.add(current.pk)
                if current.status == ReflectionRound.Status.PLANNED and (
                    (current.date, current.opens_at, current.closes_at) != (date, opens_at, closes_at)
                ):
                    current.date, current.opens_at, current.closes_at = date, opens_at, closes_at
                    current.save(update_fields=["date", "opens_at", "closes_at"])
                continue
            if closes_at <= now:
                continue
            created.append(
                ReflectionRound.objects.create(
                    group=group,
                    meeting=meeting,
                    date=date,
                    opens_at=opens_at,
                    closes_at=closes_at,
                    anonymous=setup.anonymous,
                    questions=setup.questions,
                )
            )
        group.reflection_rounds.filter(status=ReflectionRound.Status.PLANNED).exclude(
            pk__in=wanted | {r.pk for r in created}
        ).delete()
    return created


def setup_save(*, setup, points_meetings=(), points_dates=()):
    """Save a set-up (and its chosen points), then plan its rounds."""
    with transaction.atomic():
        setup.save()
        setup.points.all().delete()
        if setup.frequency == ReflectionSetup.Frequency.CHOSEN:
            for meeting in points_meetings:
                setup.points.create(meeting=meeting)
            for date in points_dates:
                setup.points.create(date=date)
        rounds_schedule(group=setup.group)
    return setup


def _code_new():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def round_open(*, round, now=None):
    """Open a planned round: fix its questions and privacy, give it a code, invite every
    current member (residents, carers, community representatives, staff, councillors and
    experts alike) and email those with an email address. Safe to call twice."""
    now = now or timezone.now()
    setup = getattr(round.group, "reflection_setup", None)
    with transaction.atomic():
        fields = {"status": ReflectionRound.Status.OPEN}
        if setup is not None:
            fields.update(anonymous=setup.anonymous, questions=setup.questions)
        if not ReflectionRound.objects.filter(pk=round.pk, status=ReflectionRound.Status.PLANNED).update(**fields):
            return False
        for _attempt in range(20):
            try:
                with transaction.atomic():
                    ReflectionRound.objects.filter(pk=round.pk).update(code=_code_new())
                break
            except IntegrityError:
                continue
        round.refresh_from_db()
        if round.opens_at > now:
            # Opened early by hand: it opens now.
            ReflectionRound.objects.filter(pk=round.pk).update(opens_at=now)
            round.opens_at = now
        members = (
            Membership.objects.current(on=round.date)
            .filter(group=round.group, person__erased_at__isnull=True)
            .select_related("person")
        )
        organisation = round.group.project.organisation
        for membership in members:
            invitation, made = ReflectionInvitation.objects.get_or_create(
                round=round, person=membership.person, defaults={"token_hash": token_new()[1]}
            )
            if made and membership.person.email:
                email_queue(
                    kind="feedback.round_invitation",
                    key=f"reflection-invitation:{invitation.pk}",
                    recipient=membership.person.email,
                    params={"invitation_id": invitation.pk},
                    organisation=organisation,
                    person=membership.person,
                    topic=f"reflection-round:{round.pk}",
                )
    return True


def round_close(*, round):
    closed = ReflectionRound.objects.filter(pk=round.pk, status=ReflectionRound.Status.OPEN).update(
        status=ReflectionRound.Status.CLOSED, code=None
    )
    return bool(closed)


def rounds_tick(*, now=None):
    """The periodic job: plan rounds for every group with a set-up, open the rounds that are
    due (which sends the emails), close the rounds whose time is up. (Answers are resealed by
    their own job: tasks.reflection_answers_reseal.)"""
    from groups.models import Group

    now = now or timezone.now()
    for group in Group.objects.filter(reflection_setup__isnull=False).select_related("reflection_setup"):
        rounds_schedule(group=group, now=now)
    due = ReflectionRound.objects.filter(status=ReflectionRound.Status.PLANNED, opens_at__lte=now, closes_at__gt=now)
    for round in due.select_related("group__project__organisation", "group__reflection_setup"):
        round_open(round=round, now=now)
    ReflectionRound.objects.filter(status=ReflectionRound.Status.PLANNED, closes_at__lte=now).update(
        status=ReflectionRound.Status.CLOSED
    )
    for round in ReflectionRound.objects.filter(status=ReflectionRound.Status.OPEN, closes_at__lte=now):
        round_close(round=round)
    reminders_send(now=now)


def reminder_due_at(round):
    return round.closes_at - min(REMIND_BEFORE_CLOSE, (round.closes_at - round.opens_at) / 2)


def reminders_send(*, now=None):
    """Queue one reminder to each member who has not answered an open round, once the round's
    reminder time has come. Only members whose invitation went before that time are reminded,
    and each at most once (reminders_sent, and the outbox key)."""
    now = now or timezone.now()
    open_rounds = ReflectionRound.objects.filter(status=ReflectionRound.Status.OPEN, closes_at__gt=now)
    for round in open_rounds.select_related("group__project__organisation"):
        due_at = reminder_due_at(round)
        if now < due_at:
            continue
        with transaction.atomic():
            waiting = (
                ReflectionInvitation.objects.select_for_update(of=("self",))
                .filter(round=round, completed=False, reminders_sent=0, sent_at__lt=due_at)
                .exclude(person__email="")
                .select_related("person")
            )
            for invitation in waiting:
                email_queue(
                    kind=REMINDER,
                    key=f"reflection-reminder:{invitation.pk}",
                    recipient=invitation.person.email,
                    params={"invitation_id": invitation.pk},
                    organisation=round.group.project.organisation,
                    person=invitation.person,
                    topic=f"reflection-round:{round.pk}",
                )
            waiting.update(reminders_sent=1, last_reminded_at=now)


def _answer_writer(cleaned):
    def write(invitation):
        round = invitation.round
        values = {key: cleaned.get(key) for key in PRINCIPLE_KEYS}
        values.update({f"{key}_comment": cleaned.get(f"{key}_comment", "") for key in PRINCIPLE_KEYS})
        values.update({key: cleaned.get(key, "") for key in OPEN_KEYS})
        # No date or time: the round's date is the finest an answer has (docs/anonymity.md).
        answer = ReflectionAnswer.objects.create(round=round, **values)
        if not round.anonymous:
            ReflectionAnswerAuthor.objects.create(answer=answer, person=invitation.person)
        return answer

    return write


def _open_invitations():
    return ReflectionInvitation.objects.filter(round__status=ReflectionRound.Status.OPEN).select_related("round")


def answer_by_link(*, token, cleaned):
    """Store an answer from an emailed link. Raises LinkInvalid / LinkUsed (nothing stored)."""
    invitation = invitation_find(_open_invitations(), token)
    return invitation_redeem(_open_invitations(), invitation, _answer_writer(cleaned), token=token)


def answer_by_code(*, round, invitation_id, cleaned):
    """Store an answer given on the shared device at the meeting, using up the chosen
    member's invitation exactly as their emailed link would (their link then shows that it
    was used). Raises LinkUsed (nothing stored)."""
    invitation = _open_invitations().filter(round=round, pk=invitation_id, completed=False).first()
    if invitation is None:
        raise LinkUsed
    return invitation_redeem(_open_invitations(), invitation, _answer_writer(cleaned))


def we_did_save(*, we_did, user):
    we_did.recorded_by = user
    we_did.save()
    return we_did
