"""The demo projects of the demo organisation: the guide's test project (community energy) and
two more at other stages, each with its outcomes, measures, objectives and activities.
Idempotent: a project that already exists (matched by title) is kept as it is."""

import datetime as dt

from django.utils import timezone

from . import services
from .models import Activity, Measure, Objective, Outcome, Project, ProjectRole, Stage

DONE, DOING, TODO = Activity.Status.DONE, Activity.Status.IN_PROGRESS, Activity.Status.NOT_STARTED

# Each project: the template's words plus its own service outcomes, objectives and activities.
# Days are relative to today, so the demo always looks current. Activities are listed per
# objective position (0-3: the guide's standard objectives; 4+: the project's own).
PROJECTS = [
    {
        "title": "Community energy guidance note",
        "service_area": "Environment",
        "aim": (
            "For residents and West Berkshire Council to work together in equal partnership to develop an "
            "introductory guidance note on community energy generation in West Berkshire."
        ),
        "start": -150,
        "end": 120,
        "lead": "officer",
        "roles": [("officer2", ProjectRole.Role.SUPPORT), ("chair", ProjectRole.Role.CHAIR)],
        # The guide's test project identified these two outcomes.
        "service_outcomes": [
            (
                "Community groups have clear and accessible information about how to develop a community energy "
                "project.",
                [
                    (
                        Measure.Kind.STATEMENT,
                        "The guidance note gives us the information we need to start a community energy project.",
                        "Short questionnaire to community groups who use the guidance",
                        "Three months after the guidance is published",
                    ),
                    (
                        Measure.Kind.COUNT,
                        "Number of times the guidance note is downloaded or requested",
                        "Website statistics and requests to the Environment team",
                        "Every quarter after publication",
                    ),
                ],
            ),
            (
                "There is an increase in the number of community groups in West Berkshire generating their own "
                "renewable energy.",
                [
                    (
                        Measure.Kind.INDICATOR,
                        "Number of community groups in West Berkshire generating their own renewable energy",
                        "The Environment team's register of community energy schemes",
                        "At the start, and one year after the guidance is published",
                    ),
                ],
            ),
        ],
        "own_objectives": ["Write and publish an introductory guidance note on community energy generation."],
        "activities": {
            0: [
                ("Advertise the group with a short flyer for interest", "Sam Taylor", -130, DONE),
                ("Send the fuller application to everyone who expressed interest", "Sam Taylor", -115, DONE),
                ("Have a short call with each member before the first meeting", "Jo Evans", -100, DONE),
                ("Agree a chair or co-chairs", "The group", -85, DONE),
            ],
            1: [("Agree travel expenses, technology help and calls before and after meetings", "Jo Evans", -95, DONE)],
            2: [("Run an introduction to co-production session for all members", "Sam Taylor", -60, DONE)],
            3: [
                ("Agree ground rules at the start of the first meeting", "The group", -85, DONE),
                ("Agree terms of reference over the first three meetings", "The group", -30, DONE),
            ],
            4: [
                ("Collect case studies from existing community energy groups", "Margaret Hughes", -5, DOING),
                ("Draft the guidance note together", "The group", 14, DOING),
                ("Test the draft with two community groups", "Jo Evans", 45, TODO),
                ("Publish the guidance note on the council website", "Sam Taylor", 75, TODO),
            ],
        },
        "stages": [
            (
                Stage.DELIVERING,
                -70,
                "Residents chose the topics the guidance covers and wrote the first section at a workshop.",
            ),
        ],
    },
    {
        "title": "Information and support for unpaid carers",
        "service_area": "Adult social care",
        "aim": (
            "For residents and West Berkshire Council to work together in equal partnership to redesign the "
            "information and support offered to unpaid carers."
        ),
        "start": -20,
        "end": 240,
        "lead": "officer2",
        "roles": [("officer", ProjectRole.Role.SUPPORT)],
        "service_outcomes": [
            (
                "Unpaid carers find it easier to get the information and support they need.",
                [
                    (
                        Measure.Kind.STATEMENT,
                        "I know where to find information and support as a carer.",
                        "Carers' survey, before and after the new information is launched",
                        "At the start and six months after launch",
                    ),
                    (
                        Measure.Kind.INDICATOR,
                        "Number of carers' assessments requested",
                        "Adult social care records",
                        "Every quarter",
                    ),
                ],
            ),
        ],
        "own_objectives": ["Map the information carers use now and where the gaps are."],
        "activities": {
            0: [
                ("Send the flyer for interest to carers' groups and the carers' hub", "Jo Evans", 7, DOING),
                ("Book an accessible venue with a hearing loop for the first meeting", "Jo Evans", 21, TODO),
            ],
            1: [("Arrange replacement care so carers can attend", "Sam Taylor", 25, TODO)],
            4: [("List every leaflet and web page carers are given today", "Sam Taylor", 30, TODO)],
        },
        "stages": [],
    },
    {
        "title": "Library opening hours review",
        "service_area": "Libraries",
        "aim": (
            "For residents and West Berkshire Council to work together in equal partnership to review library "
            "opening hours so they suit the people who use them."
        ),
        "start": -330,
        "end": 30,
        "lead": "officer",
        "roles": [("chair", ProjectRole.Role.CHAIR)],
        "service_outcomes": [
            (
                "Library opening hours better match when residents want to use them.",
                [
                    (
                        Measure.Kind.INDICATOR,
                        "Visits per opening hour at each library",
                        "Door counters",
                        "Six months before and after the new hours",
                    ),
                    (
                        Measure.Kind.COUNT,
                        "Number of complaints about opening hours",
                        "Complaints records",
                        "Six months before and after the new hours",
                    ),
                ],
            ),
        ],
        "own_objectives": ["Agree new opening hours with residents and library staff."],
        "activities": {
            0: [("Recruit library users and staff to the group", "Sam Taylor", -300, DONE)],
            1: [("Agree expenses and childcare support", "Sam Taylor", -290, DONE)],
            2: [("Introduction to co-production session", "Sam Taylor", -280, DONE)],
            3: [("Agree ground rules and terms of reference", "The group", -250, DONE)],
            4: [
                ("Survey library users about when they visit", "The group", -200, DONE),
                ("Propose new hours to the library service", "The group", -120, DONE),
                ("Write up what we learnt for other projects", "Sam Taylor", 20, DOING),
            ],
        },
        "stages": [
            (Stage.DELIVERING, -220, "Residents designed the survey and ran stalls in three libraries."),
            (Stage.REFLECTING, -60, "Residents and staff reviewed the survey results and the new hours together."),
        ],
    },
]


