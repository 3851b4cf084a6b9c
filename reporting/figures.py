"""Every figure in the reports, computed in the database.

Each function takes a queryset of projects (already limited to what the user may see) or one
project, and runs a fixed number of queries however many projects, people or meetings there
are. People are counted once per project (and once across projects in the totals), however
many groups or memberships they have."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from feedback.models import ReflectionInvitation
from groups.models import Group, Membership
from meetings.models import Attendance, EventAttendance, Meeting
from outcomes.models import Invitation
from projects.models import STAGE_ORDER, Activity, Project, Stage

from .categories import CATEGORIES, CATEGORY_LABELS, NOT_ANSWERED, PREFER_NOT, options_for
from .models import (
    Indicator,
    IndicatorReading,
    MonitoringArea,
    MonitoringInvitation,
    MonitoringResponse,
    PopulationShare,
)

DAYS_PER_MONTH = 30.44
COUNCIL = Q(member_type__in=Membership.COUNCIL_TYPES)
RESIDENT = Q(member_type__in=Membership.RESIDENT_TYPES)


class DaysBetween(Func):
    """Days (with fractions) from ``start`` to ``end``, dates or times, in plain SQL.

    Django's own date subtraction calls a Python function per row on SQLite, which costs
    more than the whole rest of the dashboard at a large council; this stays in C."""

    output_field = FloatField()
    arity = 2

    def __init__(self, end, start):
        super().__init__(end, start)

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="(julianday(%(expressions)s))", arg_joiner=") - julianday(")

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="(EXTRACT(EPOCH FROM (%(expressions)s)) / 86400.0)",
            arg_joiner="::timestamp - ",
            **extra,
        )


def _days_on_group(today):
    """Days from joining to leaving (or to today, for current members)."""
    return DaysBetween(Coalesce("left_on", Value(today)), F("joined_on"))


def _meeting_days():
    return DaysBetween(F("ends_at"), F("starts_at"))


def _duration_days(value):
    return None if value is None else float(value)


def _months(days):
    return None if days is None else round(days / DAYS_PER_MONTH, 1)


def _hours(duration):
    days = _duration_days(duration)
    return 0 if days is None else round(days * 24, 1)


# --- Projects and filters ----------------------------------------------------------------


def projects_filtered(projects, *, service_area="", stage="", year=None):
    """Projects matching the dashboard's filters; ``year`` keeps those running in that year."""
    if service_area:
        projects = projects.filter(service_area=service_area)
    if stage:
        projects = projects.filter(stage=stage)
    if year:
        projects = projects.filter(start_date__lte=dt.date(year, 12, 31)).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=dt.date(year, 1, 1))
        )
    return projects


# --- People taking part -----------------------------------------------------------------


def _participant_pairs(projects):
    """Every way a person takes part in a project, as querysets of (project ``rp``, person
    ``rq``) pairs: membership, meeting and event attendance, answered questionnaires and
    reflection rounds. Who answered comes from the invitations, which know who answered but
    never what. A new way of taking part is added here."""
    return [
        Membership.objects.filter(group__project__in=projects).values(rp=F("group__project_id"), rq=F("person_id")),
        Attendance.objects.filter(status=Attendance.Status.PRESENT, meeting__group__project__in=projects).values(
            rp=F("meeting__group__project_id"), rq=F("person_id")
        ),
        EventAttendance.objects.filter(event__project__in=projects).values(
            rp=F("event__project_id"), rq=F("person_id")
        ),
        Invitation.objects.filter(completed=True, questionnaire__project__in=projects).values(
            rp=F("questionnaire__project_id"), rq=F("person_id")
        ),
        ReflectionInvitation.objects.filter(completed=True, round__group__project__in=projects).values(
            rp=F("round__group__project_id"), rq=F("person_id")
        ),
    ]


def _participants_sql(projects, fields):
    """The UNION of every way of taking part, or None when the projects are known to be none
    at all."""
    parts, params = [], []
    for queryset in _participant_pairs(projects):
        try:
            sql, source_params = queryset.values(*fields).order_by().query.sql_with_params()
        except EmptyResultSet:  # e.g. an empty page of projects: pk__in=[]
            return None, []
        parts.append(sql)
        params.extend(source_params)
    return " UNION ".join(parts), params


def people_by_project(projects):
    """{project id: people taking part}, each person once per project, in one query. UNION has
    already made the (project, person) pairs distinct, so a plain count per project suffices."""
    union, params = _participants_sql(projects, ("rp", "rq"))
    if union is None:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rp, COUNT(*) FROM ({union}) participants GROUP BY rp", params)
        return dict(cursor.fetchall())


def people_total(projects):
    """People taking part in any of the projects, each counted once, in one query: the union of
    people alone (not project and person pairs), already distinct, counted."""
    union, params = _participants_sql(projects, ("rq",))
    if union is None:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({union}) participants", params)
        return cursor.fetchone()[0]


def _by_project(queryset, key, **aggregates):
    """One grouped query: {project id: {figure: value}}."""
    rows = queryset.order_by().values(key).annotate(**aggregates)
    return {row[key]: row for row in rows}


