import datetime as dt

import pytest
from django.urls import reverse

from projects.models import Activity, Measure, Objective, Outcome
from tests.factories import ActivityFactory, MeasureFactory, ObjectiveFactory, OutcomeFactory, ProjectFactory
from tests.html import parse


@pytest.fixture
def lead(client, officer):
    client.force_login(officer)
    return client


def test_lead_adds_changes_and_removes_an_outcome(lead, project):
    lead.post(
        reverse("projects:outcome_add", args=[project.pk]),
        {"title": "Fewer complaints", "kind": "service", "number": 5},
    )
    outcome = project.outcomes.get()
    assert outcome.title == "Fewer complaints"
    lead.post(
        reverse("projects:outcome_edit", args=[project.pk, outcome.pk]),
        {"title": "Far fewer complaints", "kind": "service", "number": 6},
    )
    outcome.refresh_from_db()
    assert (outcome.title, outcome.number) == ("Far fewer complaints", 6)
    confirm = lead.get(reverse("projects:outcome_delete", args=[project.pk, outcome.pk]))
    assert "Are you sure you want to remove" in confirm.text
    lead.post(reverse("projects:outcome_delete", args=[project.pk, outcome.pk]))
    assert not project.outcomes.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "", "kind": "service", "number": 5}, "This field is required."),
        ({"title": "x" * 501, "kind": "service", "number": 5}, "at most 500 characters"),
        ({"title": "Fine", "kind": "nonsense", "number": 5}, "Select a valid choice."),
    ],
)
def test_bad_outcome_is_explained_and_not_stored(lead, project, data, message):
    response = lead.post(reverse("projects:outcome_add", args=[project.pk]), data)
    assert message in response.text and "There is a problem" in response.text
    assert not project.outcomes.exists()


def test_lead_adds_a_measure_to_an_outcome(lead, project):
    outcome = OutcomeFactory(project=project)
    lead.post(
        reverse("projects:measure_add", args=[project.pk, outcome.pk]),
        {"kind": "count", "description": "Number of people taking part", "how_collected": "Attendance"},
    )
    measure = outcome.measures.get()
    assert measure.kind == Measure.Kind.COUNT
    lead.post(
        reverse("projects:measure_edit", args=[project.pk, measure.pk]),
        {"kind": "training", "description": "Who has had training"},
    )
    measure.refresh_from_db()
    assert measure.kind == Measure.Kind.TRAINING
    lead.post(reverse("projects:measure_delete", args=[project.pk, measure.pk]))
    assert not outcome.measures.exists()


def test_another_projects_items_are_not_found(lead, project):
    other = ProjectFactory(organisation=project.organisation)
    outcome = OutcomeFactory(project=other)
    measure = MeasureFactory(outcome=outcome)
    objective = ObjectiveFactory(project=other)
    activity = ActivityFactory(objective=objective)
    urls = [
        reverse("projects:outcome_edit", args=[project.pk, outcome.pk]),
        reverse("projects:measure_add", args=[project.pk, outcome.pk]),
        reverse("projects:measure_edit", args=[project.pk, measure.pk]),
        reverse("projects:objective_delete", args=[project.pk, objective.pk]),
        reverse("projects:activity_edit", args=[project.pk, activity.pk]),
    ]
    for url in urls:
        assert lead.get(url).status_code == 404
    assert (
        lead.post(reverse("projects:activity_move", args=[project.pk, activity.pk]), {"direction": "up"}).status_code
        == 404
    )


def test_objective_links_to_the_outcomes_it_serves(lead, project):
    first, second = OutcomeFactory(project=project), OutcomeFactory(project=project)
    page = lead.get(reverse("projects:objective_add", args=[project.pk]))
    assert 'type="checkbox"' in page.text and first.title in page.text
    lead.post(
        reverse("projects:objective_add", args=[project.pk]),
        {"title": "Write the guidance note", "outcomes": [first.pk, second.pk]},
    )
    objective = project.objectives.get()
    assert set(objective.outcomes.all()) == {first, second}


