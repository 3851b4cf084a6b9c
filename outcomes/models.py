"""Outcome questionnaires: statements, invitations (who was asked) and anonymous responses.

Invitations and responses are two tables with no key between them (see core/anonymity.py):
a response knows its questionnaire and its audience, nothing else (not even the day it came:
the questionnaire's own dates are the finest time an answer has)."""

import uuid

from django.db import models
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.anonymity import AnonymousInvitation

from . import guide


class Audience(models.TextChoices):
    RESIDENTS = guide.RESIDENTS, _("Residents")
    COUNCIL = guide.COUNCIL, _("Council staff and councillors")


class StatementAudience(models.TextChoices):
    BOTH = guide.BOTH, _("Everyone")
    RESIDENTS = guide.RESIDENTS, _("Residents only")
    COUNCIL = guide.COUNCIL, _("Council staff and councillors only")


# Not tallied on the closing date it has now: never tallied, or reopened since.
UNTALLIED = Q(tallied_closes_on__isnull=True) | ~Q(tallied_closes_on=F("closes_on"))


class QuestionnaireQuerySet(models.QuerySet):
    def for_projects(self, projects):
        return self.filter(project__in=projects)

    def with_counts(self):
        """Invited N and answered M for each questionnaire: all an officer sees of who answered."""
        return self.annotate(
            invited=Count("invitations", distinct=True),
            answered=Count("invitations", filter=Q(invitations__completed=True), distinct=True),
        )

    def open_on(self, day):
        return self.filter(opens_on__lte=day, closes_on__gte=day, closed_early_at__isnull=True)

    def closed_on(self, day):
        return self.filter(Q(closes_on__lt=day) | Q(closed_early_at__isnull=False))

    def tallied(self):
        """Tallied after they closed, on the closing date they still have (one reopened
        before it had answers, and so given a later closing date, is counted again)."""
        return self.filter(tallied_closes_on=models.F("closes_on"))

    def untallied(self):
        return self.filter(UNTALLIED)


class Questionnaire(models.Model):
    class Point(models.TextChoices):
        START = "start", _("At the start of the project")
        DURING = "during", _("During the project")
        END = "end", _("At or near the end of the project")

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="questionnaires")
    title = models.CharField(_("title"), max_length=200)
    point = models.CharField(_("when in the project"), max_length=10, choices=Point.choices, default=Point.END)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"), help_text=_("People can answer up to and including this day."))
    allow_prefer_not_to_say = models.BooleanField(_('offer "Prefer not to say"'), default=True)
    max_reminders = models.PositiveSmallIntegerField(
        _("reminders at most"), default=2, help_text=_("Reminders go only to people who have not answered.")
    )
    reminder_every_days = models.PositiveSmallIntegerField(
        _("send a reminder automatically every (days)"),
        default=7,
        help_text=_("0 means reminders are only sent when you press the button."),
    )
    # The questionnaire it repeats (an end questionnaire repeating the start one), for comparison.
    repeats = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="repeated_by",
        verbose_name=_("repeats"),
    )
    # Answers typed in from paper (no invitation is used up for them): the responses given
    # through links are the others, which settles a submit a crash interrupted (core.anonymity).
    paper_responses = models.PositiveIntegerField(default=0, editable=False)
    # "Close now": when an officer closed it during its last day (its closing date is then
    # that day, so the record says when it really closed; nobody can answer after this).
    closed_early_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Set when its answers were tallied (StatementTally), after it closed, and the closing date
    # it had then: results are final once it has closed.
    tallied_at = models.DateTimeField(null=True, blank=True, editable=False)
    tallied_closes_on = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = QuestionnaireQuerySet.as_manager()

    class Meta:
        ordering = ["opens_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="questionnaire_closes_after_opening"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("outcomes:detail", args=[self.project_id, self.pk])

    def is_open(self, day=None):
        day = day or timezone.localdate()
        return self.closed_early_at is None and self.opens_on <= day <= self.closes_on

    def is_closed(self, day=None):
        return self.closed_early_at is not None or (day or timezone.localdate()) > self.closes_on

    def has_opened(self, day=None):
        return (day or timezone.localdate()) >= self.opens_on


class StatementQuerySet(models.QuerySet):
    def for_audience(self, audience):
        return self.filter(audience__in=[guide.BOTH, audience])


class Statement(models.Model):
    """One question: a statement on the five-point scale, or a free-text question."""

    class Kind(models.TextChoices):
        LIKERT = "likert", _("Statement to agree or disagree with")
        TEXT = "text", _("Free-text question")

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="statements")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.LIKERT)
    audience = models.CharField(
        _("asked of"), max_length=10, choices=StatementAudience.choices, default=StatementAudience.BOTH
    )
    outcome_number = models.PositiveSmallIntegerField(
        _("outcome it gives evidence for"), null=True, blank=True, choices=[(n, n) for n in range(1, 6)]
    )
    outcome = models.ForeignKey(
        "projects.Outcome", on_delete=models.SET_NULL, null=True, blank=True, related_name="statements"
    )
    text = models.CharField(_("statement"), max_length=500)
    required = models.BooleanField(_("an answer is required"), default=True)
    # Same key in a start and an end questionnaire: the same statement, compared side by side.
    key = models.CharField(max_length=40, editable=False)
    position = models.PositiveIntegerField(default=0)

    objects = StatementQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text

    @property
    def is_likert(self):
        return self.kind == self.Kind.LIKERT

    def copy_for(self, questionnaire):
        """The same statement (same key, so results compare) for a questionnaire repeating
        this one's; not saved."""
        return Statement(
            questionnaire=questionnaire,
            kind=self.kind,
            audience=self.audience,
            outcome_number=self.outcome_number,
            outcome_id=self.outcome_id,
            text=self.text,
            required=self.required,
            key=self.key,
            position=self.position,
        )


