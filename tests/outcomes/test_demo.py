import datetime as dt

from groups.models import Membership
from outcomes import demo
from outcomes.models import Questionnaire, Response
from tests.factories import GroupFactory, MembershipFactory


def test_demo_makes_start_end_and_open_questionnaires_once(project):
    group = GroupFactory(project=project)
    for member_type in [Membership.Type.RESIDENT] * 4 + [Membership.Type.STAFF] * 3:
        MembershipFactory(group=group, member_type=member_type)
    context = {"projects": [project], "groups": [group]}
    demo.load(project.organisation, context)
    assert [q.point for q in context["questionnaires"]] == ["start", "end", "during"]
    end = Questionnaire.objects.get(point="end")
    assert end.repeats.point == "start" and end.closes_on < dt.date.today()
    for audience in ("residents", "council"):
        assert Response.objects.filter(questionnaire=end, audience=audience).count() >= 5
    assert Questionnaire.objects.get(point="during").is_open()
    demo.load(project.organisation, context)
    assert Questionnaire.objects.count() == 3
