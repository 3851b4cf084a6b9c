"""The per-project report page, the CSV of the dashboard, and looking after old PDFs."""

import datetime as dt

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import StageRecord
from reporting.models import ReportExport
from reporting.tasks import exports_expire, exports_sweep
from tests.factories import (
    ActivityFactory,
    GroupFactory,
    IndicatorReadingFactory,
    MeetingFactory,
    MembershipFactory,
    ObjectiveFactory,
    OutcomeFactory,
    ProjectFactory,
    ReportExportFactory,
)


def test_project_report_shows_the_outcome_chain_engagement_and_indicators(client, officer, project):
    StageRecord.objects.create(
        project=project, stage="planning", began_on=dt.date(2026, 2, 1), resident_involvement="Residents wrote the aim"
    )
    OutcomeFactory(project=project, kind="service", title="Fewer missed bin collections")
    ActivityFactory(objective=ObjectiveFactory(project=project, title="Set up a group"), status="done", title="Recruit")
    group = GroupFactory(project=project)
    MembershipFactory(group=group, member_type="councillor")
    MembershipFactory(group=group)
    IndicatorReadingFactory(indicator__project=project, indicator__name="Missed collections reported")
    client.force_login(officer)
    page = client.get(reverse("reporting:project_report", args=[project.pk])).content.decode()
    for expected in [
        project.aim,
        "Residents wrote the aim",
        "Fewer missed bin collections",
        "Set up a group",
        "1 of 1",
        "Missed collections reported",
        "People taking part (each counted once)",
    ]:
        assert expected in page, expected


def _report_queries(client, project):
    url = reverse("reporting:project_report", args=[project.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _grow(project, n):
    group = GroupFactory(project=project)
    objective = ObjectiveFactory(project=project)
    OutcomeFactory(project=project)
    for _ in range(n):
        MembershipFactory(group=group)
        MeetingFactory(group=group)
        ActivityFactory(objective=objective)
        IndicatorReadingFactory(indicator__project=project)


def test_project_report_query_count_does_not_grow_with_data(client, officer, project):
    client.force_login(officer)
    _grow(project, 2)
    few = _report_queries(client, project)
    _grow(project, 15)
    assert _report_queries(client, project) == few


def test_dashboard_csv_has_totals_and_a_row_per_project(client, manager, organisation):
    first = ProjectFactory(organisation=organisation, title="Community energy")
    ProjectFactory(organisation=organisation, title="=HYPERLINK(1)")
    person = MembershipFactory(group=GroupFactory(project=first)).person
    MembershipFactory(group=GroupFactory(project=first), person=person)
    client.force_login(manager)
    response = client.get(reverse("reporting:dashboard_csv"))
    body = response.content.decode("utf-8-sig")  # Excel needs the byte order mark
    assert response["Content-Type"].startswith("text/csv")
    assert body.splitlines()[0] == "section,project,measure,category,value"
    assert "Engagement,All projects,Projects,,2" in body
    assert "Engagement,Community energy,People taking part (each counted once),Planning,1" in body
    assert "'=HYPERLINK(1)" in body  # never a formula in a spreadsheet


def test_stuck_exports_are_started_again_and_old_ones_deleted(manager, run_tasks, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with time_machine.travel(dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)):
        old = ReportExportFactory(requested_by=manager)
    with time_machine.travel(dt.datetime(2026, 3, 20, 9, tzinfo=dt.UTC)):
        stuck = ReportExportFactory(requested_by=manager, status="rendering")
        ReportExport.objects.filter(pk=stuck.pk).update(started_at=dt.datetime(2026, 3, 20, 8, tzinfo=dt.UTC))
        exports_sweep()
        run_tasks()
        stuck.refresh_from_db()
        assert stuck.status == "ready" and stuck.file
    with time_machine.travel(dt.datetime(2026, 4, 25, 9, tzinfo=dt.UTC)):
        exports_expire()
    assert not ReportExport.objects.filter(pk__in=[old.pk, stuck.pk]).exists()
    assert not any(tmp_path.rglob("*.pdf"))