def engagement_rows(projects, today=None):
    """One row per project with its engagement figures: five queries for any number of
    projects (the projects, then one grouped query each for memberships, meetings, groups
    and activities)."""
    today = today or timezone.localdate()
    now = timezone.now()
    ids = projects.order_by().values("pk")
    projects = list(projects.select_related("organisation"))
    members = _by_project(
        Membership.objects.filter(group__project__in=ids),
        "group__project",
        members=Count("person", distinct=True),
        council=Count("person", distinct=True, filter=COUNCIL),
        residents=Count("person", distinct=True, filter=RESIDENT),
        avg_days=Avg(_days_on_group(today)),
    )
    held = Q(status=Meeting.Status.SCHEDULED, starts_at__lt=now)
    meetings = _by_project(
        Meeting.objects.filter(group__project__in=ids),
        "group__project",
        held=Count("pk", filter=held),
        planned=Count("pk", filter=Q(status=Meeting.Status.SCHEDULED, starts_at__gte=now)),
        time=Sum(_meeting_days(), filter=held),
    )
    groups = _by_project(Group.objects.filter(project__in=ids), "project", n=Count("pk"))
    people = people_by_project(ids)
    activities = _by_project(
        Activity.objects.filter(objective__project__in=ids),
        "objective__project",
        total=Count("pk"),
        done=Count("pk", filter=Q(status=Activity.Status.DONE)),
    )
    rows = []
    for p in projects:
        m, mt = members.get(p.pk, {}), meetings.get(p.pk, {})
        a = activities.get(p.pk, {})
        rows.append(
            EngagementRow(
                project=p,
                people=people.get(p.pk, 0),
                members=m.get("members", 0),
                council=m.get("council", 0),
                residents=m.get("residents", 0),
                months_on_group=_months(_duration_days(m.get("avg_days"))),
                meetings_held=mt.get("held", 0),
                meetings_planned=mt.get("planned", 0),
                meeting_hours=_hours(mt.get("time")),
                groups=groups.get(p.pk, {}).get("n", 0),
                activities_total=a.get("total", 0),
                activities_done=a.get("done", 0),
            )
        )
    return rows


@dataclass
class EngagementRow:
    project: Project
    people: int
    members: int
    council: int
    residents: int
    months_on_group: float | None
    meetings_held: int
    meetings_planned: int
    meeting_hours: float
    groups: int
    activities_total: int
    activities_done: int

    @property
    def council_share(self):
        return _share(self.council, self.council + self.residents)


def _share(part, whole):
    return None if not whole else round(100 * part / whole)


@dataclass
class EngagementTotals:
    projects: int
    by_stage: list = field(default_factory=list)
    people: int = 0
    members: int = 0
    council: int = 0
    residents: int = 0
    memberships: int = 0
    months_on_group: float | None = None
    by_type: list = field(default_factory=list)
    meetings_held: int = 0
    meetings_planned: int = 0
    meeting_hours: float = 0
    person_hours: float = 0

    @property
    def council_share(self):
        return _share(self.council, self.council + self.residents)


def engagement_totals(projects, today=None):
    """Totals over a set of projects: each person counted once, however many groups or
    projects they are part of. Four queries."""
    today = today or timezone.localdate()
    now = timezone.now()
    stage_counts = dict(projects.order_by().values_list("stage").annotate(n=Count("pk")))
    by_stage = [(Stage(stage).label, stage_counts.get(stage, 0)) for stage in STAGE_ORDER]
    memberships = Membership.objects.filter(group__project__in=projects)
    people = memberships.aggregate(
        people=Count("person", distinct=True),
        council=Count("person", distinct=True, filter=COUNCIL),
        residents=Count("person", distinct=True, filter=RESIDENT),
        memberships=Count("pk"),
        avg_days=Avg(_days_on_group(today)),
        **{
            f"type_{value}": Count("person", distinct=True, filter=Q(member_type=value))
            for value in Membership.Type.values
        },
    )
    by_type = [(label, people[f"type_{value}"]) for value, label in Membership.Type.choices]
    held = Meeting.objects.filter(group__project__in=projects, status=Meeting.Status.SCHEDULED)
    meetings = held.aggregate(
        held=Count("pk", filter=Q(starts_at__lt=now)),
        planned=Count("pk", filter=Q(starts_at__gte=now)),
        time=Sum(_meeting_days(), filter=Q(starts_at__lt=now)),
    )
    return EngagementTotals(
        projects=sum(stage_counts.values()),
        by_stage=by_stage,
        people=people_total(projects),
        members=people["people"],
        council=people["council"],
        residents=people["residents"],
        memberships=people["memberships"],
        months_on_group=_months(_duration_days(people["avg_days"])),
        by_type=by_type,
        meetings_held=meetings["held"],
        meetings_planned=meetings["planned"],
        meeting_hours=_hours(meetings["time"]),
    )


# --- Service indicators ------------------------------------------------------------------


@dataclass
class IndicatorSummary:
    indicator: Indicator
    readings: list

    @property
    def latest(self):
        return self.readings[-1] if self.readings else None

    @property
    def status(self):
        return indicator_status(self.indicator, self.latest.value if self.latest else None)


