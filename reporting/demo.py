"""Demo content for reports: service indicators with readings, a population profile, the
organisation's areas and some equality-monitoring answers. Idempotent: skips what exists."""

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from projects.models import Outcome, Project

from .models import Indicator, IndicatorReading, MonitoringArea, MonitoringResponse, PopulationShare

AREAS = ["Newbury", "Thatcham", "Hungerford", "Theale", "Villages and countryside"]

# Shares of the population in percent (rounded, in the style of the 2021 Census for a
# mostly rural English district); areas are approximate.
POPULATION = {
    "age_band": {
        "under_18": 22.0,
        "18_24": 6.5,
        "25_34": 10.5,
        "35_44": 12.5,
        "45_54": 14.5,
        "55_64": 13.5,
        "65_74": 11.0,
        "75_plus": 9.5,
    },
    "sex": {"female": 50.6, "male": 49.4},
    "gender_same": {"yes": 94.0, "no": 0.4},
    "ethnicity": {"asian": 3.9, "black": 1.1, "mixed": 2.3, "white": 91.9, "other": 0.8},
    "disability": {"yes_a_lot": 6.0, "yes_a_little": 9.5, "no": 84.5},
    "carer": {"yes": 8.5, "no": 91.5},
    "area": {"Newbury": 29.0, "Thatcham": 17.0, "Hungerford": 4.0, "Theale": 2.0, "Villages and countryside": 48.0},
}

# (words in the project title, indicators: name, unit, direction, baseline, target, how, readings)
INDICATORS = [
    (
        "energy",
        [
            (
                "Community groups generating their own renewable energy",
                "groups",
                "up",
                2,
                12,
                "Count of community groups with solar panels, heat pumps or a share in a local scheme",
                [2, 3, 5, 6, 8],
            ),
            (
                "Guidance note downloads",
                "downloads",
                "up",
                40,
                300,
                "Downloads of the co-produced community energy guidance notes from the council website",
                [40, 95, 160, 210, 265],
            ),
        ],
    ),
    (
        "",
        [
            (
                "Satisfaction with the service",
                "%",
                "up",
                58,
                75,
                "Annual service survey: share satisfied or very satisfied",
                [58, 61, 66, 70],
            ),
            (
                "Complaints about the service",
                "complaints",
                "down",
                42,
                25,
                "Complaints logged per quarter",
                [42, 38, 31, 27],
            ),
        ],
    ),
]


def _projects(organisation, context):
    given = context.get("projects")
    if isinstance(given, dict):
        given = list(given.values())
    return list(given) if given else list(Project.objects.filter(organisation=organisation))


def load(organisation, context):
    _profile(organisation)
    today = timezone.localdate()
    rng = random.Random(7)  # the same demo every time
    indicators = []
    for project in _projects(organisation, context):
        if project.indicators.exists():
            continue
        _words, specs = next((w, s) for w, s in INDICATORS if w in project.title.lower())
        indicators += [_indicator(project, spec, today) for spec in specs]
        if not project.monitoring_responses.exists():
            MonitoringResponse.objects.bulk_create(_answers(project, rng, 11))
    context["indicators"] = indicators


def _profile(organisation):
    """The organisation's areas and the population it serves, for the diversity comparison."""
    for position, name in enumerate(AREAS):
        MonitoringArea.objects.get_or_create(organisation=organisation, name=name, defaults={"position": position})
    for category, shares in POPULATION.items():
        for option, percent in shares.items():
            PopulationShare.objects.get_or_create(
                organisation=organisation,
                category=category,
                option=option,
                defaults={"percent": Decimal(str(percent))},
            )


def _indicator(project, spec, today):
    """An indicator of the project's service outcome, with a reading each quarter up to today."""
    name, unit, direction, baseline, target, how, values = spec
    indicator = Indicator.objects.create(
        project=project,
        outcome=project.outcomes.filter(kind=Outcome.Kind.SERVICE).first(),
        name=name,
        unit=unit,
        direction=direction,
        baseline=baseline,
        target=target,
        how_measured=how,
    )
    IndicatorReading.objects.bulk_create(
        IndicatorReading(
            indicator=indicator, recorded_on=today - dt.timedelta(days=91 * (len(values) - 1 - i)), value=value
        )
        for i, value in enumerate(values)
    )
    return indicator


def _answers(project, rng, count):
    def pick(category, extra=("prefer_not",)):
        options = list(POPULATION[category]) + list(extra)
        weights = [POPULATION[category].get(o, 3) for o in options]
        return rng.choices(options, weights=weights)[0]

    return [
        MonitoringResponse(
            project=project,
            age_band=pick("age_band"),
            sex=pick("sex"),
            gender_same=pick("gender_same"),
            ethnicity=pick("ethnicity"),
            disability=pick("disability"),
            carer=pick("carer"),
            area=pick("area", extra=("prefer_not", "")),
        )
        for _ in range(count)
    ]
