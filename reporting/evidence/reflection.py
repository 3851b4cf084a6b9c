"""Reflection rounds for the reports: evidence for outcomes 1, 3 and 4."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from core import charts
from feedback.guide import AGREE, PRINCIPLE_KEYS, PRINCIPLES
from feedback.models import ReflectionAnswer, ReflectionRound, WeDid

from .scores import percent


@dataclass
class PrincipleScore:
    key: str
    name: str
    answered: int
    agree: int

    @property
    def share(self):
        return percent(self.agree, self.answered)


@dataclass
class ReflectionEvidence:
    minimum: int
    rounds: int
    rounds_withheld: int
    answers: int
    principles: list
    round_rows: list = field(default_factory=list)
    suggestions: list = field(default_factory=list)
    suggestion_count: int = 0
    we_did: list = field(default_factory=list)
    we_did_count: int = 0
    project_rows: dict = field(default_factory=dict)
    chart: str | None = None


def reflection_evidence(projects, organisation, *, detail=False, shown=None):
    """Principle scores over the reportable rounds, suggestions and "you said, we did".
    Project scope (``detail``) lists rounds, suggestions and records; across projects, counts
    and a row per project (those ``shown``; None: all). Six or seven queries."""
    rounds_qs = ReflectionRound.objects.for_projects(projects).begun()
    rounds = None
    if detail:
        rounds = list(rounds_qs.with_principle_scores().select_related("group").order_by("date", "pk"))
        withheld = [r.pk for r in rounds if not r.reportable]
        rounds_total = len(rounds)
    else:
        # Counted in the database: a council's thousands of rounds are not read one by one.
        withheld = list(rounds_qs.with_answer_counts().filter(reportable=False).values_list("pk", flat=True))
        rounds_total = rounds_qs.count()
    # The reportable rounds' answers: every round of these projects less the (few) withheld
    # ones, rather than a list of thousands of reportable ids in each query below.
    shown_answers = ReflectionAnswer.objects.filter(
        round__in=ReflectionRound.objects.for_projects(projects).order_by().values("pk")
    ).exclude(round__in=withheld)
    # As ``principle_summary()`` adds up, over the reportable rounds already known above (it
    # would work them out again, the most expensive query here).
    # With the suggestions counted in the same pass over the answers.
    totals = {"answers": Count("pk"), "suggestions": Count("pk", filter=~Q(better=""))}
    for key in PRINCIPLE_KEYS:
        totals[f"{key}_answered"] = Count("pk", filter=Q(**{f"{key}__isnull": False}))
        totals[f"{key}_agree"] = Count("pk", filter=Q(**{f"{key}__in": AGREE}))
    summary = shown_answers.aggregate(**totals)
    principles = [
        PrincipleScore(
            key=key,
            name=PRINCIPLES[key][0],
            answered=summary[f"{key}_answered"] or 0,
            agree=summary[f"{key}_agree"] or 0,
        )
        for key in PRINCIPLE_KEYS
    ]
    answers = shown_answers
    suggestions = answers.suggestions()
    we_did = WeDid.objects.filter(round__group__project__in=projects)
    evidence = ReflectionEvidence(
        minimum=organisation.min_responses,
        rounds=rounds_total,
        rounds_withheld=len(withheld),
        answers=summary["answers"],
        principles=principles,
    )
    charted = [p for p in principles if p.answered]
    if charted:
        evidence.chart = charts.bar_chart(
            [(str(p.name), p.share) for p in charted],
            title=_("Reflection rounds: share agreeing, by principle"),
            chart_id="reflection-principles",
            value_suffix="%",
        )
    if detail:
        evidence.round_rows = rounds
        # Alphabetical, so the list says nothing about who answered when.
        evidence.suggestions = list(suggestions.order_by("better").values_list("better", flat=True))
        evidence.suggestion_count = len(evidence.suggestions)
        evidence.we_did = list(we_did.select_related("round__group", "discussed_at").order_by("round__date", "pk"))
        evidence.we_did_count = len(evidence.we_did)
    else:
        evidence.suggestion_count = summary["suggestions"]
        evidence.we_did_count = we_did.count()
        aggregates = {}
        for key in PRINCIPLE_KEYS:
            aggregates[f"{key}_answered"] = Count("pk", filter=Q(**{f"{key}__isnull": False}))
            aggregates[f"{key}_agree"] = Count("pk", filter=Q(**{f"{key}__in": AGREE}))
        evidence.project_rows = {
            row["round__group__project"]: {
                key: percent(row[f"{key}_agree"], row[f"{key}_answered"]) for key in PRINCIPLE_KEYS
            }
            | {"answers": row["answers"]}
            for row in (answers if shown is None else answers.filter(round__group__project__in=shown))
            .order_by()
            .values("round__group__project")
            .annotate(answers=Count("pk"), **aggregates)
        }
    return evidence