def test_another_projects_outcome_cannot_be_linked_to_an_objective(lead, project):
    mine = OutcomeFactory(project=project)
    theirs = OutcomeFactory(project=ProjectFactory(organisation=project.organisation))
    response = lead.post(
        reverse("projects:objective_add", args=[project.pk]), {"title": "Sneaky", "outcomes": [mine.pk, theirs.pk]}
    )
    assert "Choose only outcomes of this project." in response.text
    assert not Objective.objects.filter(title="Sneaky").exists()


def test_editing_an_objective_cannot_link_another_projects_outcome(lead, project):
    objective = ObjectiveFactory(project=project)
    theirs = OutcomeFactory(project=ProjectFactory(organisation=project.organisation))
    response = lead.post(
        reverse("projects:objective_edit", args=[project.pk, objective.pk]),
        {"title": "Changed", "outcomes": [theirs.pk]},
    )
    assert "Choose only outcomes of this project." in response.text
    objective.refresh_from_db()
    assert objective.title != "Changed" and not objective.outcomes.exists()


def test_lead_adds_an_activity_with_owner_due_date_and_status(lead, project):
    objective = ObjectiveFactory(project=project)
    page = lead.get(reverse("projects:activity_add", args=[project.pk]) + f"?objective={objective.pk}")
    assert f'<option value="{objective.pk}" selected>' in page.text
    lead.post(
        reverse("projects:activity_add", args=[project.pk]),
        {
            "objective": objective.pk,
            "title": "Advertise the group",
            "owner": "Sam Taylor",
            "due_date": "2026-04-01",
            "status": "in_progress",
        },
    )
    activity = objective.activities.get()
    assert (activity.owner, activity.due_date, activity.status) == ("Sam Taylor", dt.date(2026, 4, 1), "in_progress")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"title": "x" * 501}, "at most 500 characters"),
        ({"owner": "x" * 151}, "at most 150 characters"),
        ({"due_date": "31/02/2026"}, "Enter a valid date."),
        ({"status": "finished"}, "Select a valid choice."),
    ],
)
def test_bad_activity_is_explained_and_not_stored(lead, project, change, message):
    objective = ObjectiveFactory(project=project)
    data = {"objective": objective.pk, "title": "Fine", "owner": "", "due_date": "", "status": "not_started", **change}
    response = lead.post(reverse("projects:activity_add", args=[project.pk]), data)
    assert message in response.text
    assert not Activity.objects.exists()


def test_another_projects_objective_cannot_take_an_activity(lead, project):
    theirs = ObjectiveFactory(project=ProjectFactory(organisation=project.organisation))
    response = lead.post(
        reverse("projects:activity_add", args=[project.pk]),
        {"objective": theirs.pk, "title": "Sneaky", "status": "not_started"},
    )
    assert "Choose one of this project&#x27;s objectives." in response.text
    assert not Activity.objects.exists()


def test_moving_an_activity_to_another_objective_puts_it_last_there(lead, project):
    first, second = ObjectiveFactory(project=project), ObjectiveFactory(project=project)
    ActivityFactory(objective=second, position=0)
    activity = ActivityFactory(objective=first)
    lead.post(
        reverse("projects:activity_edit", args=[project.pk, activity.pk]),
        {"objective": second.pk, "title": activity.title, "status": "done"},
    )
    activity.refresh_from_db()
    assert activity.objective == second and activity.position == 1 and activity.status == "done"


@pytest.mark.parametrize("kind", ["outcome", "objective"])
def test_items_move_up_and_down(lead, project, kind):
    factory = {"outcome": OutcomeFactory, "objective": ObjectiveFactory}[kind]
    a, b, c = (factory(project=project, position=0) for _ in range(3))
    url = reverse(f"projects:{kind}_move", args=[project.pk, c.pk])
    lead.post(url, {"direction": "up"})
    assert list(getattr(project, f"{kind}s").all()) == [a, c, b]
    lead.post(reverse(f"projects:{kind}_move", args=[project.pk, a.pk]), {"direction": "up"})
    assert list(getattr(project, f"{kind}s").all()) == [a, c, b]
    lead.post(reverse(f"projects:{kind}_move", args=[project.pk, a.pk]), {"direction": "down"})
    assert list(getattr(project, f"{kind}s").all()) == [c, a, b]


