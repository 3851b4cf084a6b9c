"""Tallies of closed questionnaires for reports: each questionnaire's answers counted once
into StatementTally rows after it closes (see docs/reports.md)."""

from django.db import transaction
from django.utils import timezone

from ..models import SCALE_COUNTS, Answer, Questionnaire, StatementTally


@transaction.atomic
def questionnaire_tally(*, questionnaire, now=None):
    """Count a closed questionnaire's answers once into StatementTally rows (per cell as
    ``likert_summary()`` makes them, "Prefer not to say" to "Agree strongly"), for reports.
    Replaces any earlier tally (one made before a reopening). Returns False, writing nothing,
    while it is still open."""
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
            **{name: row[name] for name in SCALE_COUNTS.values()},
        )
        for row in counts
    )
    Questionnaire.objects.filter(pk=questionnaire.pk).update(tallied_at=now, tallied_closes_on=questionnaire.closes_on)
    questionnaire.tallied_at, questionnaire.tallied_closes_on = now, questionnaire.closes_on
    return True


def questionnaires_tally(*, now=None):
    """Tally every closed questionnaire not yet tallied (the periodic job). Returns how many
    were tallied."""
    now = now or timezone.now()
    due = Questionnaire.objects.closed_on(timezone.localdate(now)).untallied()
    return sum(questionnaire_tally(questionnaire=q, now=now) for q in due.iterator())
