"""Bulk data for `python -m reporting.bench`: recruitment (people interested who did not take
part, with reasons) and co-production training records."""

import datetime as dt

from .models import Applicant, Membership, RecruitmentRound, TrainingRecord


def seed(*, organisation, projects, groups, people, meetings, scale, rng):
    today = dt.date.today()
    rounds = RecruitmentRound.objects.bulk_create(
        RecruitmentRound(group=g, slug=f"{organisation.slug}-{g.pk}", title=f"Join {g.name}", is_open=False)
        for g in groups
    )
    reasons = [value for value, _label in Applicant.Reason.choices]
    applicants = []
    for i, recruitment in enumerate(rounds):
        for k in range(5):
            applicants.append(
                Applicant(
                    round=recruitment,
                    person=people[(i * 5 + k) % len(people)],
                    member_type="resident",
                    status=Applicant.Status.NOT_TAKING_PART,
                    reason=rng.choice(reasons),
                )
            )
    Applicant.objects.bulk_create(applicants, batch_size=1000)
    memberships = Membership.objects.filter(group__project__organisation=organisation).values_list("pk", flat=True)
    TrainingRecord.objects.bulk_create(
        (
            TrainingRecord(
                membership_id=pk,
                kind=rng.choice(["formal", "informal"]),
                trained_on=today - dt.timedelta(days=rng.randint(1, 500)),
                description="Introduction to co-production",
            )
            for pk in memberships
            if rng.random() < 0.3
        ),
        batch_size=1000,
    )
