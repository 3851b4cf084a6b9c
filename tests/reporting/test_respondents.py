"""People who answered questionnaires, as the reports count them: from the invitations
(which know who answered, never what), the same before and after the questionnaires are
tallied and through every change."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from outcomes import services
from outcomes.models import Invitation, Questionnaire
from projects.models import Project
from reporting.figures import people_by_project, people_total
from reporting.participation import participation
from tests.factories import PersonFactory, ProjectFactory, QuestionnaireFactory

TODAY = timezone.localdate()


def _questionnaire(project, closes_in_days):
    return QuestionnaireFactory(
        project=project, opens_on=TODAY - dt.timedelta(days=40), closes_on=TODAY + dt.timedelta(days=closes_in_days)
    )


def _invite(questionnaire, person, completed=True):
    return Invitation.objects.create(
        questionnaire=questionnaire,
        person=person,
        audience="residents",
        token_hash=f"{questionnaire.pk:08d}{person.pk:056d}",
        completed=completed,
    )


def _counts():
    projects = Project.objects.all()
    ways = participation(projects)
    return {
        "by_project": people_by_project(projects),
        "total": people_total(projects),
        "answered": (ways.questionnaire_people, ways.questionnaire_online),
    }


@pytest.fixture
def world(organisation):
    a, b = ProjectFactory(organisation=organisation), ProjectFactory(organisation=organisation)
    people = {name: PersonFactory(organisation=organisation, name=name) for name in ("Ann", "Bob", "Cat", "Dan")}
    first, second, still_open = _questionnaire(a, -20), _questionnaire(a, -2), _questionnaire(a, 5)
    other = _questionnaire(b, -3)
    _invite(first, people["Ann"])
    _invite(first, people["Bob"])
    _invite(first, people["Cat"], completed=False)
    _invite(second, people["Ann"])
    _invite(second, people["Cat"], completed=False)
    _invite(still_open, people["Dan"])
    _invite(other, people["Bob"])
    return a, b, people, second, other


def test_people_who_answered_are_counted_the_same_once_the_questionnaires_are_tallied(world):
    a, b, _people, _second, _other = world
    # By hand: A has Ann (twice), Bob and Dan (in the open questionnaire); B has Bob.
    by_hand = {"by_project": {a.pk: 3, b.pk: 1}, "total": 3, "answered": (3, 5)}
    assert _counts() == by_hand
    services.questionnaires_tally()
    assert _counts() == by_hand


def test_the_counts_follow_each_change(world):
    a, b, people, second, other = world
    services.questionnaires_tally()

    # Reopened: Cat's answer counts at once.
    Questionnaire.objects.filter(pk=second.pk).update(closes_on=TODAY + dt.timedelta(days=3))
    Invitation.objects.filter(questionnaire=second, person=people["Cat"]).update(completed=True)
    assert _counts() == {"by_project": {a.pk: 4, b.pk: 1}, "total": 4, "answered": (4, 6)}

    # A questionnaire deleted: nobody is counted for it any more.
    other.delete()
    assert _counts() == {"by_project": {a.pk: 4}, "total": 4, "answered": (4, 5)}

    # A person erased: gone with their invitations.
    people["Ann"].delete()
    expected = {"by_project": {a.pk: 3}, "total": 3, "answered": (3, 3)}
    assert _counts() == expected

    # Closed and tallied again: the figures stay the same.
    Questionnaire.objects.filter(pk=second.pk).update(closes_on=TODAY - dt.timedelta(days=1))
    services.questionnaires_tally()
    assert _counts() == expected


def test_counting_who_answered_takes_the_same_queries_for_more_projects(organisation):
    def counted():
        with CaptureQueriesContext(connection) as queries:
            _counts()
        return len(queries)

    def add_project():
        project = ProjectFactory(organisation=organisation)
        questionnaire = _questionnaire(project, -2)
        for _ in range(3):
            _invite(questionnaire, PersonFactory(organisation=organisation))
        services.questionnaires_tally()

    add_project()
    before = counted()
    for _ in range(3):
        add_project()
    assert counted() == before
