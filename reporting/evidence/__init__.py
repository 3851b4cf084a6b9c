"""Outcome evidence for the reports: questionnaire scores (outcomes 1 to 4), reflection rounds
(evidence for outcomes 1, 3 and 4) and decisions. A fixed number of queries at any size.

The minimum-number rule: a questionnaire's answers to a statement, from one audience, count
only when at least ``organisation.min_responses`` people gave them (the same rule as the
questionnaire's own results page). Every figure here adds up only such cells, so no withheld
number can be worked out by subtracting one shown figure from another. Anonymous reflection
rounds below the minimum are left out of every figure the same way."""

from .decisions import decisions_counts, decisions_list
from .reflection import reflection_evidence
from .scores import outcome_scores

__all__ = ["decisions_counts", "decisions_list", "outcome_scores", "reflection_evidence"]
