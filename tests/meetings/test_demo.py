import datetime as dt

from django.utils import timezone

from meetings import demo
from meetings.models import Action, Decision, Event, Meeting, Paper
from tests.factories import GroupFactory, MembershipFactory


def test_demo_loads_meetings_for_each_group_once(db, media_root):
    group = GroupFactory(project__start_date=timezone.localdate() - dt.timedelta(days=400))
    for _ in range(5):
        MembershipFactory(group=group)
    context = {"groups": [group]}
    demo.load(group.project.organisation, context)
    demo.load(group.project.organisation, context)
    # Five held meetings (second Tuesdays) and a series of four to come.
    assert Meeting.objects.filter(group=group).count() == 9
    assert len(context["meetings"]) == 9
    assert Meeting.objects.past().filter(attendance__isnull=False).distinct().count() == 5
    assert all(m.starts_at.weekday() == 1 for m in Meeting.objects.filter(group=group))
    assert Decision.objects.filter(recommendation=True).count() == 1
    assert Action.objects.open().count() == 2
    assert Paper.objects.count() == 2
    # Two events held (people from the group named at each) and one planned.
    assert Event.objects.filter(project=group.project).count() == 3
    held = Event.objects.filter(project=group.project, date__lte=timezone.localdate()).with_attendance()
    assert sorted(e.named for e in held) == [3, 4]


def test_demo_holds_no_meetings_before_the_project_began(db, media_root):
    group = GroupFactory(project__start_date=timezone.localdate() - dt.timedelta(days=20))
    demo.load(group.project.organisation, {"groups": [group]})
    assert not Meeting.objects.filter(group=group, starts_at__date__lt=group.project.start_date).exists()
