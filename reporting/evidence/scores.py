"""Questionnaire scores for outcomes 1 to 4, added up in the database from the closed
questionnaires' tallies (and the answers of those not yet tallied)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, F, Min, Q
from django.utils.translation import gettext_lazy as _

from core import charts
from outcomes import guide as outcomes_guide
from outcomes.models import SCALE_COUNTS, Answer, Audience, Questionnaire, Statement, StatementTally

SCALE = [value for value, _label in outcomes_guide.SCALE]
# The counts the figures add up, "Disagree strongly" to "Agree strongly" ("Prefer not to say" is
# no answer on the scale).
COUNTS = [SCALE_COUNTS[value] for value in SCALE]
POINTS = [Questionnaire.Point.START, Questionnaire.Point.DURING, Questionnaire.Point.END]
OUTCOME_NUMBERS = (1, 2, 3, 4)
# What each co-production outcome says, as the guide words it (shortened for tables).
OUTCOME_TITLES = {
    1: _("Residents and communities have increased influence over the decisions and services that affect their lives."),
    2: _("Residents and communities are more engaged in local decisions."),
    3: _(
        "Residents, council staff and councillors have the skills and knowledge they need to work together effectively."
    ),
    4: _("Residents, council staff and councillors are more confident about working together in equal partnerships."),
}


# The kinds of row _likert_figures returns.
TOTAL, PAIRED, PROJECT = 0, 1, 2


def percent(part, whole):
    return None if not whole else round(100 * part / whole)


# --- Questionnaire scores (outcomes 1 to 4) -------------------------------------------------


@dataclass
class Cell:
    """Answers on the five-point scale (reportable ones only), and whether some were withheld."""

    counts: list = field(default_factory=lambda: [0] * 5)
    withheld_answers: int = 0

    def add(self, counts, withheld):
        self.counts = [a + b for a, b in zip(self.counts, counts, strict=True)]
        self.withheld_answers += withheld

    @property
    def answered(self):
        return sum(self.counts)

    @property
    def agree(self):
        return self.counts[3] + self.counts[4]

    @property
    def share(self):
        return percent(self.agree, self.answered)

    @property
    def withheld(self):
        """Answers exist but too few to show."""
        return not self.answered and self.withheld_answers > 0

    @property
    def empty(self):
        return not self.answered and not self.withheld_answers


@dataclass
class StatementScore:
    outcome: int
    audience: str
    key: str
    text: str
    points: dict  # point -> Cell
    paired_start: Cell
    paired_end: Cell

    @property
    def change(self):
        """Percentage points from start to end, over projects that asked at both points."""
        if self.paired_start.answered and self.paired_end.answered:
            return self.paired_end.share - self.paired_start.share
        return None

    def cell(self, point):
        return self.points.get(point) or Cell()

    @property
    def point_cells(self):
        return [self.cell(point) for point in POINTS]

    @property
    def audience_label(self):
        return Audience(self.audience).label


def _likert_figures(projects, minimum, today, shown=None):
    """The questionnaire figures, added up in the database (one query) from the cells of the
    projects' closed questionnaires (``_questionnaire_cells()``). Returns rows ``(kind,
    project id (0 for the first two kinds), point, audience, outcome, key, five counts from
    "Disagree strongly" to "Agree strongly", withheld)`` of three kinds: ``TOTAL`` (every
    project, per point), ``PAIRED`` (per point, start and end only, over the projects with
    reportable answers at both) and ``PROJECT`` (one project's cells, for the projects
    ``shown``; None: all). Adding up in the database returns a few hundred rows rather than
    one per project and statement."""
    sql, params = _figures_sql(*_project_cells_sql(_questionnaire_cells(projects, today), minimum), shown)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(_figures_rows(cursor.fetchall()))


def _questionnaire_cells(projects, today):
    """The closed questionnaires' cells for outcomes 1 to 4, one per questionnaire, audience,
    outcome and statement key (the cells the minimum-number rule applies to), with their
    counts on the scale. A closed questionnaire's answers are final, and are counted once,
    after it closes, into ``StatementTally`` rows (outcomes.services.questionnaire_tally):
    those are read instead of its answers. One closed but not yet tallied (the job runs
    every few minutes) has its answers counted here, so the figures are the same either way."""
    closed = Questionnaire.objects.for_projects(projects).closed_on(today)
    tallied = (
        StatementTally.objects.for_questionnaires(closed.tallied().values("pk"))
        .filter(outcome_number__in=OUTCOME_NUMBERS)
        .order_by()
        .values("questionnaire_id", "audience", "outcome_number", "statement_key", *COUNTS)
    )
    live = (
        Answer.objects.filter(
            response__questionnaire__in=closed.untallied().values("pk"),
            statement__kind=Statement.Kind.LIKERT,
            statement__outcome_number__in=OUTCOME_NUMBERS,
            value__isnull=False,
        )
        .values(
            questionnaire_id=F("response__questionnaire_id"),
            audience=F("response__audience"),
            outcome_number=F("statement__outcome_number"),
            statement_key=F("statement__key"),
        )
        .annotate(**{SCALE_COUNTS[value]: Count("value", filter=Q(value=value)) for value in SCALE})
        .order_by()
    )
    return tallied.union(live, all=True)


def _project_cells_sql(cells, minimum):
    """The minimum-number rule, in one place: (sql, params) adding up the questionnaire
    ``cells`` per (project, point, audience, outcome number, statement key), as columns ``p,
    point, aud, num, skey``, the five counts and ``w``: the counts only from cells with at
    least ``minimum`` answers (other than "Prefer not to say"), and in ``w`` the answers in
    the others. The rule holds per questionnaire cell, so no withheld number can be worked
    out from the sums."""
    inner, params = cells.query.sql_with_params()
    quoted = [f"a.{connection.ops.quote_name(name)}" for name in COUNTS]
    answered = f"({' + '.join(quoted)})"
    sums = ", ".join(f"SUM(CASE WHEN {answered} >= %s THEN {count} ELSE 0 END)" for count in quoted)
    sql = (
        f"SELECT q.project_id AS p, q.point, a.audience AS aud, a.outcome_number AS num, "
        f"a.statement_key AS skey, {sums}, SUM(CASE WHEN {answered} >= %s THEN 0 ELSE {answered} END) AS w "
        f"FROM ({inner}) a INNER JOIN {Questionnaire._meta.db_table} q ON q.id = a.questionnaire_id "
        "GROUP BY q.project_id, q.point, a.audience, a.outcome_number, a.statement_key"
    )
    return sql, [*([minimum] * (len(COUNTS) + 1)), *params]


def _figures_sql(parts, params, shown):
    """The figures in one pass: the projects' cells (``parts``) laid out per (project,
    audience, outcome, key) with a column group per point (``wide``), then added up per
    (audience, outcome, key) for every project and for the pairs (start and end, where a
    project has reportable answers at both), plus the ``shown`` projects' own rows. A
    grouping per point and a self-join of the cells took three times as long on SQLite."""
    scale = [*COUNTS, "w"]
    per_point, params = [], list(params)
    for i, point in enumerate(POINTS):
        per_point.append(f"COUNT(CASE WHEN point = %s THEN 1 END) AS h{i}")
        per_point += [f"SUM(CASE WHEN point = %s THEN {col} ELSE 0 END) AS {col}_{i}" for col in scale]
        params += [point] * (1 + len(scale))
    start, end = 0, POINTS.index(Questionnaire.Point.END)
    both = " AND ".join(f"({' + '.join(f'{c}_{i}' for c in COUNTS)}) > 0" for i in (start, end))
    point_columns = [f"h{i}" for i in range(len(POINTS))] + [f"{col}_{i}" for i in range(len(POINTS)) for col in scale]
    totals = ", ".join(f"SUM({col})" for col in point_columns)
    pairs = ", ".join(f"SUM(CASE WHEN {both} THEN {col}_{i} ELSE 0 END)" for i in (start, end) for col in scale)
    sql = (
        f"WITH parts (p, point, aud, num, skey, {', '.join(scale)}) AS ({parts}), "
        f"wide AS (SELECT p, aud, num, skey, {', '.join(per_point)} FROM parts GROUP BY p, aud, num, skey) "
        f"SELECT {TOTAL}, 0, aud, num, skey, {totals}, {pairs} FROM wide GROUP BY aud, num, skey"
    )
    if shown is None or shown:
        zeros = ", ".join(["0"] * (2 * len(scale)))
        sql += f" UNION ALL SELECT {PROJECT}, p, aud, num, skey, {', '.join(point_columns)}, {zeros} FROM wide"
        if shown is not None:
            sql += f" WHERE p IN ({', '.join(['%s'] * len(shown))})"
            params += sorted(shown)
    return sql, params


def _figures_rows(wide_rows):
    """``_figures_sql()``'s rows as ``(kind, project, point, audience, outcome, key, five
    counts, withheld)``: one per point that has cells, and for the totals one per paired point."""
    n, width = len(POINTS), len(SCALE) + 1
    for kind, project_id, audience, outcome, key, *values in wide_rows:
        present, cells, pairs = values[:n], values[n : n + n * width], values[n + n * width :]
        for i, point in enumerate(POINTS):
            if present[i]:
                yield (kind, project_id, point, audience, outcome, key, *cells[i * width : (i + 1) * width])
        if kind == TOTAL and any(pairs):
            for j, point in enumerate((POINTS[0], Questionnaire.Point.END)):
                yield (PAIRED, 0, point, audience, outcome, key, *pairs[j * width : (j + 1) * width])


def _custom_texts(projects, today, keys):
    """The wording of the statements in the figures (``keys``: (outcome, key) pairs) that the
    guide does not have, by (outcome, key): one small query, none when the guide has them all."""
    guide_keys = {key for key, *_rest in outcomes_guide.STATEMENTS}
    custom = {key for _outcome, key in keys} - guide_keys
    if not custom:
        return {}
    return {
        (row["outcome_number"], row["key"]): row["text"]
        for row in Statement.objects.filter(
            questionnaire__in=Questionnaire.objects.for_projects(projects).closed_on(today).values("pk"),
            kind=Statement.Kind.LIKERT,
            key__in=custom,
        )
        .values("outcome_number", "key")
        .annotate(text=Min("text"))
        .order_by()
    }


@dataclass
class OutcomeScores:
    minimum: int
    statements: list
    outcomes: list  # (number, title, [(audience label, {point: Cell})])
    project_rows: dict | list  # {project: {...}}; outcomes_across makes it sorted rows
    chart: str | None
    likert_charts: list

    columns: list = field(default_factory=list)

    @property
    def point_labels(self):
        return [Questionnaire.Point(point).label for point in POINTS]

    @property
    def scale_labels(self):
        return [label for _value, label in outcomes_guide.SCALE]

    @property
    def scale_rows(self):
        """The charts' numbers: (statement, audience, point, five counts from "Disagree
        strongly" to "Agree strongly", answers)."""
        return [
            (s.text, s.audience_label, Questionnaire.Point(p).label, s.cell(p).counts, s.cell(p).answered)
            for s in self.statements
            for p in POINTS
            if s.cell(p).answered
        ]

    @property
    def any_answers(self):
        return any(not c.empty for s in self.statements for c in s.points.values())


