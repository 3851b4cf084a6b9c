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
    rounds = [r for r in dashboard.rounds_with_results(group) if r.status == "closed"]
    assert len(rounds) == 4
    assert all(not r.withheld for r in rounds)
    assert [p["key"] for r in rounds for p in r.drops] == ["inclusive"]
    assert WeDid.objects.filter(round__group=group).count() == 3
    assert ReflectionRound.objects.filter(group=group, status="planned").count() == 2
    # A round open now, with a code, so the shared device can be tried.
    assert ReflectionRound.objects.filter(group=group, status="open").exclude(code=None).count() == 1
    assert len(context["reflection_rounds"]) == 7


def test_demo_reflection_leaves_out_a_group_too_new_to_have_reflected(project):
    group = GroupFactory(project=project)
    MembershipFactory.create_batch(3, group=group, joined_on=timezone.localdate() - dt.timedelta(days=400))
    start = timezone.now() - dt.timedelta(weeks=2)
    MeetingFactory(group=group, starts_at=start, ends_at=start + dt.timedelta(hours=2))
    context = {"groups": [group]}
    demo.load(project.organisation, context)
    assert not ReflectionRound.objects.filter(group=group).exists()
