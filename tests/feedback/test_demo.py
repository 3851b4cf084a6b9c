import datetime as dt

from django.utils import timezone

from feedback import dashboard, demo
from feedback.models import ReflectionRound, WeDid
from tests.factories import GroupFactory, MeetingFactory, MembershipFactory


def test_demo_reflection_shows_a_trend_a_drop_and_we_did_entries_and_loads_once(project):
    group = GroupFactory(project=project)
    MembershipFactory.create_batch(8, group=group, joined_on=timezone.localdate() - dt.timedelta(days=400))
    for weeks in (30, 24, 20, 16, 12, 8, -2, -6):
        start = timezone.now() - dt.timedelta(weeks=weeks)
        MeetingFactory(group=group, starts_at=start, ends_at=start + dt.timedelta(hours=2))
    context = {"groups": [group]}
    demo.load(project.organisation, context)
    demo.load(project.organisation, context)
    rounds = dashboard.rounds_with_results(group)
    assert len(rounds) == 4
    assert all(not r.withheld for r in rounds)
    assert [p["key"] for r in rounds for p in r.drops] == ["inclusive"]
    assert WeDid.objects.filter(round__group=group).count() == 3
    assert ReflectionRound.objects.filter(group=group, status="planned").count() == 2
    assert len(context["reflection_rounds"]) == 6


def test_demo_reflection_without_meetings_uses_dates(project):
    group = GroupFactory(project=project)
    MembershipFactory.create_batch(3, group=group, joined_on=timezone.localdate() - dt.timedelta(days=400))
    context = {"groups": [group]}
    demo.load(project.organisation, context)
    rounds = dashboard.rounds_with_results(group)
    assert len(rounds) == 4 and all(r.meeting is None and not r.anonymous for r in rounds)
