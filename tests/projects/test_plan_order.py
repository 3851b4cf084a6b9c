"""The order an officer sets with Move up / Move down is the order the project page shows."""

from django.urls import reverse

from projects import services
from projects.models import Objective, Outcome
from tests.html import texts


def _add(model, project, titles):
    for title in titles:
        model.objects.create(
            project=project, title=title, position=services.position_next(model.objects.filter(project=project))
        )


def test_moving_an_outcome_up_shows_it_higher_on_the_project_page(client, officer, project):
    Outcome.objects.filter(project=project).delete()
    _add(Outcome, project, ["First outcome", "Second outcome", "Third outcome"])
    third = Outcome.objects.get(title="Third outcome")
    client.force_login(officer)
    client.post(reverse("projects:outcome_move", args=[project.pk, third.pk]), {"direction": "up"})
    body = " ".join(texts(client.get(reverse("projects:detail", args=[project.pk])), "main"))
    assert body.index("Third outcome") < body.index("Second outcome")


def test_moving_an_objective_down_shows_it_lower_on_the_project_page(client, officer, project):
    Objective.objects.filter(project=project).delete()
    _add(Objective, project, ["Objective A", "Objective B"])
    first = Objective.objects.get(title="Objective A")
    client.force_login(officer)
    client.post(reverse("projects:objective_move", args=[project.pk, first.pk]), {"direction": "down"})
    body = " ".join(texts(client.get(reverse("projects:detail", args=[project.pk])), "main"))
    assert body.index("Objective B") < body.index("Objective A")
