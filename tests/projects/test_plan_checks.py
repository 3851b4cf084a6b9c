"""What an officer types is checked where the guide leaves words to fill in or dates must be real."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

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
