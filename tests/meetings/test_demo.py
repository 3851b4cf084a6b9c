from meetings import demo
from meetings.models import Action, Decision, Meeting, Paper
from tests.factories import GroupFactory, MembershipFactory


def test_demo_loads_meetings_for_each_group_once(db, media_root):
    group = GroupFactory()
    for _ in range(5):
        MembershipFactory(group=group)
    context = {"groups": [group]}
    demo.load(group.project.organisation, context)
    demo.load(group.project.organisation, context)
    assert Meeting.objects.filter(group=group).count() == 6
    assert len(context["meetings"]) == 6
    assert Meeting.objects.past().filter(attendance__isnull=False).distinct().count() == 2
    assert Decision.objects.filter(recommendation=True).count() == 1
    assert Action.objects.open().count() == 2
    assert Paper.objects.count() == 2
