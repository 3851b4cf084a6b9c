"""Tallies of closed questionnaires: written once after closing by the periodic job, read by
the reports with exactly the figures the answers give, and a closed questionnaire not yet
tallied still counted (live). Paper answers are refused once a questionnaire has closed."""

import datetime as dt
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from outcomes import services, tasks
from outcomes.models import SCALE_COUNTS, Answer, Questionnaire, Response, StatementTally
from projects.models import Project
from reporting.evidence import outcome_scores
from tests.factories import OutcomeFactory, ProjectFactory, QuestionnaireFactory, responses_add

TODAY = timezone.localdate()


def _closed(project, point="end", days_ago=1):
    return QuestionnaireFactory(
        project=project,
        point=point,
        opens_on=TODAY - dt.timedelta(days=30),
        closes_on=TODAY - dt.timedelta(days=days_ago),
    )


def _mixed_answers(questionnaire, audience, count, seed):
    """Responses with varied values (including "Prefer not to say") per statement, the same
    on every run and every database."""
    rng = random.Random(seed)
    responses = responses_add(questionnaire, audience=audience, count=count)
    # In the order the responses were made, and by statement within each: their ids are random,
    # so ordering by id would give each statement different values on each run.
    made = {response.pk: i for i, response in enumerate(responses)}
    answers = sorted(
        Answer.objects.filter(response__in=responses, value__isnull=False).select_related("statement"),
        key=lambda a: (made[a.response_id], a.statement.position, a.statement_id),
    )
    for answer in answers:
        answer.value = rng.choice([0, 1, 2, 3, 4, 5])
    Answer.objects.bulk_update(answers, ["value"])


def _figures(scores):
    return [
        (s.outcome, s.audience, s.key, [(c.counts, c.withheld_answers) for c in s.point_cells], s.change)
        for s in scores.statements
    ], [
        (n, [(label, {p: c.counts for p, c in totals.items()}) for label, totals in auds])
        for n, _t, auds in scores.outcomes
    ]


@pytest.fixture
def questionnaires(organisation):
    organisation.min_responses = 3
    organisation.save()
    a, b = ProjectFactory(organisation=organisation), ProjectFactory(organisation=organisation)
    start_a, end_a = _closed(a, "start", 20), _closed(a, "end", 2)
    _mixed_answers(start_a, "residents", 4, 1)
    _mixed_answers(start_a, "council", 2, 2)  # below the minimum: withheld
    _mixed_answers(end_a, "residents", 5, 3)
    _mixed_answers(end_a, "council", 3, 4)
    end_b = _closed(b, "end", 3)
    _mixed_answers(end_b, "residents", 3, 5)
    still_open = QuestionnaireFactory(project=b)
    responses_add(still_open, count=4, value=1)
    return [start_a, end_a, end_b, still_open]


def test_the_periodic_job_tallies_each_closed_questionnaire_once(questionnaires):
    start_a, end_a, end_b, still_open = questionnaires
    tasks.questionnaires_tally()
    tallied = set(Questionnaire.objects.filter(tallied_at__isnull=False).values_list("pk", flat=True))
    assert tallied == {start_a.pk, end_a.pk, end_b.pk}
    rows = StatementTally.objects.filter(questionnaire=end_a)
    answers = Answer.objects.filter(response__questionnaire=end_a, value__isnull=False)
    assert sum(getattr(r, name) for r in rows for name in SCALE_COUNTS.values()) == answers.count()
    for value, name in SCALE_COUNTS.items():
        assert sum(getattr(r, name) for r in rows) == answers.filter(value=value).count(), name
    first = Questionnaire.objects.get(pk=end_a.pk).tallied_at
    # The next run finds nothing to do, and rewrites nothing.
    assert services.questionnaires_tally(now=timezone.now() + dt.timedelta(minutes=5)) == 0
    assert Questionnaire.objects.get(pk=end_a.pk).tallied_at == first
    assert not StatementTally.objects.filter(questionnaire=still_open).exists()


