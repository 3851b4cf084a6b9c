"""What an officer types is checked where the guide leaves words to fill in or dates must be real."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from projects.models import Project
from tests.html import text_of


def _project_data(**changes):
    data = {
        "title": "Library hours",
        "service_area": "Libraries",
        "aim": "For residents and the council to work together in equal partnership to [say what the project will do].",
        "start_date": "2027-01-04",
        "end_date": "2027-12-20",
    }
    return {**data, **changes}


def test_the_guides_aim_placeholder_must_be_replaced(client, officer):
    client.force_login(officer)
    response = client.post(reverse("projects:create"), _project_data())
    assert "Replace [say what the project will do] with what this project will do." in text_of(response, "main")
    aim = "For residents and the council to work together in equal partnership to set library opening hours."
    response = client.post(reverse("projects:create"), _project_data(aim=aim))
    assert response.status_code == 302


def test_a_stage_cannot_be_recorded_as_beginning_in_the_future(client, officer, project):
    client.force_login(officer)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    url = reverse("projects:advance", args=[project.pk])
    response = client.post(url, {"began_on": tomorrow.isoformat(), "resident_involvement": "Workshops"})
    assert "A stage can only be recorded once it has begun" in text_of(response, "main")
    project.refresh_from_db()
    assert project.stage == "planning"


def test_planning_gets_its_resident_involvement_recorded_after_the_project_is_made(client, officer):
    client.force_login(officer)
    aim = "For residents and the council to work together in equal partnership to plan library hours."
    client.post(reverse("projects:create"), _project_data(aim=aim, start_date="2026-11-02"))
    project = Project.objects.get(title="Library hours")
    record = project.stage_records.get()
    detail = client.get(reverse("projects:detail", args=[project.pk]))
    assert "Change: Planning" in " ".join(text_of(detail, "main").split())
    url = reverse("projects:stage_edit", args=[project.pk, record.pk])
    client.post(url, {"began_on": "2026-11-02", "resident_involvement": "Two residents helped write the flyer."})
    record.refresh_from_db()
    assert record.resident_involvement == "Two residents helped write the flyer."
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    response = client.post(url, {"began_on": future, "resident_involvement": "x"})
    assert "A stage can only be recorded once it has begun" in text_of(response, "main")
