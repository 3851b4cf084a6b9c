"""Reflective feedback: a group's set-up, its rounds, the answers and "you said, we did".

Anonymity (see docs/anonymity.md): ``ReflectionAnswer`` has no column that refers to a
person, an invitation, a token or a time (the round's date is the finest), and a random UUID key, so even its
key says nothing about the order answers arrived in. In a *named* round the person is recorded
beside the answer, in ``ReflectionAnswerAuthor``; an anonymous round never has author rows.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Case, Count, ExpressionWrapper, F, FloatField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from core.anonymity import AnonymousInvitation

from .guide import AGREE, PRINCIPLE_KEYS, default_questions


class ReflectionSetup(models.Model):
    """How and when a group reflects. One per group."""

    class Frequency(models.TextChoices):
        EVERY_MEETING = "every_meeting", _("After every meeting")
        MONTHLY = "monthly", _("Once a month")
        CHOSEN = "chosen", _("At two or three chosen points")

    group = models.OneToOneField("groups.Group", on_delete=models.CASCADE, related_name="reflection_setup")
    frequency = models.CharField(
        _("when the group reflects"), max_length=20, choices=Frequency.choices, default=Frequency.EVERY_MEETING
    )
    anonymous = models.BooleanField(
        _("answers are anonymous"),
        default=True,
        help_text=_("If not, chairs see who gave each answer."),
    )
    starts_on = models.DateField(
        _("start reflecting from"), help_text=_("Rounds are planned for meetings and dates from this day on.")
    )
    days_open = models.PositiveSmallIntegerField(_("days a round stays open after the meeting or date"), default=7)
    questions = models.JSONField(default=default_questions)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(days_open__gte=1, days_open__lte=60), name="reflection_days_open_range")
        ]

    def __str__(self):
        return f"Reflection set-up for {self.group}"


class ReflectionPoint(models.Model):
    """One of the two or three points a group chose: a meeting or a date."""

    setup = models.ForeignKey(ReflectionSetup, on_delete=models.CASCADE, related_name="points")
    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["date", "meeting__starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(meeting__isnull=True, date__isnull=False) | Q(meeting__isnull=False, date__isnull=True),
                name="reflection_point_meeting_or_date",
            )
        ]

    def __str__(self):
        return f"{self.meeting or self.date}"


def _share(agree, answered):
    return Case(
        When(**{f"{answered}__gt": 0}, then=ExpressionWrapper(F(agree) * 100.0 / F(answered), FloatField())),
        default=Value(None, output_field=FloatField()),
        output_field=FloatField(),
    )


def _reportable():
    """False when an anonymous round has fewer answers than the organisation's minimum (its
    numbers must then be withheld); needs ``answer_count`` annotated first."""
    return Case(
        When(anonymous=False, then=Value(True)),
        When(answer_count__gte=F("group__project__organisation__min_responses"), then=Value(True)),
        default=Value(False),
        output_field=models.BooleanField(),
    )


class ReflectionRoundQuerySet(models.QuerySet):
    def for_projects(self, projects):
        return self.filter(group__project__in=projects)

    def begun(self):
        """Rounds that have opened (open or closed): a round still planned, for a meeting that
        has not happened, has nothing to report and is not "withheld"."""
        return self.exclude(status=ReflectionRound.Status.PLANNED)

    def with_principle_scores(self):
        """Per round, per principle, in SQL. Adds, for p in equality, difference, inclusive:
        ``p_1`` .. ``p_5`` (counts per scale point), ``p_answered``, ``p_agree`` (4 or 5) and
        ``p_share_agree`` (percent, None when nobody rated it); plus ``answer_count`` (answers in the
        round), ``invited`` (invitations) and ``reportable``: False when an anonymous round has
        fewer answers than the organisation's minimum (its numbers must then be withheld)."""
        annotations = {"answer_count": Count("answers", distinct=True)}
        for key in PRINCIPLE_KEYS:
            for point in range(1, 6):
                annotations[f"{key}_{point}"] = Count("answers", filter=Q(**{f"answers__{key}": point}))
            annotations[f"{key}_answered"] = Count("answers", filter=Q(**{f"answers__{key}__isnull": False}))
            annotations[f"{key}_agree"] = Count("answers", filter=Q(**{f"answers__{key}__in": AGREE}))
        qs = self.annotate(**annotations)
        qs = qs.annotate(**{f"{key}_share_agree": _share(f"{key}_agree", f"{key}_answered") for key in PRINCIPLE_KEYS})
        invited = (
            ReflectionInvitation.objects.filter(round=OuterRef("pk"))
            .order_by()
            .values("round")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return qs.annotate(invited=Coalesce(Subquery(invited), 0), reportable=_reportable())

    def with_answer_counts(self):
        """Only ``answer_count`` and ``reportable`` (as ``with_principle_scores()`` adds them):
        what a report across many projects needs of each round, at a fraction of the cost."""
        # A subquery per round counts from the answers' round index alone, with no GROUP BY over
        # every column of the rounds (four times faster on SQLite for thousands of rounds).
        answers = (
            ReflectionAnswer.objects.filter(round=OuterRef("pk")).order_by().values("round").annotate(n=Count("*"))
        )
        return self.annotate(answer_count=Coalesce(Subquery(answers.values("n")), 0)).annotate(reportable=_reportable())

    def principle_summary(self):
        """Totals across the rounds in the queryset (reportable rounds only), one query:
        ``{"equality_answered": n, "equality_agree": n, ...}`` for every principle."""
        rounds = self.with_principle_scores().filter(reportable=True)
        ids = list(rounds.values_list("pk", flat=True))
        answers = ReflectionAnswer.objects.filter(round__in=ids)
        totals = {}
        for key in PRINCIPLE_KEYS:
            totals[f"{key}_answered"] = Count("pk", filter=Q(**{f"{key}__isnull": False}))
            totals[f"{key}_agree"] = Count("pk", filter=Q(**{f"{key}__in": AGREE}))
        return answers.aggregate(**totals)


class ReflectionRound(models.Model):
    """One round of reflection, tied to a meeting or a date; it opens and closes."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    group = models.ForeignKey("groups.Group", on_delete=models.CASCADE, related_name="reflection_rounds")
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.SET_NULL, null=True, blank=True, related_name="reflection_rounds"
    )
    date = models.DateField(_("date"))
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    # Copied from the set-up when the round opens, so changing the set-up never changes how
    # answers already given are kept.
    anonymous = models.BooleanField(default=True)
    questions = models.JSONField(default=default_questions)
    # The short code shown on screen at the meeting; only accepted while the round is open.
    code = models.CharField(max_length=8, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReflectionRoundQuerySet.as_manager()

    class Meta:
        ordering = ["date", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="reflection_round_closes_after_open"),
            models.UniqueConstraint(
                fields=["group", "meeting"], condition=Q(meeting__isnull=False), name="one_reflection_round_per_meeting"
            ),
        ]

    def __str__(self):
        return f"{self.group} reflection {self.date:%d/%m/%Y}"

    @property
    def is_open(self):
        return self.status == self.Status.OPEN


class ReflectionInvitation(AnonymousInvitation):
    """One per member per round: the emailed link, and the guard against answering twice."""

    scope_field = "round"

    round = models.ForeignKey(ReflectionRound, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey("groups.Person", on_delete=models.CASCADE, related_name="reflection_invitations")

    class Meta:
        ordering = ["person__name", "pk"]
        constraints = [models.UniqueConstraint(fields=["round", "person"], name="one_reflection_invitation")]
        # Reports count who answered (people taking part) from this index alone.
        indexes = [models.Index(fields=["round", "completed", "person"], name="reflection_answered_idx")]

    def __str__(self):
        return f"{self.person} for {self.round}"

    @classmethod
    def link_answers(cls, scope_id):
        # Every answer to a round uses up an invitation (a link, or a name on the shared device).
        return ReflectionAnswer.objects.filter(round_id=scope_id).count()

    @classmethod
    def answer_rows(cls, scope_id):
        # A named round's answers keep their author (by key): nothing there to reseal.
        return [ReflectionAnswer.objects.filter(round_id=scope_id, round__anonymous=True)]


def _rating(verbose):
    return models.PositiveSmallIntegerField(verbose, null=True, blank=True)


class ReflectionAnswerQuerySet(models.QuerySet):
    def for_projects(self, projects):
        return self.filter(round__group__project__in=projects)

    def suggestions(self):
        return self.exclude(better="")


class ReflectionAnswer(models.Model):
    """One person's answers to one round. No person, invitation, token or time: see module doc."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(ReflectionRound, on_delete=models.CASCADE, related_name="answers")
    equality = _rating(_("Equality"))
    equality_comment = models.TextField(blank=True, max_length=2000)
    difference = _rating(_("Making a difference"))
    difference_comment = models.TextField(blank=True, max_length=2000)
    inclusive = _rating(_("Inclusive"))
    inclusive_comment = models.TextField(blank=True, max_length=2000)
    group_working = models.TextField(_("how the group is working"), blank=True, max_length=4000)
    self_working = models.TextField(_("how I am working within the group"), blank=True, max_length=4000)
    better = models.TextField(_("how the group could work better"), blank=True, max_length=4000)

    objects = ReflectionAnswerQuerySet.as_manager()

    class Meta:
        # No ordering by anything that follows arrival: the key is random.
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{key}__isnull": True}) | Q(**{f"{key}__gte": 1, f"{key}__lte": 5}),
                name=f"reflection_{key}_on_scale",
            )
            for key in PRINCIPLE_KEYS
        ]

    def __str__(self):
        return f"Answer to {self.round}"


class ReflectionAnswerAuthor(models.Model):
    """Who gave an answer, in a named round only."""

    answer = models.OneToOneField(ReflectionAnswer, on_delete=models.CASCADE, related_name="author")
    person = models.ForeignKey("groups.Person", on_delete=models.CASCADE, related_name="+")

    def __str__(self):
        return str(self.person)


class WeDid(models.Model):
    """ "You said, we did": what was changed in response to a suggestion, and where it was discussed."""

    round = models.ForeignKey(ReflectionRound, on_delete=models.CASCADE, related_name="we_did")
    # A copy of (or summary of) the suggestion, never a key to the answer: anonymous answers
    # are rewritten when resealed, and the chair may summarise several suggestions as one.
    you_said = models.TextField(_("you said"), max_length=2000)
    we_did = models.TextField(_("we did"), max_length=4000, blank=True)
    discussed_at = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("discussed at the meeting on"),
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["round__date", "pk"]
        verbose_name = _("you said, we did")
        verbose_name_plural = _("you said, we did")

    def __str__(self):
        return self.you_said[:60]
