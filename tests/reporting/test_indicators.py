"""Service indicators (outcome 5): officers define them and record readings over time."""

import datetime as dt
from xml.etree import ElementTree

from django.urls import reverse

from core.charts import indicator_chart
from reporting.figures import indicator_status
from reporting.models import Indicator, IndicatorReading
from tests.factories import IndicatorFactory, IndicatorReadingFactory, OutcomeFactory, UserFactory


def test_lead_officer_adds_an_indicator_and_records_readings(client, officer, project):
    outcome = OutcomeFactory(project=project, kind="service", title="More community energy")
    client.force_login(officer)
    response = client.post(
        reverse("reporting:indicator_create", args=[project.pk]),
        {
            "name": "Community groups generating their own renewable energy",
            "unit": "groups",
            "direction": "up",
            "baseline": "2",
            "target": "10",
            "outcome": outcome.pk,
        },
    )
    indicator = Indicator.objects.get()
    assert response.status_code == 302 and indicator.outcome == outcome
    for day, value in [("2026-01-15", "3"), ("2026-04-15", "5")]:
        url = reverse("reporting:reading_create", args=[project.pk, indicator.pk])
        assert client.post(url, {"recorded_on": day, "value": value}).status_code == 302
    page = client.get(indicator.get_absolute_url()).content.decode()
    assert "15 January 2026" in page and "15 April 2026" in page
    assert "<svg" in page and "Better than baseline" in page


def test_two_readings_on_the_same_day_are_refused(client, officer, project):
    reading = IndicatorReadingFactory(indicator__project=project, recorded_on=dt.date(2026, 1, 1))
    client.force_login(officer)
    url = reverse("reporting:reading_create", args=[project.pk, reading.indicator.pk])
    response = client.post(url, {"recorded_on": "2026-01-01", "value": "9"})
    assert response.status_code == 200 and "already a reading on this date" in response.content.decode()
    assert IndicatorReading.objects.count() == 1


def test_chair_can_see_but_not_change_indicators(client, project):
    from tests.factories import ProjectRoleFactory

    chair = ProjectRoleFactory(project=project, role="chair", user__role="chair").user
    indicator = IndicatorFactory(project=project)
    client.force_login(chair)
    assert client.get(indicator.get_absolute_url()).status_code == 200
    edit = reverse("reporting:indicator_edit", args=[project.pk, indicator.pk])
    assert client.post(edit, {"name": "Changed", "direction": "up"}).status_code == 404
    assert Indicator.objects.get().name == indicator.name


def test_another_organisations_indicator_is_not_found(client, project):
    indicator = IndicatorFactory(project=project)
    client.force_login(UserFactory(role="admin"))
    assert client.get(indicator.get_absolute_url()).status_code == 404


def test_deleting_an_indicator_removes_its_readings(client, officer, project):
    reading = IndicatorReadingFactory(indicator__project=project)
    client.force_login(officer)
    client.post(reverse("reporting:indicator_delete", args=[project.pk, reading.indicator.pk]))
    assert not Indicator.objects.exists() and not IndicatorReading.objects.exists()


def test_status_follows_the_direction_of_good(db):
    fewer_complaints = Indicator(direction="down", baseline=40, target=20)
    assert indicator_status(fewer_complaints, 30) == "Better than baseline"
    assert indicator_status(fewer_complaints, 45) == "Worse than baseline"
    assert indicator_status(fewer_complaints, 18) == "Target met"
    assert indicator_status(fewer_complaints, None) == "No readings yet"


def test_indicator_chart_draws_a_point_per_reading_and_the_baseline_and_target():
    svg = ElementTree.fromstring(
        str(indicator_chart([("Jan 2026", 3), ("Apr 2026", 5), ("Jul 2026", 8)], title="Groups", baseline=2, target=10))
    )
    ns = "{http://www.w3.org/2000/svg}"
    assert svg.get("role") == "img" and svg.find(f"{ns}title").text == "Groups"
    assert len(list(svg.iter(f"{ns}circle"))) == 3
    dashed = [line for line in svg.iter(f"{ns}line") if line.get("stroke-dasharray")]
    assert len(dashed) == 2


def test_statuses_across_projects_are_counted_by_the_same_rules(organisation):
    from projects.models import Project
    from reporting.figures import indicator_status_counts

    def with_readings(direction, baseline, target, *values):
        indicator = IndicatorFactory(
            project__organisation=organisation, direction=direction, baseline=baseline, target=target
        )
        for i, value in enumerate(values):
            IndicatorReadingFactory(
                indicator=indicator, recorded_on=dt.date(2026, 1, 1) + dt.timedelta(days=i), value=value
            )
        return indicator

    with_readings("up", 2, 10, 1, 12)  # target met (latest counts, not the first)
    with_readings("down", 40, 20, 30)  # better
    with_readings("down", 40, 20, 45)  # worse
    with_readings("up", 5, None, 5)  # same
    with_readings("up", None, None, 3)  # no baseline
    with_readings("up", 1, 2)  # no readings
    counts = {key: n for key, _label, n in indicator_status_counts(Project.objects.filter(organisation=organisation))}
    assert counts == {"target": 1, "better": 1, "worse": 1, "same": 1, "no_baseline": 1, "none": 1}
    for indicator in Indicator.objects.all():
        latest = indicator.readings.order_by("recorded_on").last()
        assert indicator_status(indicator, latest.value if latest else None)  # every case has words
