import pytest
from django.urls import reverse
from django.utils import timezone

from groups import demo
from groups.models import Applicant, Group, RecruitmentRound, TermsVersion
from tests.factories import ProjectRoleFactory

pytestmark = pytest.mark.django_db


def test_demo_loads_a_balanced_ish_group_once(organisation):
    project = ProjectRoleFactory(project__organisation=organisation, role="lead").project
    context = {"projects": [project]}

    demo.load(organisation, context)
    demo.load(organisation, {"projects": [project]})

    group = Group.objects.with_balance().get(project=project)
    assert (group.council_count, group.resident_count, group.expert_count) == (4, 5, 1)
    assert context["groups"] == [group] and len(context["people"]) == 10
    assert Applicant.objects.reason_counts() == {"not_selected": 1, "timing": 1, "caring": 1, "transport": 1}
    assert list(TermsVersion.objects.values_list("status", flat=True)) == ["agreed", "draft", "discussed"]
    assert group.ground_rules.count() == 6


def test_demo_keeps_recruitment_open_only_for_a_project_still_planning(organisation, client):
    planning = ProjectRoleFactory(project__organisation=organisation, project__stage="planning", role="lead").project
    delivering = ProjectRoleFactory(
        project__organisation=organisation, project__stage="delivering", role="lead"
    ).project

    demo.load(organisation, {"projects": [planning, delivering]})

    open_round = RecruitmentRound.objects.get(group__project=planning)
    assert open_round.accepting(timezone.localdate())
    assert not RecruitmentRound.objects.get(group__project=delivering).is_open
    page = client.get(reverse("groups_public:join", args=[open_round.slug])).text
    assert "closed" not in page
