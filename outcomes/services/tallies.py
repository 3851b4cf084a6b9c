"""Tallies of closed questionnaires for reports: each questionnaire's answers counted once
into StatementTally rows, and each project's added up into ProjectTally and ProjectRespondent
rows (see README, "Tallies for reports" and "Per-project tallies")."""

from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from ..models import (
    Answer,
    Invitation,
    ProjectRespondent,
    ProjectTally,
    Questionnaire,
    StatementTally,
    reportable_cells_sql,
    tally_digests,
)


@transaction.atomic
def questionnaire_tally(*, questionnaire, now=None, project_refresh=True):
    """Count a closed questionnaire's answers once into StatementTally rows (per cell as
    ``likert_summary()`` makes them, "Prefer not to say" to "Agree strongly"), for reports. Replaces any earlier tally
    (one made before a reopening). Returns False, writing nothing, while it is still open."""
    now = now or timezone.now()
    if not questionnaire.is_closed(timezone.localdate(now)):
        return False
    counts = Answer.objects.for_questionnaires([questionnaire]).likert_summary()
    StatementTally.objects.filter(questionnaire=questionnaire).delete()
    StatementTally.objects.bulk_create(
        StatementTally(
            questionnaire=questionnaire,
            audience=row["audience"],
            outcome_number=row["outcome_number"],
            statement_key=row["statement_key"],
            **{f"c{value}": row[f"c{value}"] for value in range(6)},
        )
        for row in counts
    )
    Questionnaire.objects.filter(pk=questionnaire.pk).update(tallied_at=now, tallied_closes_on=questionnaire.closes_on)
    questionnaire.tallied_at, questionnaire.tallied_closes_on = now, questionnaire.closes_on
    if project_refresh:  # the periodic job refreshes every project once, after all its tallies
        project_tallies_refresh(projects=[questionnaire.project_id])
    return True


def questionnaires_tally(*, now=None):
    """Tally every closed questionnaire not yet tallied, then bring every project's
    ProjectTally rows up to date (the periodic job). Returns how many were tallied."""
    now = now or timezone.now()
    due = Questionnaire.objects.closed_on(timezone.localdate(now)).untallied()
    tallied = sum(questionnaire_tally(questionnaire=q, now=now, project_refresh=False) for q in due.iterator())
    project_tallies_refresh()
    return tallied


@transaction.atomic
def project_tallies_refresh(*, projects=None):
    """Make again the ProjectTally and ProjectRespondent rows of the projects (ids; None:
    every project with tallied questionnaires or with rows) whose questionnaires' tallies or
    minimum number of answers changed since. Returns how many projects were made again.
    (Projects are taken by their organisation's minimum: the digests are worked out once
    per minimum.)"""
    from projects.models import Project

    if projects is None:
        projects = {*Questionnaire.objects.filter(tallied_at__isnull=False).values_list("project_id", flat=True)}
        projects |= {*ProjectTally.objects.values_list("project_id", flat=True).distinct()}
        projects |= {*ProjectRespondent.objects.values_list("project_id", flat=True).distinct()}
    by_organisation = {}
    for pk, minimum in Project.objects.filter(pk__in=projects).values_list("pk", "organisation__min_responses"):
        by_organisation.setdefault(minimum, []).append(pk)
    refreshed = set()
    for minimum, mine in by_organisation.items():
        expected = tally_digests(Questionnaire.objects.filter(project__in=mine), minimum)
        refreshed |= _project_cells_refresh(mine, expected, minimum)
        refreshed |= _project_respondents_refresh(mine, expected)
    return len(refreshed)


def _project_cells_refresh(mine, expected, minimum):
    stale = ProjectTally.objects.stale(mine, expected)
    if not stale:
        return stale
    ProjectTally.objects.filter(project__in=stale).delete()
    valid = Questionnaire.objects.filter(project__in=stale).tallied()
    sql, params = reportable_cells_sql(StatementTally.objects.for_questionnaires(valid).cells(), minimum)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    ProjectTally.objects.bulk_create(
        ProjectTally(
            project_id=project_id,
            point=point,
            audience=audience,
            outcome_number=number,
            statement_key=key,
            # int(): PostgreSQL's SUM of integers is numeric.
            **{f"c{v}": int(count) for v, count in enumerate(counts, start=1)},
            withheld=int(withheld),
            digest=expected[project_id],
        )
        for project_id, point, audience, number, key, *counts, withheld in rows
    )
    return stale


def _project_respondents_refresh(mine, expected):
    """Who answered each project's tallied questionnaires, from the same questionnaires as
    the digest describes."""
    stale = ProjectRespondent.objects.stale(mine, expected)
    if not stale:
        return stale
    ProjectRespondent.objects.filter(project__in=stale).delete()
    answered = (
        Invitation.objects.filter(
            completed=True, questionnaire__in=Questionnaire.objects.filter(project__in=stale).tallied()
        )
        .values_list("questionnaire__project_id", "person_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    ProjectRespondent.objects.bulk_create(
        ProjectRespondent(project_id=project_id, person_id=person_id, answered=n, digest=expected[project_id])
        for project_id, person_id, n in answered
    )
    return stale