def load(organisation, context):
    """Create (or find) the demo projects, led and staffed by the demo users in ``context``."""
    today = timezone.localdate()
    users = context["users"]
    context["projects"] = [_project(organisation, users, spec, today) for spec in PROJECTS]


def _project(organisation, users, spec, today):
    existing = Project.objects.filter(organisation=organisation, title=spec["title"]).first()
    if existing:
        return existing
    project = services.project_create_from_template(
        organisation=organisation,
        user=users[spec["lead"]],
        title=spec["title"],
        service_area=spec["service_area"],
        aim=spec["aim"],
        start_date=today + dt.timedelta(days=spec["start"]),
        end_date=today + dt.timedelta(days=spec["end"]),
    )
    for key, role in spec["roles"]:
        services.project_role_add(project=project, user=users[key], role=role)
    outcomes = _service_outcomes(project, spec["service_outcomes"])
    for title in spec["own_objectives"]:
        objective = Objective.objects.create(
            project=project, title=title, position=services.position_next(project.objectives.all())
        )
        objective.outcomes.set(outcomes)
    _activities(project, spec["activities"], today)
    for stage, began, involvement in spec["stages"]:
        record = services.project_advance_stage(
            project=project, began_on=today + dt.timedelta(days=began), resident_involvement=involvement
        )
        assert record.stage == stage, "demo stages must be listed in order"
    return project


def _service_outcomes(project, specs):
    """The template's service outcome (number 5) takes the first title; later ones are added."""
    outcomes = []
    for number, (title, measures) in enumerate(specs, start=5):
        if number == 5:
            outcome = project.outcomes.get(kind=Outcome.Kind.SERVICE)
            outcome.title, outcome.description = title, ""
            outcome.save(update_fields=["title", "description"])
        else:
            outcome = Outcome.objects.create(
                project=project, kind=Outcome.Kind.SERVICE, number=number, title=title, position=number
            )
        Measure.objects.bulk_create(
            Measure(outcome=outcome, kind=kind, description=text, how_collected=how, when_collected=when, position=i)
            for i, (kind, text, how, when) in enumerate(measures)
        )
        outcomes.append(outcome)
    return outcomes


def _activities(project, by_objective, today):
    objectives = list(project.objectives.order_by("position"))
    Activity.objects.bulk_create(
        Activity(
            objective=objectives[index],
            title=title,
            owner=owner,
            due_date=today + dt.timedelta(days=due),
            status=status,
            position=position,
        )
        for index, activities in by_objective.items()
        for position, (title, owner, due, status) in enumerate(activities)
    )
