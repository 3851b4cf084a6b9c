from reporting import demo
from reporting.models import Indicator, MonitoringResponse, PopulationShare
from tests.factories import ProjectFactory


def test_demo_adds_indicators_profile_and_answers_once(organisation):
    energy = ProjectFactory(organisation=organisation, title="Community energy")
    ProjectFactory(organisation=organisation, title="Library services")
    context = {"projects": list(organisation.projects.all())}
    demo.load(organisation, context)
    demo.load(organisation, context)
    names = set(energy.indicators.values_list("name", flat=True))
    assert "Community groups generating their own renewable energy" in names
    assert "Guidance note downloads" in names
    assert Indicator.objects.count() == 4
    assert MonitoringResponse.objects.count() == 22
    assert PopulationShare.objects.filter(organisation=organisation, category="sex").count() == 2
