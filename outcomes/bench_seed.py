"""Bulk data for `python -m reporting.bench` (not the submit benchmark, which is bench.py):
closed outcome questionnaires at the start and end of projects, their invitations (answered)
and 100,000 anonymous responses with their answers at the large size; the closed ones are
then tallied, as the periodic job (tasks.questionnaires_tally) does minutes after they close."""

import datetime as dt
import uuid
from collections import defaultdict

from groups.models import Membership

from . import guide, services
from .models import Answer, Invitation, Questionnaire, Response, Statement

RESPONSES = 100_000


def seed(*, organisation, projects, groups, people, meetings, scale, rng):
    today = dt.date.today()
    words = dict(zip(("council", "area"), guide.words_for(organisation), strict=False))
    members = defaultdict(dict)
    rows = Membership.objects.filter(group__project__in=projects).values_list(
        "group__project_id", "person_id", "member_type"
    )
    for project_id, person_id, member_type in rows:
        audience = guide.COUNCIL if member_type in Membership.COUNCIL_TYPES else guide.RESIDENTS
        members[project_id][person_id] = audience
    per_project = int(RESPONSES * scale) // len(projects)
    questionnaires, plan = [], []
    for project in projects:
        people_here = list(members[project.pk].items())
        if not people_here:
            continue
        left, k = per_project, 0
        while left > 0:
            point = ["start", "end", "during"][k % 3]
            opens = today - dt.timedelta(days=400 - k)
            questionnaires.append(
                Questionnaire(
                    project=project,
                    title=f"Questionnaire {k + 1}",
                    point=point,
                    opens_on=opens,
                    closes_on=opens + dt.timedelta(days=21),
                )
            )
            invited = people_here[:left]
            plan.append(invited)
            left -= len(invited)
            k += 1
    questionnaires = Questionnaire.objects.bulk_create(questionnaires, batch_size=2000)
    statements = Statement.objects.bulk_create(
        (
            Statement(
                questionnaire=q,
                audience=audience,
                outcome_number=number,
                text=str(text).format(**words),
                key=key,
                position=position,
            )
            for q in questionnaires
            for position, (key, number, audience, text) in enumerate(guide.STATEMENTS)
        ),
        batch_size=5000,
    )
    by_questionnaire = defaultdict(lambda: defaultdict(list))
    for s in statements:
        for audience in (guide.RESIDENTS, guide.COUNCIL):
            if s.audience in (guide.BOTH, audience):
                by_questionnaire[s.questionnaire_id][audience].append(s.pk)
    invitations, responses, answers = [], [], []

    def flush():
        # In chunks, so the seed never holds all 600,000 answers in memory at once.
        Invitation.objects.bulk_create(invitations, batch_size=5000)
        Response.objects.bulk_create(responses, batch_size=5000)
        Answer.objects.bulk_create(answers, batch_size=5000)
        invitations.clear()
        responses.clear()
        answers.clear()

    for q, invited in zip(questionnaires, plan, strict=True):
        if len(answers) >= 30_000:
            flush()
        for person_id, audience in invited:
            invitations.append(
                Invitation(
                    questionnaire=q,
                    person_id=person_id,
                    audience=audience,
                    token_hash=f"{rng.getrandbits(256):064x}",
                    completed=True,
                )
            )
            response = Response(id=uuid.uuid4(), questionnaire=q, audience=audience)
            responses.append(response)
            # Mostly agreeing, more so at the end; now and then "Prefer not to say".
            lean = 0.6 if q.point == "end" else 0.45
            for statement_id in by_questionnaire[q.pk][audience]:
                roll = rng.random()
                value = 0 if roll < 0.03 else (rng.choice((4, 5)) if roll < lean else rng.randint(1, 3))
                answers.append(Answer(id=uuid.uuid4(), response_id=response.id, statement_id=statement_id, value=value))
    flush()
    services.questionnaires_tally()
