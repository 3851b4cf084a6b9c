"""Turn the counts from the database into what the results page and the CSV show.

Every number comes from ``Answer.objects.likert_counts()`` and ``Response.objects.counts()``
(one query each, whatever the number of answers). Anything with fewer answers than the
organisation's minimum is withheld, with the reason."""

from collections import defaultdict

from django.utils.translation import gettext as _

from core.charts import diverging_likert

from . import guide
from .models import Answer, Audience, Response, Statement

SCALE_VALUES = [value for value, _label in guide.SCALE]


def _percent(part, whole):
    return round(100 * part / whole) if whole else 0


class StatementResult:
    def __init__(self, statement, counts, min_responses):
        self.statement = statement
        self.counts = [counts.get(value, 0) for value in SCALE_VALUES]
        self.prefer_not = counts.get(guide.PREFER_NOT_TO_SAY[0], 0)
        self.total = sum(self.counts)
        self.withheld = self.total < min_responses
        self.percentages = [_percent(count, self.total) for count in self.counts]
        self.agreeing = _percent(self.counts[3] + self.counts[4], self.total)
        self.cells = list(zip(self.counts, self.percentages, strict=True))


class AudienceResult:
    def __init__(self, questionnaire, audience, statements, counts, responses, texts, min_responses):
        self.audience = audience
        self.label = Audience(audience).label
        self.responses = responses
        self.withheld = responses < min_responses
        self.statements = []
        self.questions = []
        if self.withheld:
            return
        for statement in statements:
            if statement.audience not in (guide.BOTH, audience):
                continue
            if statement.is_likert:
                self.statements.append(
                    StatementResult(
                        statement, counts.get((questionnaire.pk, audience, statement.pk), {}), min_responses
                    )
                )
            else:
                answers = texts.get((statement.pk, audience), [])
                self.questions.append(
                    {"statement": statement, "answers": answers, "withheld": len(answers) < min_responses}
                )
        shown = [row for row in self.statements if not row.withheld]
        self.chart = (
            diverging_likert(
                [(row.statement.text, row.counts) for row in shown],
                title=_("%(audience)s: how much people agree with each statement") % {"audience": self.label},
                chart_id=f"chart-{questionnaire.pk}-{audience}",
                key=guide.SCALE_LABELS,
            )
            if shown
            else None
        )


def questionnaire_results(questionnaire, *, compare_with=None):
    """Results for one questionnaire, each audience side by side, and, for a repeated
    questionnaire, the percentage agreeing before and after for each statement.

    A fixed number of queries: statements, response counts, Likert counts, free texts."""
    min_responses = questionnaire.project.organisation.min_responses
    ids = [questionnaire.pk] + ([compare_with.pk] if compare_with else [])
    statements = list(Statement.objects.filter(questionnaire_id__in=ids).order_by("position", "pk"))
    responses = {
        (row["questionnaire_id"], row["audience"]): row["responses"]
        for row in Response.objects.filter(questionnaire_id__in=ids).counts()
    }
    counts = defaultdict(dict)
    for row in Answer.objects.filter(response__questionnaire_id__in=ids).likert_counts():
        counts[(row["questionnaire_id"], row["audience"], row["statement_id"])][row["value"]] = row["count"]
    texts = defaultdict(list)
    for row in Answer.objects.filter(response__questionnaire=questionnaire).texts():
        texts[(row["statement_id"], row["response__audience"])].append(row["text"])

    own = [s for s in statements if s.questionnaire_id == questionnaire.pk]
    audiences = [
        AudienceResult(
            questionnaire, audience, own, counts, responses.get((questionnaire.pk, audience), 0), texts, min_responses
        )
        for audience in Audience.values
    ]
    total = sum(responses.get((questionnaire.pk, audience), 0) for audience in Audience.values)
    comparison = []
    if compare_with is not None:
        earlier = [s for s in statements if s.questionnaire_id == compare_with.pk]
        before = [
            AudienceResult(
                compare_with,
                audience,
                earlier,
                counts,
                responses.get((compare_with.pk, audience), 0),
                {},
                min_responses,
            )
            for audience in Audience.values
        ]
        for now, then in zip(audiences, before, strict=True):
            if now.withheld or then.withheld:
                comparison.append({"audience": now, "withheld": True, "rows": []})
                continue
            earlier_by_key = {row.statement.key: row for row in then.statements}
            rows = []
            for row in now.statements:
                previous = earlier_by_key.get(row.statement.key)
                if previous is None:
                    continue
                shown = not (row.withheld or previous.withheld)
                rows.append({"statement": row.statement, "before": previous, "after": row, "shown": shown})
            comparison.append({"audience": now, "withheld": False, "rows": rows})
    return {
        "audiences": audiences,
        "total": total,
        "withheld": total < min_responses,
        "min_responses": min_responses,
        "comparison": comparison,
        "compare_with": compare_with,
        "scale": [label for _value, label in guide.SCALE],
        "prefer_not_label": guide.PREFER_NOT_TO_SAY[1],
    }