def test_reports_give_identical_figures_from_tallies_and_from_live_answers(questionnaires, organisation):
    projects = Project.objects.filter(organisation=organisation)
    live = outcome_scores(projects, organisation, TODAY, by_project=True)
    assert live.any_answers
    services.questionnaires_tally()
    # The answers are no longer read: changing one (which the service never lets happen once
    # closed) would not move the reported figures.
    Answer.objects.filter(response__questionnaire=questionnaires[1], value__isnull=False).update(value=1)
    tallied = outcome_scores(projects, organisation, TODAY, by_project=True)
    assert _figures(tallied) == _figures(live)
    assert {k: {kk: (v.counts if v else None) for kk, v in d.items()} for k, d in tallied.project_rows.items()} == {
        k: {kk: (v.counts if v else None) for kk, v in d.items()} for k, d in live.project_rows.items()
    }


def test_a_closed_questionnaire_not_yet_tallied_is_still_counted(questionnaires, organisation):
    projects = Project.objects.filter(organisation=organisation)
    live = outcome_scores(projects, organisation, TODAY)
    start_a, end_a, end_b, _open = questionnaires
    services.questionnaire_tally(questionnaire=start_a)
    services.questionnaire_tally(questionnaire=end_b)
    mixed = outcome_scores(projects, organisation, TODAY)
    assert _figures(mixed) == _figures(live)
    assert Questionnaire.objects.closed_on(TODAY).untallied().get() == end_a


def test_reading_tallies_takes_the_same_number_of_queries(questionnaires, organisation):
    projects = Project.objects.filter(organisation=organisation)
    with CaptureQueriesContext(connection) as before:
        outcome_scores(projects, organisation, TODAY)
    services.questionnaires_tally()
    with CaptureQueriesContext(connection) as after:
        outcome_scores(projects, organisation, TODAY)
    # The figures alone: the guide has every statement's wording.
    assert len(before) == len(after) == 1


def test_an_open_questionnaire_is_not_tallied(organisation):
    questionnaire = QuestionnaireFactory(project=ProjectFactory(organisation=organisation))
    responses_add(questionnaire, count=3)
    assert services.questionnaire_tally(questionnaire=questionnaire) is False
    assert not StatementTally.objects.exists()


def test_a_questionnaire_reopened_before_any_answer_is_tallied_again_after_it_closes(organisation):
    questionnaire = _closed(ProjectFactory(organisation=organisation))
    services.questionnaires_tally()
    assert not StatementTally.objects.filter(questionnaire=questionnaire).exists()
    questionnaire.closes_on = TODAY + dt.timedelta(days=7)
    questionnaire.save()
    responses_add(questionnaire, count=3, value=5)
    later = timezone.now() + dt.timedelta(days=9)
    assert services.questionnaires_tally(now=later) == 1
    assert (
        sum(r.agree_strongly for r in StatementTally.objects.filter(questionnaire=questionnaire))
        == Answer.objects.filter(value=5).count()
    )


def test_paper_answers_are_refused_once_the_questionnaire_has_closed(organisation):
    questionnaire = _closed(ProjectFactory(organisation=organisation))
    with pytest.raises(services.QuestionnaireClosed):
        services.response_record_paper(questionnaire=questionnaire, audience="residents", answers=[])
    assert not Response.objects.exists()


def test_the_paper_page_says_a_closed_questionnaire_takes_no_more_answers(client, officer, project):
    questionnaire = _closed(project)
    client.force_login(officer)
    url = reverse("outcomes:paper", args=[questionnaire.project_id, questionnaire.pk])
    statements = questionnaire.statements.for_audience("residents")
    data = {"audience": "residents"} | {f"s{s.pk}": "4" for s in statements if s.is_likert}
    response = client.post(f"{url}?audience=residents", data, follow=True)
    assert "its results are final" in response.content.decode()
    assert not Response.objects.exists()


