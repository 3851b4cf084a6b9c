"""The sections of every report, in order. Each is one data function per scope and one
template partial, used by the report page, the dashboard, the PDF and the CSV alike.

To add a section, add a ``Section`` to ``SECTIONS`` where it belongs in the order: the pages,
the PDF's contents and the CSV pick it up. Data functions take ``(project, context)`` or ``(projects, context)`` where ``context``
is a ``ReportContext``; they must run a fixed number of queries whatever the data's size."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from core import charts
from feedback.guide import PRINCIPLE_KEYS, PRINCIPLES
from outcomes.models import Audience, Questionnaire
from projects.models import Project

from . import evidence, figures, participation


@dataclass(frozen=True)
class ReportContext:
    organisation: Any
    today: Any
    # True when rendering the PDF: partials leave out links and forms.
    pdf: bool = False
    # Across projects: the projects whose own rows are worked out (the dashboard's page of
    # them); None for every project (the PDF and the CSV). Totals always cover every project.
    shown: frozenset | None = None

    def rows_of(self, projects):
        """The projects to give a row each: all of them, or those on the page."""
        return projects if self.shown is None else projects.filter(pk__in=self.shown)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    project: Callable | None = None
    across: Callable | None = None
    # csv(data, scope_label) -> iterable of [section, project, measure, category, value]
    csv: Callable | None = None

    @property
    def template_name(self):
        """Its partial, which receives ``data``, ``scope`` and ``pdf``."""
        return f"reporting/sections/{self.key}.html"

    @property
    def anchor(self):
        return f"section-{self.key}"


# --- Aim and outcome chain ---------------------------------------------------------------


def chain_project(project, context):
    outcomes = project.outcomes.prefetch_related("measures", "indicators")
    objectives = project.objectives.annotate(
        activities_total=Count("activities", distinct=True),
        activities_done=Count("activities", filter=Q(activities__status="done"), distinct=True),
    ).prefetch_related("outcomes", "activities")
    return {
        "project": project,
        "stages": list(project.stage_records.all()),
        "outcomes": list(outcomes),
        "objectives": list(objectives),
    }


def chain_across(projects, context):
    """Across projects, the chain is each project's aim (its own report has the rest)."""
    return {
        "projects": list(
            context.rows_of(projects).order_by("title", "pk").only("pk", "title", "service_area", "stage", "aim")
        )
    }


def chain_csv(data, label):
    for project in data.get("projects", []):
        yield [_("Aim and outcome chain"), project.title, _("Aim"), "", project.aim]
    if "projects" in data:
        return
    for record in data["stages"]:
        yield [
            _("Aim and outcome chain"),
            label,
            _("Stage began"),
            record.get_stage_display(),
            record.began_on.isoformat(),
        ]
    for outcome in data["outcomes"]:
        yield [_("Aim and outcome chain"), label, _("Outcome"), outcome.get_kind_display(), outcome.title]
    for objective in data["objectives"]:
        yield [
            _("Aim and outcome chain"),
            label,
            _("Activities done"),
            objective.title,
            f"{objective.activities_done} of {objective.activities_total}",
        ]


# --- Engagement ---------------------------------------------------------------------------


def engagement_project(project, context):
    projects = Project.objects.filter(pk=project.pk)
    return {
        "totals": figures.engagement_totals(projects, context.today),
        "ways": participation.participation(projects),
    }


def engagement_across(projects, context):
    rows = figures.engagement_rows(context.rows_of(projects), context.today)
    extra = participation.participation_by_project(context.rows_of(projects).order_by().values("pk"))
    for row in rows:
        row.extra = extra.get(row.project.pk, {})
    return {
        "totals": figures.engagement_totals(projects, context.today),
        "ways": participation.participation(projects),
        "rows": rows,
    }


def _ways_csv(ways, label):
    section = _("Engagement")
    for name, value, unit in ways.ways:
        yield [section, label, _("Ways of taking part (%(unit)s)") % {"unit": unit}, name, value]
    for name, value in [
        *ways.lengths,
        (_("People trained in co-production"), ways.trained),
        (_("People with formal training"), ways.trained_formal),
        (_("People with informal training"), ways.trained_informal),
        (_("Expressed interest but did not take part"), ways.interested_not_taking_part),
    ]:
        yield [section, label, name, "", "" if value is None else value]
    for reason, count in ways.reasons:
        yield [section, label, _("Did not take part, by reason"), reason, count]


def _totals_csv(totals, label):
    section = _("Engagement")
    for name, value in [
        (_("Projects"), totals.projects),
        (_("People taking part (each counted once)"), totals.people),
        (_("Group members"), totals.members),
        (_("Council members (staff and councillors)"), totals.council),
        (_("Resident members"), totals.residents),
        (_("Council share of members (%)"), totals.council_share),
        (_("Average months on the group"), totals.months_on_group),
        (_("Meetings held"), totals.meetings_held),
        (_("Meetings planned"), totals.meetings_planned),
        (_("Hours of meetings held"), totals.meeting_hours),
    ]:
        yield [section, label, name, "", "" if value is None else value]
    for stage, count in totals.by_stage:
        yield [section, label, _("Projects by stage"), stage, count]
    for member_type, count in totals.by_type:
        yield [section, label, _("People by type of member"), member_type, count]