def indicator_status(indicator, latest):
    """How the latest reading compares with the baseline and the target, in words."""
    if latest is None:
        return _("No readings yet")
    better = (lambda a, b: a >= b) if indicator.direction == Indicator.Direction.UP else (lambda a, b: a <= b)
    if indicator.target is not None and better(latest, indicator.target):
        return _("Target met")
    if indicator.baseline is None:
        return _("No baseline")
    if latest == indicator.baseline:
        return _("No change from baseline")
    return _("Better than baseline") if better(latest, indicator.baseline) else _("Worse than baseline")


def project_indicators(project):
    indicators = project.indicators.select_related("outcome").prefetch_related("readings")
    return [IndicatorSummary(indicator=i, readings=list(i.readings.all())) for i in indicators]


INDICATOR_STATUSES = [
    ("target", _("Target met")),
    ("better", _("Better than baseline")),
    ("same", _("No change from baseline")),
    ("worse", _("Worse than baseline")),
    ("no_baseline", _("No baseline")),
    ("none", _("No readings yet")),
]


def indicator_status_counts(projects):
    """How many of the projects' indicators are in each status (the same rules as
    ``indicator_status``), worked out in the database in one query."""
    latest = IndicatorReading.objects.filter(indicator=OuterRef("pk")).order_by("-recorded_on", "-pk")
    up = Q(direction=Indicator.Direction.UP)
    indicators = (
        Indicator.objects.filter(project__in=projects)
        .annotate(latest=Subquery(latest.values("value")[:1]))
        .annotate(
            status=Case(
                When(latest__isnull=True, then=Value("none")),
                When(
                    Q(target__isnull=False) & ((up & Q(latest__gte=F("target"))) | (~up & Q(latest__lte=F("target")))),
                    then=Value("target"),
                ),
                When(baseline__isnull=True, then=Value("no_baseline")),
                When(latest=F("baseline"), then=Value("same")),
                When((up & Q(latest__gt=F("baseline"))) | (~up & Q(latest__lt=F("baseline"))), then=Value("better")),
                default=Value("worse"),
                output_field=CharField(),
            )
        )
    )
    counts = dict(indicators.order_by().values_list("status").annotate(n=Count("pk")))
    return [(key, label, counts.get(key, 0)) for key, label in INDICATOR_STATUSES]


# --- Diversity (equality monitoring) -------------------------------------------------------


@dataclass
class DiversityRow:
    label: str
    count: int | None  # None: withheld
    share: int | None
    population: Decimal | None = None


@dataclass
class DiversityCategory:
    field: str
    label: str
    rows: list


@dataclass
class Diversity:
    minimum: int
    total: int
    invited: int | None
    categories: list

    @property
    def withheld(self):
        return self.total < self.minimum


def _suppress(counts, minimum):
    """Withhold every count from 1 to minimum-1. When only one count in a category would be
    withheld, the next smallest is withheld too, so neither can be worked out by subtraction
    from the total."""
    hidden = {key for key, n in counts.items() if 0 < n < minimum}
    if len(hidden) == 1:
        shown = sorted((n, key) for key, n in counts.items() if n > 0 and key not in hidden)
        if shown:
            hidden.add(shown[0][1])
    return hidden


def diversity(projects, organisation, *, with_invitations=False):
    """Equality-monitoring answers for the projects, in aggregate, with the minimum-number
    rule applied to every breakdown and the organisation's population shares beside them."""
    minimum = organisation.min_responses
    responses = MonitoringResponse.objects.filter(project__in=projects)
    counts = responses.counts()
    total = counts["total"]
    invited = None
    if with_invitations:
        invited = MonitoringInvitation.objects.filter(project__in=projects, sent_at__isnull=False).count()
    if total < minimum:
        return Diversity(minimum=minimum, total=total, invited=invited, categories=[])
    areas = [(a, a) for a in MonitoringArea.objects.filter(organisation=organisation).values_list("name", flat=True)]
    population = {(s.category, s.option): s.percent for s in PopulationShare.objects.filter(organisation=organisation)}
    categories = []
    for field_name, _question, _options in CATEGORIES:
        options = options_for(field_name, areas)
        if field_name == "area":
            known = {key for key, _label in options}
            extra = sorted(
                key[len("area__") :]
                for key in counts
                if key.startswith("area__") and key[len("area__") :] not in known | {PREFER_NOT, NOT_ANSWERED}
            )
            options += [(key, key) for key in extra]
        options += [(PREFER_NOT, _("Prefer not to say")), (NOT_ANSWERED, _("Not answered"))]
        cell = {key: counts.get(f"{field_name}__{key}", 0) for key, _label in options}
        hidden = _suppress(cell, minimum)
        rows = [
            DiversityRow(
                label=label,
                count=None if key in hidden else cell[key],
                share=None if key in hidden else _share(cell[key], total),
                population=population.get((field_name, key)),
            )
            for key, label in options
        ]
        categories.append(DiversityCategory(field=field_name, label=CATEGORY_LABELS[field_name], rows=rows))
    return Diversity(minimum=minimum, total=total, invited=invited, categories=categories)
