"""The reports run the same number of queries however many projects there are: the managers'
dashboard worked out afresh, a project's report and the cross-project PDF, with every kind of
data the figures read (questionnaires tallied, closed but not yet tallied and open, answered
invitations, attendance, events, reflection rounds)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings.models import EventAttendance
from outcomes import services
from outcomes.models import Invitation
from reporting.models import ReportExport
from reporting.report import export_pdf
from tests.factories import (
    AttendanceFactory,
    EventFactory,
    GroupFactory,
    MeetingFactory,
    MembershipFactory,
    ProjectFactory,
    QuestionnaireFactory,
    ReflectionAnswerFactory,
    ReflectionInvitationFactory,
    ReflectionRoundFactory,
    responses_add,
)

TODAY = timezone.localdate()


def _questionnaire(project, closes_in_days):
    return QuestionnaireFactory(
        project=project, opens_on=TODAY - dt.timedelta(days=30), closes_on=TODAY + dt.timedelta(days=closes_in_days)
    )


def _project_with_everything(organisation):
    project = ProjectFactory(organisation=organisation)
    membership = MembershipFactory(group=GroupFactory(project=project))
    person = membership.person
    start = timezone.now() - dt.timedelta(days=3)
    meeting = MeetingFactory(group=membership.group, starts_at=start, ends_at=start + dt.timedelta(hours=2))
    AttendanceFactory(meeting=meeting, person=person)
    EventAttendance.objects.create(event=EventFactory(project=project), person=person)
    tallied, untallied, still_open = (
        _questionnaire(project, -5),
        _questionnaire(project, -1),
        _questionnaire(project, 5),
    )
    for questionnaire in (tallied, untallied, still_open):
        responses_add(questionnaire, count=3, value=4)
        Invitation.objects.create(
            questionnaire=questionnaire,
            person=person,
            audience="residents",
            token_hash=f"{questionnaire.pk:08d}{person.pk:056d}",
            completed=True,
        )
    services.questionnaire_tally(questionnaire=tallied)
    reflection = ReflectionRoundFactory(group=membership.group, status="closed", meeting=meeting)
    ReflectionInvitationFactory(round=reflection, person=person, completed=True)
    ReflectionAnswerFactory(round=reflection, better="More breaks")
    return project


def _queries(run):
    with CaptureQueriesContext(connection) as queries:
        run()
    return len(queries)


def _page(client, url):
    assert client.get(url).status_code == 200


def _pdf(export):
    assert export_pdf(export, as_of=timezone.now()).startswith(b"%PDF")


def _counts(client, organisation, manager, project):
    dashboard = reverse("reporting:dashboard") + "?fresh=1"
    report = reverse("reporting:project_report", args=[project.pk])
    export = ReportExport.objects.create(organisation=organisation, requested_by=manager, scope="across")
    client.get(dashboard)  # the session and the caches, as a second view finds them
    return {
        "dashboard": _queries(lambda: _page(client, dashboard)),
        "project report": _queries(lambda: _page(client, report)),
        "cross-project PDF": _queries(lambda: _pdf(export)),
    }


@pytest.mark.django_db
def test_the_reports_run_the_same_queries_for_three_times_the_projects(client, organisation, manager):
    organisation.min_responses = 3
    organisation.save()
    client.force_login(manager)
    first = _project_with_everything(organisation)
    _project_with_everything(organisation)
    few = _counts(client, organisation, manager, first)
    for _ in range(4):
        _project_with_everything(organisation)
    assert _counts(client, organisation, manager, first) == few