def engagement_csv(data, label):
    yield from _totals_csv(data["totals"], label)
    yield from _ways_csv(data["ways"], label)
    for row in data.get("rows", []):
        for name, value in [
            (_("People taking part (each counted once)"), row.people),
            (_("Group members"), row.members),
            (_("Council members (staff and councillors)"), row.council),
            (_("Resident members"), row.residents),
            (_("Average months on the group"), row.months_on_group),
            (_("Meetings held"), row.meetings_held),
            (_("Hours of meetings held"), row.meeting_hours),
            (_("People who came to meetings"), row.extra.get("attendees", 0)),
            (_("Hours contributed at meetings"), row.extra.get("hours", 0)),
            (_("Events held"), row.extra.get("events", 0)),
            (_("People trained in co-production"), row.extra.get("trained", 0)),
            (_("Expressed interest but did not take part"), row.extra.get("not_taking_part", 0)),
        ]:
            yield [
                _("Engagement"),
                row.project.title,
                name,
                row.project.get_stage_display(),
                "" if value is None else value,
            ]


# --- Service indicators (outcome 5) --------------------------------------------------------


def indicators_project(project, context):
    summaries = figures.project_indicators(project)
    return [
        {
            "summary": summary,
            "chart": charts.indicator_chart(
                [(r.recorded_on.strftime("%b %Y"), r.value) for r in summary.readings],
                title=f"{summary.indicator.name} ({summary.indicator.unit})"
                if summary.indicator.unit
                else summary.indicator.name,
                baseline=summary.indicator.baseline,
                target=summary.indicator.target,
                unit=summary.indicator.unit,
                chart_id=f"indicator-{summary.indicator.pk}",
            )
            if summary.readings
            else None,
        }
        for summary in summaries
    ]


def indicators_across(projects, context):
    counts = figures.indicator_status_counts(projects)
    return {
        "counts": counts,
        "total": sum(n for _key, _label, n in counts),
        "chart": charts.bar_chart(
            [(label, n) for _key, label, n in counts],
            title=_("Service indicators by how the latest reading compares"),
            chart_id="indicator-statuses",
        ),
    }


def indicators_csv(data, label):
    section = _("Service indicators")
    if isinstance(data, list):
        for item in data:
            indicator = item["summary"].indicator
            for name, value in ((_("Baseline"), indicator.baseline), (_("Target"), indicator.target)):
                yield [section, label, indicator.name, name, "" if value is None else value]
            for reading in item["summary"].readings:
                yield [section, label, indicator.name, reading.recorded_on.isoformat(), reading.value]
        return
    for _key, status, count in data["counts"]:
        yield [section, label, _("Indicators"), status, count]


# --- Diversity -----------------------------------------------------------------------------


def diversity_project(project, context):
    return figures.diversity(Project.objects.filter(pk=project.pk), context.organisation, with_invitations=True)


def diversity_across(projects, context):
    return figures.diversity(projects, context.organisation)


def diversity_csv(data, label):
    section = _("Diversity")
    withheld = _("withheld (fewer than %(n)s answers)") % {"n": data.minimum}
    if data.withheld:
        yield [section, label, _("Equality monitoring answers"), "", withheld]
        return
    yield [section, label, _("Equality monitoring answers"), "", data.total]
    for category in data.categories:
        for row in category.rows:
            yield [section, label, category.label, row.label, withheld if row.count is None else row.count]


# --- Outcome scores (outcomes 1 to 4) ---------------------------------------------------------


def outcomes_project(project, context):
    return evidence.outcome_scores(Project.objects.filter(pk=project.pk), context.organisation, context.today)


def outcomes_across(projects, context):
    # The per-project table is not in the PDF (too wide for the page).
    scores = evidence.outcome_scores(
        projects,
        context.organisation,
        context.today,
        by_project=not context.pdf,
        shown=context.shown,
    )
    titles = dict(context.rows_of(projects).order_by().values_list("pk", "title"))
    keys = sorted({key for cells in scores.project_rows.values() for key in cells})
    scores.columns = [(number, Audience(audience).label) for number, audience in keys]
    scores.project_rows = sorted(
        ((titles.get(pk, ""), pk, [cells.get(key) for key in keys]) for pk, cells in scores.project_rows.items()),
        key=lambda row: row[0],
    )
    return scores


def _cell_value(cell, minimum):
    if cell.withheld:
        return _("withheld (fewer than %(n)s answers)") % {"n": minimum}
    return "" if cell.share is None else cell.share


