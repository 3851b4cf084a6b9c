"""Demo questionnaires: for each demo project a start and an end questionnaire (closed, with
enough anonymous answers for results to show) and, for the first, one still open."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from core.anonymity import token_new

from .models import Audience, Invitation
from .services import _response_save, audience_for, questionnaire_create

# Leaning towards agreement, more so at the end: (weights for values 0..5).
START_WEIGHTS = [1, 4, 8, 10, 9, 4]
END_WEIGHTS = [1, 1, 3, 5, 14, 10]
# What people wrote in answer to the free-text questions.
TEXTS = ["More evening meetings, please", "Clearer papers before meetings", "Being listened to", "Transport help"]
# (title, point, opens and closes: days from today); the end questionnaire repeats the start one.
START = ("Outcome questionnaire: start", "start", -120, -106)
END = ("Outcome questionnaire: end", "end", -20, -6)
# The first project also has one open now, so answering can be tried.
DURING = ("Outcome questionnaire: during the project", "during", -3, 11)


def _as_list(value):
    if value is None:
        return []
    if isinstance(value, dict):
        return list(value.values())
    return list(value)


def _answer_all(questionnaire, members, weights, rng, minimum):
    """Invite the members, and record answers from those who answered plus paper answers
    so that each audience reaches the minimum."""
    by_audience = {Audience.RESIDENTS: 0, Audience.COUNCIL: 0}
    invitations = []
    for person, audience in members:
        answered = rng.random() < 0.8
        invitations.append(
            Invitation(
                questionnaire=questionnaire,
                person=person,
                audience=audience,
                token_hash=token_new()[1],
                sent_at=timezone.now(),
                completed=answered,
            )
        )
        by_audience[audience] += answered
    Invitation.objects.bulk_create(invitations)
    for audience, count in by_audience.items():
        statements = list(questionnaire.statements.for_audience(audience))
        for _ in range(max(count, minimum + 1)):
            answers = []
            for statement in statements:
                if statement.is_likert:
                    answers.append((statement.pk, rng.choices(range(6), weights=weights)[0], ""))
                elif rng.random() < 0.7:
                    answers.append((statement.pk, None, rng.choice(TEXTS)))
            _response_save(questionnaire=questionnaire, audience=audience, answers=answers)


def _questionnaire(project, spec, today, repeats=None):
    title, point, opens, closes = spec
    return questionnaire_create(
        project=project,
        title=title,
        point=point,
        repeats=repeats,
        opens_on=today + timedelta(days=opens),
        closes_on=today + timedelta(days=closes),
    )


def _members(groups, project):
    """(person, audience) for everyone with an email in the project's groups, each once."""
    members = []
    for group in [g for g in groups if g.project_id == project.pk]:
        for membership in group.memberships.current().select_related("person"):
            audience = audience_for(membership.member_type, Audience.COUNCIL)
            if membership.person.email and all(m[0] != membership.person for m in members):
                members.append((membership.person, audience))
    return members


def _invite(questionnaire, members):
    Invitation.objects.bulk_create(
        Invitation(
            questionnaire=questionnaire,
            person=person,
            audience=audience,
            token_hash=token_new()[1],
            sent_at=timezone.now(),
        )
        for person, audience in members
    )


@transaction.atomic
def load(organisation, context):
    rng = random.Random(5)
    today = timezone.localdate()
    questionnaires = []
    groups = [g for g in _as_list(context.get("groups")) if g.project.organisation_id == organisation.pk]
    projects = [p for p in _as_list(context.get("projects")) if p.organisation_id == organisation.pk]
    projects += [g.project for g in groups if g.project not in projects]
    for index, project in enumerate(projects[:3]):
        if project.questionnaires.exists():
            questionnaires += list(project.questionnaires.all())
            continue
        members = _members(groups, project)
        start = _questionnaire(project, START, today)
        end = _questionnaire(project, END, today, repeats=start)
        _answer_all(start, members, START_WEIGHTS, rng, organisation.min_responses)
        _answer_all(end, members, END_WEIGHTS, rng, organisation.min_responses)
        questionnaires += [start, end]
        if index == 0:
            current = _questionnaire(project, DURING, today)
            _invite(current, members)
            questionnaires.append(current)
    context["questionnaires"] = questionnaires