def test_measures_and_activities_move_within_their_parent(lead, project):
    outcome = OutcomeFactory(project=project)
    m1, m2 = MeasureFactory(outcome=outcome), MeasureFactory(outcome=outcome)
    lead.post(reverse("projects:measure_move", args=[project.pk, m2.pk]), {"direction": "up"})
    assert list(outcome.measures.all()) == [m2, m1]
    objective = ObjectiveFactory(project=project)
    a1, a2 = ActivityFactory(objective=objective), ActivityFactory(objective=objective)
    lead.post(reverse("projects:activity_move", args=[project.pk, a1.pk]), {"direction": "down"})
    assert list(objective.activities.all()) == [a2, a1]


def test_a_move_needs_a_direction(lead, project):
    outcome = OutcomeFactory(project=project)
    response = lead.post(
        reverse("projects:outcome_move", args=[project.pk, outcome.pk]), {"direction": "sideways"}, follow=True
    )
    assert "Choose to move it up or down." in response.text


def test_move_is_post_only(lead, project):
    outcome = OutcomeFactory(project=project)
    assert lead.get(reverse("projects:outcome_move", args=[project.pk, outcome.pk])).status_code == 405


def test_removing_an_objective_removes_its_activities(lead, project):
    activity = ActivityFactory(objective__project=project)
    lead.post(reverse("projects:objective_delete", args=[project.pk, activity.objective.pk]))
    assert not Activity.objects.exists()


def test_project_page_shows_the_chain_with_progress(lead, project):
    outcome = OutcomeFactory(project=project, number=5, title="Better guidance")
    objective = ObjectiveFactory(project=project, title="Write the note")
    objective.outcomes.add(outcome)
    ActivityFactory(objective=objective, status="done")
    ActivityFactory(objective=objective, status="in_progress", due_date=dt.date(2020, 1, 1))
    page = lead.get(project.get_absolute_url()).text
    assert project.aim in page
    assert "Outcome 5: Better guidance" in page
    assert "Write the note" in page and f'href="#outcome-{outcome.pk}"' in page
    assert "1 of 2 activities done" in page
    assert "Progress: 1 of 2 activities done" in page
    assert "(overdue)" in page


def test_project_page_opens_with_the_chain_at_a_glance(lead, project):
    served = OutcomeFactory(project=project, number=5, title="Better guidance")
    MeasureFactory(outcome=served)
    unserved = OutcomeFactory(project=project, number=6, title="More groups generate energy")
    objective = ObjectiveFactory(project=project, title="Write the note")
    objective.outcomes.add(served)
    ActivityFactory(objective=objective, status="done")
    ActivityFactory(objective=objective)
    glance = parse(lead.get(project.get_absolute_url())).select_one("#at-a-glance")
    items = {item.select_one("a").attrs["href"]: item.text for item in glance.select("li")}
    assert "Better guidance" in items[f"#outcome-{served.pk}"] and "1 measure" in items[f"#outcome-{served.pk}"]
    assert "Serves: outcome 5" in items[f"#objective-{objective.pk}"]
    assert "1 of 2 activities done" in items[f"#objective-{objective.pk}"]
    # The outcome nothing serves yet is flagged, so a gap in the chain shows at once.
    assert "no objective serves it yet" in items[f"#outcome-{unserved.pk}"]
    assert "no objective serves it yet" not in items[f"#outcome-{served.pk}"]


def test_project_page_queries_do_not_grow_with_the_plan(lead, project, django_assert_max_num_queries):
    def fill(n):
        for _ in range(n):
            outcome = OutcomeFactory(project=project)
            MeasureFactory(outcome=outcome)
            objective = ObjectiveFactory(project=project)
            objective.outcomes.add(outcome)
            ActivityFactory(objective=objective)

    fill(1)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        lead.get(project.get_absolute_url())
    fill(5)
    with django_assert_max_num_queries(len(small.captured_queries)):
        lead.get(project.get_absolute_url())


def test_outcome_numbers_and_kinds(project):
    assert Outcome(project=project, title="x").number == 5
    assert str(OutcomeFactory(project=project, title="Clear information")) == "Clear information"
