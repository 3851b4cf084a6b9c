import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from feedback import dashboard
from feedback.models import ReflectionRound, WeDid
from projects.models import Project
from tests.factories import (
    GroupFactory,
    MeetingFactory,
    MembershipFactory,
    ProjectRoleFactory,
    ReflectionAnswerFactory,
    ReflectionInvitationFactory,
    ReflectionRoundFactory,
    UserFactory,
)


@pytest.fixture
def group(project):
    return GroupFactory(project=project)


def _round(group, day, ratings, *, anonymous=True, invited=None, status="closed", better=""):
    """A round on ``day`` with one answer per (equality, difference, inclusive) triple."""
    round = ReflectionRoundFactory(group=group, date=day, status=status, anonymous=anonymous, code=None)
    for index, (equality, difference, inclusive) in enumerate(ratings):
        ReflectionAnswerFactory(
            round=round,
            equality=equality,
            difference=difference,
            inclusive=inclusive,
            better=better if index == 0 else "",
        )
    for _ in range(invited if invited is not None else len(ratings)):
        ReflectionInvitationFactory(round=round)
    return round


def test_scores_per_principle_are_counted_in_the_database(group):
    round = _round(group, dt.date(2026, 2, 1), [(5, 4, 1), (4, 4, 2), (2, 3, 3), (4, 5, 4), (1, 5, 5)])
    scored = ReflectionRound.objects.with_principle_scores().get(pk=round.pk)
    assert [getattr(scored, f"equality_{p}") for p in range(1, 6)] == [1, 1, 0, 2, 1]
    assert scored.equality_answered == 5
    assert scored.equality_agree == 3
    assert scored.equality_share_agree == pytest.approx(60.0)
    assert scored.difference_share_agree == pytest.approx(80.0)
    assert scored.answer_count == 5 and scored.invited == 5
    assert scored.reportable


def test_an_anonymous_round_with_fewer_answers_than_the_minimum_is_withheld(group, officer, client):
    round = _round(group, dt.date(2026, 2, 1), [(5, 5, 5)] * 4, better="A secret suggestion")
    [result] = dashboard.rounds_with_results(group)
    assert result.withheld
    assert all(p["share"] is None for p in result.principles)
    client.force_login(officer)
    page = client.get(reverse("feedback:dashboard", args=[group.project.pk, group.pk])).content.decode()
    assert "Results are withheld: 4 people answered" in page
    assert "A secret suggestion" not in page
    assert "<td>withheld</td>" in page
    assert "Agree (share)" not in page  # no distribution table for the withheld round
    # One more answer reaches the minimum of 5 and the results show.
    ReflectionAnswerFactory(round=round, equality=5, difference=5, inclusive=5)
    page = client.get(reverse("feedback:dashboard", args=[group.project.pk, group.pk])).content.decode()
    assert "Results are withheld" not in page
    assert "A secret suggestion" in page


def test_a_named_round_is_shown_whatever_the_number(group):
    _round(group, dt.date(2026, 2, 1), [(5, 5, 5)] * 2, anonymous=False)
    [result] = dashboard.rounds_with_results(group)
    assert not result.withheld
    assert result.few_answered  # fewer than the minimum still earns the flag


def test_the_trend_follows_the_rounds_and_flags_a_drop_of_20_points(group):
    _round(group, dt.date(2026, 1, 1), [(4, 4, 4)] * 5)  # 100% each
    _round(group, dt.date(2026, 2, 1), [(4, 4, 4)] * 5 + [(2, 4, 4)])  # equality 83%: down 17, not flagged
    _round(group, dt.date(2026, 3, 1), [(4, 4, 4)] * 3 + [(2, 2, 4)] * 2)  # equality 60% (-23), difference 60% (-40)
    _round(group, dt.date(2026, 4, 1), [(4, 4, 4)] * 2)  # withheld: skipped by the trend's comparison
    rounds = dashboard.rounds_with_results(group)
    labels, series = dashboard.trend(rounds)
    assert labels == ["1 Jan 26", "1 Feb 26", "1 Mar 26", "1 Apr 26"]
    assert series[0] == ("Equality", [100.0, pytest.approx(83.33, abs=0.01), 60.0, None])
    assert series[1] == ("Making a difference", [100.0, 100.0, 60.0, None])
    assert [p["key"] for p in rounds[1].drops] == []
    assert [p["key"] for p in rounds[2].drops] == ["equality", "difference"]
    assert rounds[3].withheld and rounds[3].few_answered


