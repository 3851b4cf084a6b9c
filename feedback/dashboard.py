"""What the chairs' dashboard shows, built from the SQL-annotated rounds.

The numbers come from ``ReflectionRound.objects.with_principle_scores()`` (one query); this
module only arranges them and applies the flags."""

from .guide import PRINCIPLE_KEYS, PRINCIPLES
from .models import ReflectionAnswer, ReflectionRound

# A principle is flagged when its share agreeing falls by this many percentage points or more
# since the group's previous round with results.
DROP_POINTS = 20
# A round is flagged when fewer than this share of the members invited answered.
FEW_ANSWERED_SHARE = 0.5


def rounds_with_results(group):
    """The group's rounds that have opened, oldest first, each with ``principles`` (a list of
    dicts: key, name, counts, answered, agree, share, drop, previous), ``withheld`` and
    ``few_answered``."""
    minimum = group.project.organisation.min_responses
    rounds = list(
        ReflectionRound.objects.filter(group=group)
        .exclude(status=ReflectionRound.Status.PLANNED)
        .with_principle_scores()
        .select_related("meeting")
        .order_by("date", "pk")
    )
    previous = {}
    for round in rounds:
        round.withheld = not round.reportable
        round.few_answered = round.answer_count < minimum or (
            round.invited > 0 and round.answer_count < round.invited * FEW_ANSWERED_SHARE
        )
        round.principles = []
        for key in PRINCIPLE_KEYS:
            name, description = PRINCIPLES[key]
            share = None if round.withheld else getattr(round, f"{key}_share_agree")
            before = previous.get(key)
            drop = share is not None and before is not None and before - share >= DROP_POINTS
            round.principles.append(
                {
                    "key": key,
                    "name": name,
                    "description": description,
                    "counts": [getattr(round, f"{key}_{point}") for point in range(1, 6)],
                    "answered": getattr(round, f"{key}_answered"),
                    "agree": getattr(round, f"{key}_agree"),
                    "share": share,
                    "previous": before,
                    "drop": drop,
                }
            )
            if share is not None:
                previous[key] = share
        round.drops = [p for p in round.principles if p["drop"]]
    return rounds


def trend(rounds):
    """``(x_labels, series)`` for core.charts.line_chart: share agreeing per principle."""
    labels = [f"{round.date:%-d %b %y}" for round in rounds]
    series = [
        (str(PRINCIPLES[key][0]), [round.principles[index]["share"] for round in rounds])
        for index, key in enumerate(PRINCIPLE_KEYS)
    ]
    return labels, series


def round_texts(round):
    """The selected round's comments and suggestions (withheld with its numbers)."""
    if round is None or round.withheld:
        return []
    return list(ReflectionAnswer.objects.filter(round=round).select_related("author__person").order_by("id"))


def likert_rows(round):
    return [(str(p["name"]), p["counts"]) for p in round.principles]