def _statement_text(key, audience, fallback, words):
    for g_key, _number, g_audience, text in outcomes_guide.STATEMENTS:
        if g_key == key and g_audience in (outcomes_guide.BOTH, audience):
            return str(text).format(**words)
    return fallback


def outcome_scores(projects, organisation, today, *, by_project=False, shown=None):
    minimum = organisation.min_responses
    words = outcomes_guide.words_for(organisation)
    points = defaultdict(lambda: {p: Cell() for p in POINTS})  # (outcome, audience, key) -> {point: Cell}
    paired = defaultdict(lambda: {POINTS[0]: Cell(), POINTS[2]: Cell()})
    cells = defaultdict(lambda: defaultdict(dict))  # (outcome, audience, key) -> {project: {point: ...}}
    shown = shown if by_project else frozenset()
    for kind, project_id, point, audience, outcome, key, *counts, withheld in _likert_figures(
        projects, minimum, today, shown
    ):
        # int(): PostgreSQL's SUM of counts is numeric (a Decimal), which the charts cannot scale.
        counts, withheld = [int(c) for c in counts], int(withheld)
        if kind == TOTAL:
            points[(outcome, audience, key)][point].add(counts, withheld)
        elif kind == PAIRED:
            paired[(outcome, audience, key)][point].add(counts, withheld)
        else:
            cells[(outcome, audience, key)][project_id][point] = (counts, withheld)
    custom = _custom_texts(projects, today, {(outcome, key) for outcome, _audience, key in points})
    statements = []
    audience_order = [a for a, _label in Audience.choices]
    for outcome, audience, key in sorted(points, key=lambda k: (k[0], audience_order.index(k[1]), k[2])):
        pair = paired[(outcome, audience, key)]
        statements.append(
            StatementScore(
                outcome=outcome,
                audience=audience,
                key=key,
                text=_statement_text(key, audience, custom.get((outcome, key), ""), words),
                points=points[(outcome, audience, key)],
                paired_start=pair[POINTS[0]],
                paired_end=pair[POINTS[2]],
            )
        )
    # Per outcome, per audience, per point: the statements' reportable answers added up.
    outcomes = []
    for number in OUTCOME_NUMBERS:
        audiences = []
        for audience, label in Audience.choices:
            mine = [s for s in statements if s.outcome == number and s.audience == audience]
            if not mine:
                continue
            totals = {p: Cell() for p in POINTS}
            for s in mine:
                for p in POINTS:
                    totals[p].add(s.cell(p).counts, s.cell(p).withheld_answers)
            audiences.append((label, totals))
        if audiences:
            outcomes.append((number, OUTCOME_TITLES[number], audiences))
    bars = []
    for number, _title, audiences in outcomes:
        for label, totals in audiences:
            latest = _latest(totals)
            if latest and latest.answered:
                bars.append((f"{number}: {label}", latest.share))
    chart = (
        charts.bar_chart(
            bars,
            title=_("Share agreeing, by outcome and audience (latest point asked)"),
            chart_id="outcome-shares",
            value_suffix="%",
        )
        if bars
        else None
    )
    likert_charts = []
    for audience, label in Audience.choices:
        statement_bars = [
            (f"{s.text} ({Questionnaire.Point(point).label.lower()})", s.cell(point).counts)
            for s in statements
            if s.audience == audience
            for point in POINTS
            if s.cell(point).answered
        ]
        if statement_bars:
            likert_charts.append(
                charts.diverging_likert(
                    statement_bars,
                    title=_("%(audience)s: how much people agree with each statement") % {"audience": label},
                    chart_id=f"outcome-likert-{audience}",
                    key=outcomes_guide.SCALE_LABELS,
                )
            )
    project_rows = _project_rows(cells) if by_project else {}
    return OutcomeScores(
        minimum=minimum,
        statements=statements,
        outcomes=outcomes,
        project_rows=project_rows,
        chart=chart,
        likert_charts=likert_charts,
    )


def _latest(totals):
    for point in reversed(POINTS):
        if not totals[point].empty:
            return totals[point]
    return None


def _project_rows(cells):
    """{project id: {(outcome, audience): Cell at the latest point asked}}."""
    per = defaultdict(lambda: defaultdict(lambda: {p: Cell() for p in POINTS}))
    for (outcome, audience, _key), by_project in cells.items():
        for project_id, per_point in by_project.items():
            for point, (counts, withheld) in per_point.items():
                per[project_id][(outcome, audience)][point].add(counts, withheld)
    return {pk: {k: _latest(v) for k, v in outcomes.items()} for pk, outcomes in per.items()}