def outcomes_csv(data, label):
    section = _("Outcome scores")
    for number, _title, audiences in data.outcomes:
        for audience_label, totals in audiences:
            for point, cell in totals.items():
                if cell.empty:
                    continue
                measure = _("Outcome %(n)s, share agreeing (%%), %(point)s") % {
                    "n": number,
                    "point": Questionnaire.Point(point).label,
                }
                yield [section, label, measure, audience_label, _cell_value(cell, data.minimum)]
                yield [section, label, _("Outcome %(n)s, answers") % {"n": number}, audience_label, cell.answered]
    for s in data.statements:
        audience_label = Audience(s.audience).label
        for point, cell in s.points.items():
            if cell.empty:
                continue
            point_label = Questionnaire.Point(point).label
            yield [
                section,
                label,
                f"{s.text} ({point_label}): % agreeing",
                audience_label,
                _cell_value(cell, data.minimum),
            ]
            yield [section, label, f"{s.text} ({point_label}): answers", audience_label, cell.answered]
        if s.change is not None:
            yield [section, label, f"{s.text}: change start to end (points)", audience_label, s.change]
    for title, _pk, cells in data.project_rows:
        for (number, audience_label), cell in zip(data.columns, cells, strict=True):
            if cell is None or cell.empty:
                continue
            yield [
                section,
                title,
                _("Outcome %(n)s, share agreeing (%%), latest point") % {"n": number},
                audience_label,
                _cell_value(cell, data.minimum),
            ]


# --- Reflection rounds (evidence for outcomes 1, 3 and 4) -------------------------------------


def reflection_project(project, context):
    return evidence.reflection_evidence(Project.objects.filter(pk=project.pk), context.organisation, detail=True)


def reflection_across(projects, context):
    # The per-project table is not in the PDF (too wide for the page).
    shown = frozenset() if context.pdf else context.shown
    result = evidence.reflection_evidence(projects, context.organisation, shown=shown)
    titles = dict(context.rows_of(projects).order_by().values_list("pk", "title"))
    result.project_rows = sorted(
        ((titles.get(pk, ""), row | {"pk": pk}) for pk, row in result.project_rows.items()), key=lambda row: row[0]
    )
    return result


def reflection_csv(data, label):
    section = _("Reflection rounds")
    for name, value in [
        (_("Rounds"), data.rounds),
        (_("Rounds withheld (anonymous, fewer answers than the minimum)"), data.rounds_withheld),
        (_("Answers in rounds shown"), data.answers),
        (_("Suggestions for how the group could work better"), data.suggestion_count),
        (_("You said, we did"), data.we_did_count),
    ]:
        yield [section, label, name, "", value]
    for p in data.principles:
        yield [section, label, _("Share agreeing (%)"), p.name, "" if p.share is None else p.share]
        yield [section, label, _("Answers"), p.name, p.answered]
    for record in data.we_did:
        yield [section, label, _("You said, we did"), record.you_said, record.we_did]
    for title, row in data.project_rows:
        for key in PRINCIPLE_KEYS:
            value = row.get(key)
            yield [section, title, _("Share agreeing (%)"), PRINCIPLES[key][0], "" if value is None else value]


# --- Decisions ----------------------------------------------------------------------------------


def decisions_project(project, context):
    return {"decisions": evidence.decisions_list(project)}


def decisions_across(projects, context):
    return {"counts": evidence.decisions_counts(projects)}


def decisions_csv(data, label):
    section = _("Decisions")
    for decision in data.get("decisions", []):
        yield [
            section,
            label,
            decision.meeting.starts_at.date().isoformat(),
            decision.get_method_display()
            + (" (" + _("recommendation to the council") + ")" if decision.recommendation else ""),
            decision.text,
        ]
    counts = data.get("counts")
    if counts:
        for key, name in [
            ("total", _("Decisions")),
            ("consensus", _("Reached by consensus")),
            ("vote", _("Reached by a vote")),
            ("recommendations", _("Recommendations to the council")),
            ("projects", _("Projects with decisions")),
        ]:
            yield [section, label, name, "", counts[key]]


# In the order every report shows them: engagement (with diversity), outcome scores, service
# indicators, reflection, decisions.
SECTIONS = (
    Section("chain", _("Aim and outcome chain"), project=chain_project, across=chain_across, csv=chain_csv),
    Section("engagement", _("Engagement"), project=engagement_project, across=engagement_across, csv=engagement_csv),
    Section("diversity", _("Diversity"), project=diversity_project, across=diversity_across, csv=diversity_csv),
    Section(
        "outcomes",
        _("Outcome scores (outcomes 1 to 4)"),
        project=outcomes_project,
        across=outcomes_across,
        csv=outcomes_csv,
    ),
    Section(
        "indicators",
        _("Service indicators (outcome 5)"),
        project=indicators_project,
        across=indicators_across,
        csv=indicators_csv,
    ),
    Section(
        "reflection",
        _("Reflection themes (evidence for outcomes 1, 3 and 4)"),
        project=reflection_project,
        across=reflection_across,
        csv=reflection_csv,
    ),
    Section("decisions", _("Decisions"), project=decisions_project, across=decisions_across, csv=decisions_csv),
)


def sections_for_project(project, context):
    return [(s, s.project(project, context)) for s in SECTIONS if s.project]


def sections_across(projects, context):
    return [(s, s.across(projects, context)) for s in SECTIONS if s.across]