def test_few_members_answering_is_flagged(group):
    rounds = [
        _round(group, dt.date(2026, 1, 1), [(4, 4, 4)] * 5, invited=12),
        _round(group, dt.date(2026, 2, 1), [(4, 4, 4)] * 6, invited=12),
    ]
    flagged = {r.pk: r.few_answered for r in dashboard.rounds_with_results(group)}
    assert flagged == {rounds[0].pk: True, rounds[1].pk: False}


def test_the_dashboard_shows_chart_and_table_and_flags(group, officer, client):
    _round(group, dt.date(2026, 1, 1), [(4, 4, 4)] * 5)
    _round(group, dt.date(2026, 2, 1), [(4, 4, 4)] * 2 + [(2, 4, 4)] * 3, better="Breaks every hour")
    client.force_login(officer)
    page = client.get(reverse("feedback:dashboard", args=[group.project.pk, group.pk])).content.decode()
    assert page.count("<svg") == 2
    assert "Share agreeing with each principle, by round" in page
    assert "Equality dropped: 40% agreed, down from 100%" in page
    assert "Breaks every hour" in page


def test_the_chair_records_what_we_did_and_it_shows_in_the_presentation_view(group, client):
    chair = ProjectRoleFactory(project=group.project, role="chair", user__role="chair").user
    round = _round(group, dt.date(2026, 2, 1), [(4, 4, 4)] * 5, better="Send papers earlier")
    answer = round.answers.exclude(better="").get()
    meeting = MeetingFactory(group=group)
    client.force_login(chair)
    url = reverse("feedback:we_did_create", args=[group.project.pk, group.pk, round.pk])
    form_page = client.get(url, {"answer": str(answer.pk)}).content.decode()
    assert "Send papers earlier" in form_page
    response = client.post(
        url, {"you_said": "Send papers earlier", "we_did": "Papers now go out 8 days ahead", "discussed_at": meeting.pk}
    )
    assert response.status_code == 302
    entry = WeDid.objects.get()
    assert (entry.we_did, entry.discussed_at, entry.recorded_by) == ("Papers now go out 8 days ahead", meeting, chair)
    page = client.get(reverse("feedback:present", args=[group.project.pk, group.pk])).content.decode()
    assert "Papers now go out 8 days ahead" in page
    assert 'class="d-flex flex-column min-vh-100 presentation' in page


def test_a_staff_user_who_chairs_the_group_sees_the_dashboard(group, client):
    user = UserFactory(organisation=group.project.organisation, role="chair", email="chair@example.org")
    MembershipFactory(group=group, person__email="Chair@example.org", position="co_chair")
    client.force_login(user)
    assert client.get(reverse("feedback:dashboard", args=[group.project.pk, group.pk])).status_code == 200


def test_dashboard_queries_do_not_grow_with_rounds(group, officer, client):
    client.force_login(officer)
    url = reverse("feedback:dashboard", args=[group.project.pk, group.pk])
    _round(group, dt.date(2026, 1, 1), [(4, 4, 4)] * 5, better="x")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for month in range(2, 8):
        _round(group, dt.date(2026, month, 1), [(4, 4, 4)] * 5, better="y")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_evidence_for_reporting_comes_per_round_and_in_total(group):
    _round(group, dt.date(2026, 1, 1), [(4, 4, 4)] * 5)
    _round(group, dt.date(2026, 2, 1), [(2, 4, 4)] * 5)
    _round(group, dt.date(2026, 3, 1), [(5, 5, 5)] * 2)  # withheld: not counted
    projects = Project.objects.filter(pk=group.project.pk)
    rows = ReflectionRound.objects.for_projects(projects).with_principle_scores().order_by("date")
    assert [r.equality_share_agree for r in rows] == [100.0, 0.0, 100.0]
    assert [r.reportable for r in rows] == [True, True, False]
    summary = ReflectionRound.objects.for_projects(projects).principle_summary()
    assert summary["equality_answered"] == 10 and summary["equality_agree"] == 5
    assert summary["inclusive_agree"] == 10
