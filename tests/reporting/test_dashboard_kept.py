"""The managers' dashboard keeps the figures it works out for a few minutes, says when they
were worked out, works them out again when asked, and never shares them between people who
see different projects."""

import datetime as dt

import time_machine
from django.urls import reverse

from reporting.tasks import dashboards_warm
from tests.factories import OrganisationFactory, ProjectFactory, UserFactory

NINE = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)


def _page(client, **params):
    return client.get(reverse("reporting:dashboard"), params).content.decode()


def _seen_at_nine_then_changed(client, manager, project):
    """The manager looks at nine; then the project's aim changes."""
    client.force_login(manager)
    with time_machine.travel(NINE, tick=False):
        _page(client)
    project.aim = "To plant hedges together."
    project.save()


def test_a_manager_coming_back_sees_the_kept_figures_and_when_they_were_worked_out(client, manager, project, settings):
    settings.REPORT_CACHE_SECONDS = 300
    project.aim = "To plant trees together."
    project.save()
    _seen_at_nine_then_changed(client, manager, project)
    with time_machine.travel(NINE + dt.timedelta(minutes=3), tick=False):
        page = _page(client)
        assert "To plant trees together." in page and "To plant hedges together." not in page
        assert "Figures as of 2 December 2026, 09:00." in page
        assert "work the figures out again now" in page
        fresh = _page(client, fresh="1")
    assert "To plant hedges together." in fresh and "Figures as of 2 December 2026, 09:03." in fresh


def test_the_kept_figures_are_worked_out_again_after_report_cache_seconds(client, manager, project, settings):
    settings.REPORT_CACHE_SECONDS = 300
    _seen_at_nine_then_changed(client, manager, project)
    with time_machine.travel(NINE + dt.timedelta(seconds=301), tick=False):
        assert "To plant hedges together." in _page(client)


def test_with_report_cache_seconds_0_every_view_works_the_figures_out(client, manager, project, settings):
    settings.REPORT_CACHE_SECONDS = 0
    _seen_at_nine_then_changed(client, manager, project)
    page = _page(client)
    assert "To plant hedges together." in page
    assert "work the figures out again now" not in page


def test_an_officer_never_gets_the_copy_kept_for_a_manager(client, manager, officer, project, organisation):
    ProjectFactory(organisation=organisation, title="Led by someone else")
    client.force_login(manager)
    assert "Led by someone else" in _page(client)
    client.force_login(officer)
    page = _page(client)
    assert project.title in page and "Led by someone else" not in page


def test_filters_and_pages_each_have_their_own_copy(client, manager, organisation):
    ProjectFactory(organisation=organisation, title="Bins", service_area="Waste")
    ProjectFactory(organisation=organisation, title="Books", service_area="Libraries")
    client.force_login(manager)
    assert "Books" in _page(client)
    page = _page(client, service_area="Waste")
    assert "Bins" in page and "Books" not in page


def test_another_organisation_never_gets_the_copy(client, manager, project):
    client.force_login(manager)
    _page(client)
    elsewhere = UserFactory(organisation=OrganisationFactory(), role="manager")
    client.force_login(elsewhere)
    assert project.title not in _page(client)


def test_the_worker_works_out_the_dashboard_managers_first_see(client, manager, project, run_tasks):
    with time_machine.travel(NINE, tick=False):
        dashboards_warm()
        run_tasks()
    project.aim = "To plant hedges together."
    project.save()
    client.force_login(manager)
    with time_machine.travel(NINE + dt.timedelta(minutes=2), tick=False):
        page = _page(client)
    # The copy the worker made is the one the page shows.
    assert "To plant hedges together." not in page and "Figures as of 2 December 2026, 09:00." in page
