"""A reflection round still planned (its meeting has not happened) is not counted in reports,
nor listed as withheld: there is nothing to withhold yet."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from reporting.evidence import reflection_evidence
from tests.factories import (
    GroupFactory,
    MeetingFactory,
    ProjectFactory,
    ReflectionAnswerFactory,
    ReflectionRoundFactory,
)
from tests.html import rows


def _world(organisation):
    project = ProjectFactory(organisation=organisation)
    group = GroupFactory(project=project)
    held = ReflectionRoundFactory(group=group, status="closed", anonymous=True)
    for value in (5, 4, 4, 3, 5):
        ReflectionAnswerFactory(round=held, equality=value)
    soon = timezone.now() + dt.timedelta(weeks=3)
    meeting = MeetingFactory(group=group, starts_at=soon, ends_at=soon + dt.timedelta(hours=2))
    ReflectionRoundFactory(
        group=group,
        meeting=meeting,
        date=soon.date(),
        status="planned",
        opens_at=soon,
        closes_at=soon + dt.timedelta(days=7),
    )
    return project


def test_planned_rounds_are_neither_counted_nor_withheld(organisation):
    project = _world(organisation)
    evidence = reflection_evidence([project], organisation)
    assert (evidence.rounds, evidence.rounds_withheld) == (1, 0)


def test_the_project_report_shows_no_withheld_round_for_a_meeting_to_come(client, organisation, manager):
    project = _world(organisation)
    client.force_login(manager)
    page = client.get(reverse("reporting:project_report", args=[project.pk]))
    table = {row[0]: row[1:] for row in rows(page, "table.reflection-totals") if row}
    assert table["Rounds"] == ["1"]
    assert table["Rounds withheld (anonymous, too few answers)"] == ["0"]
