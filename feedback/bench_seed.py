"""Bulk data for `python -m reporting.bench`: reflection rounds after the meetings already
held, each member's invitation, 20,000 anonymous answers at the large size (some rounds below
the minimum, so withheld), suggestions and "you said, we did" records."""

import datetime as dt
from collections import defaultdict

from django.utils import timezone

from groups.models import Membership

from .models import ReflectionAnswer, ReflectionInvitation, ReflectionRound, WeDid

ANSWERS = 20_000


def seed(*, organisation, projects, groups, people, meetings, scale, rng):
    now = timezone.now()
    members = defaultdict(list)
    for group_id, person_id in Membership.objects.filter(group__in=groups).values_list("group_id", "person_id"):
        members[group_id].append(person_id)
    held = [m for m in meetings if m.status == "scheduled" and m.ends_at < now and members[m.group_id]]
    target = int(ANSWERS * scale)
    rounds, plan, total = [], [], 0

    def add(group_id, meeting, opens_at, closes_at):
        nonlocal total
        group_members = members[group_id]
        # Every tenth round gets only three answers: below the minimum, so withheld.
        n = 3 if len(rounds) % 10 == 9 else max(1, int(len(group_members) * 0.8))
        n = min(n, len(group_members), target - total)
        rounds.append(
            ReflectionRound(
                group_id=group_id,
                meeting=meeting,
                date=opens_at.date(),
                opens_at=opens_at,
                closes_at=closes_at,
                status="closed",
                anonymous=True,
            )
        )
        plan.append(group_members[:n])
        total += n

    for meeting in held:
        if total >= target:
            break
        add(meeting.group_id, meeting, meeting.starts_at, meeting.ends_at + dt.timedelta(days=7))
    # Held meetings alone give about half the answers wanted: the rest come from rounds tied to
    # a date (a check-in between meetings), monthly going back, for groups that have members.
    with_members = [g for g in groups if members[g.pk]]
    months = 0
    while total < target and with_members:
        months += 1
        for group in with_members:
            if total >= target:
                break
            opens_at = now - dt.timedelta(days=30 * months + rng.randint(0, 20))
            add(group.pk, None, opens_at, opens_at + dt.timedelta(days=7))
    rounds = ReflectionRound.objects.bulk_create(rounds, batch_size=2000)
    invitations, answers, we_did = [], [], []
    for rnd, answering in zip(rounds, plan, strict=True):
        for person_id in members[rnd.group_id]:
            invitations.append(
                ReflectionInvitation(
                    round=rnd,
                    person_id=person_id,
                    token_hash=f"{rng.getrandbits(256):064x}",
                    completed=person_id in answering,
                )
            )
        for _person in answering:
            answers.append(
                ReflectionAnswer(
                    round=rnd,
                    equality=rng.randint(2, 5),
                    difference=rng.randint(1, 5),
                    inclusive=rng.randint(2, 5),
                    better="More time to read the papers" if rng.random() < 0.2 else "",
                )
            )
        if rng.random() < 0.1:
            we_did.append(WeDid(round=rnd, you_said="More time to read the papers", we_did="Papers go out earlier"))
    ReflectionInvitation.objects.bulk_create(invitations, batch_size=5000)
    ReflectionAnswer.objects.bulk_create(answers, batch_size=5000)
    WeDid.objects.bulk_create(we_did, batch_size=2000)
