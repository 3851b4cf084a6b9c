"""Date pickers show the stored date: an input of type date takes only ISO values."""

import datetime as dt

from django.urls import reverse

from tests.factories import ActivityFactory, ObjectiveFactory


def test_editing_a_project_shows_its_stored_dates(client, officer, project):
    project.start_date = dt.date(2027, 3, 2)
    project.end_date = dt.date(2027, 12, 31)
    project.save()
    client.force_login(officer)
    page = client.get(reverse("projects:edit", args=[project.pk])).text
    assert 'value="2027-03-02"' in page
    assert 'value="2027-12-31"' in page
    assert "31/12/2027" not in page


def test_editing_an_activity_shows_its_due_date(client, officer, project):
    activity = ActivityFactory(objective=ObjectiveFactory(project=project), due_date=dt.date(2027, 5, 14))
    client.force_login(officer)
    page = client.get(reverse("projects:activity_edit", args=[project.pk, activity.pk])).text
    assert 'value="2027-05-14"' in page
