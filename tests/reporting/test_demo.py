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


def test_reports_show_the_demo_diversity_with_area_names_of_several_words(client, manager, organisation):
    from django.urls import reverse

    energy = ProjectFactory(organisation=organisation, title="Community energy")
    demo.load(organisation, {})
    client.force_login(manager)
    dashboard = client.get(reverse("reporting:dashboard")).content.decode()
    assert "Villages and countryside" in dashboard
    report = client.get(reverse("reporting:project_report", args=[energy.pk])).content.decode()
    assert "11 people answered the voluntary, anonymous equality monitoring form" in report
    assert "Guidance note downloads" in report