class Invitation(AnonymousInvitation):
    """Who was asked. Nothing here points at a response, and no response points here."""

    scope_field = "questionnaire"

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey("groups.Person", on_delete=models.CASCADE, related_name="questionnaire_invitations")
    audience = models.CharField(max_length=10, choices=Audience.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["questionnaire", "person"], name="one_invitation_per_person")]
        # Reports count who answered (people taking part) from this index alone.
        indexes = [models.Index(fields=["questionnaire", "completed", "person"], name="invitation_answered_idx")]

    def __str__(self):
        return f"{self.person} for {self.questionnaire}"

    @classmethod
    def link_answers(cls, scope_id):
        return (
            Questionnaire.objects.filter(pk=scope_id)
            .annotate(given=Count("responses") - F("paper_responses"))
            .values_list("given", flat=True)
            .get()
        )

    @classmethod
    def answer_rows(cls, scope_id):
        return [
            Response.objects.filter(questionnaire_id=scope_id),
            Answer.objects.filter(response__questionnaire_id=scope_id),
        ]


class ResponseQuerySet(models.QuerySet):
    def counts(self):
        """Number of responses per (questionnaire, audience), one query."""
        return self.values("questionnaire_id", "audience").annotate(responses=Count("id")).order_by()


class Response(models.Model):
    """One person's answers. No key to a person or invitation, no token, no IP or user
    agent, and no time: only the questionnaire's period. The id is random, so it says nothing
    about order."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="responses")
    audience = models.CharField(max_length=10, choices=Audience.choices)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        # Reports walk a questionnaire's responses by audience without reading the rows.
        indexes = [models.Index(fields=["questionnaire", "audience", "id"], name="response_audience_idx")]

    def __str__(self):
        return f"{self.get_audience_display()} response"


class AnswerQuerySet(models.QuerySet):
    def for_questionnaires(self, questionnaires):
        return self.filter(response__questionnaire__in=questionnaires)

    def for_projects(self, projects):
        return self.filter(response__questionnaire__project__in=projects)

    def likert_counts(self):
        """Counts per (project, questionnaire, point, audience, outcome number, statement, scale
        point), in one SQL query. Each row is a dict with the keys ``project_id``,
        ``questionnaire_id``, ``point``, ``audience``, ``outcome_number``, ``statement_id``,
        ``statement_key``, ``value`` (1-5, or 0 for "Prefer not to say") and ``count``.
        Chain after ``for_projects(...)`` or ``for_questionnaires(...)``."""
        return (
            self.filter(statement__kind=Statement.Kind.LIKERT, value__isnull=False)
            .values(
                "statement_id",
                "value",
                project_id=models.F("response__questionnaire__project_id"),
                questionnaire_id=models.F("response__questionnaire_id"),
                point=models.F("response__questionnaire__point"),
                audience=models.F("response__audience"),
                outcome_number=models.F("statement__outcome_number"),
                statement_key=models.F("statement__key"),
            )
            .annotate(count=Count("id"))
            .order_by()
        )

    def likert_summary(self):
        """For reports: counts per (project, questionnaire, point, audience, outcome number,
        statement key), one SQL query, with a count per value named as ``SCALE_COUNTS`` names
        it (``prefer_not_to_say`` to ``agree_strongly``) and ``text`` (the statement's wording). One row per cell the minimum-number rule applies to, so a
        report can add up only cells with enough answers (in SQL, wrapping this query)."""
        return (
            self.filter(statement__kind=Statement.Kind.LIKERT, value__isnull=False)
            .values(
                project_id=models.F("response__questionnaire__project_id"),
                questionnaire_id=models.F("response__questionnaire_id"),
                point=models.F("response__questionnaire__point"),
                audience=models.F("response__audience"),
                outcome_number=models.F("statement__outcome_number"),
                statement_key=models.F("statement__key"),
            )
            .annotate(
                text=models.Min("statement__text"),
                **{name: Count("id", filter=Q(value=value)) for value, name in SCALE_COUNTS.items()},
            )
            .order_by()
        )

    def texts(self):
        """Free-text answers, sorted alphabetically so the list says nothing about arrival."""
        return (
            self.filter(statement__kind=Statement.Kind.TEXT)
            .exclude(text="")
            .values("statement_id", "response__audience", "text")
            .order_by("statement_id", "text")
        )


class Answer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="answers")
    # 1 (Disagree strongly) to 5 (Agree strongly); 0 is "Prefer not to say"; empty for text.
    value = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True, max_length=4000)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(value__isnull=True) | Q(value__lte=5), name="answer_value_on_scale")
        ]
        # Reports count answers per statement and scale point from this index alone.
        indexes = [models.Index(fields=["response", "statement", "value"], name="answer_counts_idx")]

    def __str__(self):
        return str(self.value if self.value is not None else self.text[:40])


class StatementTallyQuerySet(models.QuerySet):
    def for_questionnaires(self, questionnaires):
        return self.filter(questionnaire__in=questionnaires)


# StatementTally's counts, by the value of the answer they count (0 is "Prefer not to say").
SCALE_COUNTS = {
    0: "prefer_not_to_say",
    1: "disagree_strongly",
    2: "disagree",
    3: "neither",
    4: "agree",
    5: "agree_strongly",
}


class StatementTally(models.Model):
    """A closed questionnaire's answers on the five-point scale, counted once per cell the
    minimum-number rule applies to (audience, outcome number and statement key): how many
    answered at each point of the scale (``SCALE_COUNTS``). An aggregate: nothing here points
    at a person or a response. Written by services.questionnaire_tally; reports read these
    instead of the answers."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="tallies")
    audience = models.CharField(max_length=10, choices=Audience.choices)
    outcome_number = models.PositiveSmallIntegerField(null=True)
    statement_key = models.CharField(max_length=40)
    prefer_not_to_say = models.PositiveIntegerField(default=0)
    disagree_strongly = models.PositiveIntegerField(default=0)
    disagree = models.PositiveIntegerField(default=0)
    neither = models.PositiveIntegerField(default=0)
    agree = models.PositiveIntegerField(default=0)
    agree_strongly = models.PositiveIntegerField(default=0)

    objects = StatementTallyQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "audience", "outcome_number", "statement_key"], name="one_tally_per_cell"
            )
        ]

    def __str__(self):
        return f"{self.statement_key} ({self.get_audience_display()})"
