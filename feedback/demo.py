"""Demo reflection: past rounds with enough answers to show a trend, a drop in one principle,
suggestions with some "we did" entries, and a round open now so the code can be tried."""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from core.anonymity import token_new
from meetings.models import Meeting

from . import services
from .guide import default_questions
from .models import (
    ReflectionAnswer,
    ReflectionAnswerAuthor,
    ReflectionInvitation,
    ReflectionRound,
    ReflectionSetup,
    WeDid,
)

# Share of people agreeing in each past round (Equality, Making a difference, Inclusive): Inclusive
# drops in the third round (flagged on the dashboard) and partly recovers in the fourth.
SHARES = [(0.6, 0.6, 0.8), (0.8, 0.6, 0.8), (0.8, 0.8, 0.4), (1.0, 0.8, 0.6)]
SUGGESTIONS = [
    "Send the papers a week before in large print as well as by email.",
    "Have a proper break halfway through: two hours is long without one.",
    "Explain council terms when they come up; I did not know what a commissioning cycle was.",
    "The room upstairs has no lift: please meet on the ground floor.",
    "Give residents time to speak first on each item.",
    "Share the notes sooner so we can remember what we agreed.",
]
WE_DID = {
    0: "Papers now go out eight days before each meeting, in standard and large print.",
    1: "Meetings now have a 15-minute break at the halfway point.",
    3: "Meetings moved to the ground-floor room at the library, which has step-free access.",
}
# The third round's first answer says why Inclusive dropped.
HEARING_LOOP = "The hearing loop was not working."
HEARING_LOOP_AT = (2, 0)
COMMENTS = {
    "group_working": ["Friendly and well chaired.", "Better than at the start.", "Some voices still dominate."],
    "self_working": ["I am finding my feet.", "I speak up more now.", "I could prepare more."],
}


def _groups(context, organisation):
    groups = context.get("groups") or []
    if isinstance(groups, dict):
        groups = list(groups.values())
    return [g for g in groups if g.project.organisation_id == organisation.pk]


def _past_meetings(group):
    """Held meetings after the first (the guide: never reflect at the first meeting) whose
    week for answering is over."""
    held = group.meetings.exclude(status=Meeting.Status.CANCELLED).order_by("starts_at")
    return [m for m in list(held)[1:] if m.ends_at < timezone.now() - dt.timedelta(days=7)]


def _ratings(rng, agree_share, count):
    """Exactly the share agreeing (rounded), in a shuffled order, so the trend is as designed."""
    agreeing = round(agree_share * count)
    ratings = [rng.choice([4, 5]) for _ in range(agreeing)] + [
        rng.choice([1, 2, 3, 3]) for _ in range(count - agreeing)
    ]
    rng.shuffle(ratings)
    return ratings


def load(organisation, context):
    rounds = []
    for group in _groups(context, organisation):
        if ReflectionSetup.objects.filter(group=group).exists():
            rounds += list(group.reflection_rounds.all())
            continue
        if len(_past_meetings(group)) < len(SHARES):
            continue  # too new to have reflected: never before or at the first meeting
        with transaction.atomic():
            rounds += _load_group(group)
    context["reflection_rounds"] = rounds


def _load_group(group):
    rng = random.Random(f"reflection-{group.pk}")
    people = [m.person for m in group.memberships.current().select_related("person")]
    # The minimum number rule would hide a small group's anonymous answers: name them instead.
    anonymous = len(people) >= 6
    ReflectionSetup.objects.create(
        group=group,
        frequency=ReflectionSetup.Frequency.EVERY_MEETING,
        anonymous=anonymous,
        starts_on=timezone.localdate(),
    )
    held = list(group.meetings.exclude(status=Meeting.Status.CANCELLED).order_by("starts_at"))
    made, done = [], set()
    for index, (meeting, shares) in enumerate(zip(_past_meetings(group)[-len(SHARES) :], SHARES, strict=True)):
        round = _past_round(group, meeting, anonymous)
        _answers(round, index, shares, people, rng)
        _we_did(round, index, held, done)
        made.append(round)
    # Rounds for the meetings still to come, as the schedule plans them.
    made += services.rounds_schedule(group=group)
    made.append(_open_round(group, anonymous))
    return made


def _past_round(group, meeting, anonymous):
    return ReflectionRound.objects.create(
        group=group,
        meeting=meeting,
        date=timezone.localdate(meeting.starts_at),
        opens_at=meeting.starts_at,
        closes_at=meeting.ends_at + dt.timedelta(days=7),
        status=ReflectionRound.Status.CLOSED,
        anonymous=anonymous,
        questions=default_questions(),
    )


def _answers(round, index, shares, people, rng):
    """Most of the group answer (five unnamed answers if it has no members), agreeing in the
    round's shares; a few leave comments or a suggestion."""
    answering = people[: max(5, len(people) - rng.randint(0, 2))] if people else []
    count = len(answering) or 5
    ratings = [_ratings(rng, share, count) for share in shares]
    for position, person in enumerate(answering or range(5)):
        if people:
            ReflectionInvitation.objects.create(round=round, person=person, token_hash=token_new()[1], completed=True)
        answer = ReflectionAnswer.objects.create(
            round=round,
            equality=ratings[0][position],
            difference=ratings[1][position],
            inclusive=ratings[2][position],
            group_working=rng.choice(COMMENTS["group_working"]) if position % 2 == 0 else "",
            self_working=rng.choice(COMMENTS["self_working"]) if position % 3 == 0 else "",
            better=SUGGESTIONS[(index + position) % len(SUGGESTIONS)] if position < 2 else "",
            inclusive_comment=HEARING_LOOP if (index, position) == HEARING_LOOP_AT else "",
        )
        if not round.anonymous and people:
            ReflectionAnswerAuthor.objects.create(answer=answer, person=person)


def _we_did(round, index, held, done):
    """What was done about this round's suggestions, discussed at the next meeting after it closed."""
    for suggestion_index in (index, index + 1):
        if suggestion_index in WE_DID and suggestion_index not in done:
            done.add(suggestion_index)
            WeDid.objects.create(
                round=round,
                you_said=SUGGESTIONS[suggestion_index % len(SUGGESTIONS)],
                we_did=WE_DID[suggestion_index],
                discussed_at=next((m for m in held if m.starts_at > round.closes_at), None),
            )


def _open_round(group, anonymous):
    """A round open now, with its code, so answering on a shared device can be tried."""
    now = timezone.now()
    round = ReflectionRound.objects.create(
        group=group,
        date=timezone.localdate(),
        opens_at=now,
        closes_at=now + dt.timedelta(days=7),
        anonymous=anonymous,
        questions=default_questions(),
    )
    services.round_open(round=round, now=now)
    round.refresh_from_db()
    return round