def test_a_project_with_one_questionnaire_tallied_and_one_not_adds_both(organisation):
    organisation.min_responses = 3
    organisation.save()
    project = ProjectFactory(organisation=organisation)
    first, second = _closed(project, "end", 10), _closed(project, "end", 2)
    _mixed_answers(first, "residents", 4, 6)
    _mixed_answers(second, "residents", 3, 7)
    _mixed_answers(second, "council", 2, 8)  # withheld
    projects = Project.objects.filter(pk=project.pk)
    live = outcome_scores(projects, organisation, TODAY)
    services.questionnaire_tally(questionnaire=first)
    assert _figures(outcome_scores(projects, organisation, TODAY)) == _figures(live)
    # By hand: each questionnaire's answers to a statement from one audience, if at least 3.
    shown = 0
    for questionnaire in (first, second):
        for statement in questionnaire.statements.filter(kind="likert", outcome_number__lte=4):
            for audience in ("residents", "council"):
                n = Answer.objects.filter(statement=statement, response__audience=audience, value__gte=1).count()
                shown += n if n >= 3 else 0
    assert shown and sum(s.cell("end").answered for s in live.statements) == shown


def test_the_figures_follow_a_new_minimum_and_a_questionnaire_given_another_point(questionnaires, organisation):
    projects = Project.objects.filter(organisation=organisation)
    _start_a, _end_a, end_b, _open = questionnaires
    services.questionnaires_tally()
    # A new minimum: the figures follow at once.
    organisation.min_responses = 5
    organisation.save()
    stricter = outcome_scores(projects, organisation, TODAY)
    council = [s for s in stricter.statements if s.audience == "council"]
    assert council and all(s.cell("end").withheld for s in council)  # 3 council answers < 5
    # A questionnaire given another point after its tally is counted at that point.
    assert not any(not s.cell("during").empty for s in stricter.statements)
    Questionnaire.objects.filter(pk=end_b.pk).update(point="during")
    moved = outcome_scores(projects, organisation, TODAY)
    assert any(not s.cell("during").empty for s in moved.statements)


def test_a_reopened_questionnaire_leaves_the_figures_until_it_closes_again(questionnaires, organisation):
    projects = Project.objects.filter(organisation=organisation)
    _start_a, _end_a, end_b, _open = questionnaires
    services.questionnaires_tally()
    tallied = outcome_scores(projects, organisation, TODAY, by_project=True)
    assert end_b.project_id in tallied.project_rows
    Questionnaire.objects.filter(pk=end_b.pk).update(closes_on=TODAY + dt.timedelta(days=3))
    assert end_b.project_id not in outcome_scores(projects, organisation, TODAY, by_project=True).project_rows
    # Closed again on another day: counted from its answers until the job tallies it again.
    Questionnaire.objects.filter(pk=end_b.pk).update(closes_on=TODAY - dt.timedelta(days=1))
    assert _figures(outcome_scores(projects, organisation, TODAY, by_project=True)) == _figures(tallied)
    assert services.questionnaires_tally() == 1
    assert _figures(outcome_scores(projects, organisation, TODAY, by_project=True)) == _figures(tallied)


def test_a_statement_of_the_officers_own_shows_its_wording_in_the_reports(organisation):
    organisation.min_responses = 3
    organisation.save()
    project = ProjectFactory(organisation=organisation)
    questionnaire = _closed(project)
    outcome = OutcomeFactory(project=project, kind="coproduction", number=2)
    services.statement_add(
        questionnaire=questionnaire,
        kind="likert",
        audience="both",
        text="The council acts on what we say.",
        outcome=outcome,
    )
    responses_add(questionnaire, count=4, value=5)
    projects = Project.objects.filter(pk=project.pk)
    for _tallied in (False, True):
        scores = outcome_scores(projects, organisation, TODAY)
        own = [s for s in scores.statements if s.key.startswith("custom-")]
        assert [(s.outcome, s.text, s.cell("end").answered) for s in own] == [
            (2, "The council acts on what we say.", 4)
        ]
        services.questionnaires_tally()
