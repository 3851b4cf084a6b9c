from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    PLANNING = "planning", _("Planning")
    DELIVERING = "delivering", _("Carrying out the plan")
    REFLECTING = "reflecting", _("Reflecting and learning")


STAGE_ORDER = [Stage.PLANNING, Stage.DELIVERING, Stage.REFLECTING]


class ProjectQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Projects this person may see: all of their organisation's for admins and
        managers, otherwise only those they hold a role on."""
        if not user.is_authenticated or user.organisation_id is None:
            return self.none()
        qs = self.filter(organisation_id=user.organisation_id)
        if user.sees_all_projects:
            return qs
        return qs.filter(Exists(ProjectRole.objects.filter(project=OuterRef("pk"), user=user)))

    def editable_by(self, user):
        if not user.is_authenticated or user.organisation_id is None:
            return self.none()
        qs = self.filter(organisation_id=user.organisation_id)
        if user.is_org_admin:
            return qs
        return qs.filter(
            Exists(ProjectRole.objects.filter(project=OuterRef("pk"), user=user, role__in=ProjectRole.EDITING_ROLES))
        )

    def with_next_activity(self):
        """The first activity not yet done (earliest due date first; undated last)."""
        pending = (
            Activity.objects.filter(objective__project=OuterRef("pk"))
            .exclude(status=Activity.Status.DONE)
            .order_by(F("due_date").asc(nulls_last=True), "position", "pk")
        )
        return self.annotate(
            next_activity_title=Subquery(pending.values("title")[:1]),
            next_activity_due=Subquery(pending.values("due_date")[:1]),
        )

    def with_progress(self):
        return self.annotate(
            activities_total=Count("objectives__activities", distinct=True),
            activities_done=Count(
                "objectives__activities",
                filter=Q(objectives__activities__status="done"),
                distinct=True,
            ),
        )


class Project(models.Model):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="projects")
    title = models.CharField(_("title"), max_length=200)
    service_area = models.CharField(
        _("service area"), max_length=120, help_text=_("For example: Environment, Adult social care.")
    )
    aim = models.TextField(_("aim"), max_length=2000)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.PLANNING)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="project_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:detail", args=[self.pk])

    @property
    def next_stage(self):
        index = STAGE_ORDER.index(self.stage)
        return STAGE_ORDER[index + 1] if index + 1 < len(STAGE_ORDER) else None


class ProjectRole(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("Lead officer")
        SUPPORT = "support", _("Supporting officer")
        CHAIR = "chair", _("Chair")

    EDITING_ROLES = [Role.LEAD, Role.SUPPORT]

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="project_roles")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "user", "role"], name="unique_project_role")]
        ordering = ["role", "user__name"]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"


class StageRecord(models.Model):
    """When a stage began and how residents were involved in it (the guide asks for both)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="stage_records")
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    began_on = models.DateField(_("date this stage began"))
    resident_involvement = models.TextField(_("how residents were involved at this stage"), max_length=4000, blank=True)

    class Meta:
        ordering = ["began_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["project", "stage"], name="unique_stage_record")]

    def __str__(self):
        return f"{self.get_stage_display()} from {self.began_on:%d/%m/%Y}"


class Outcome(models.Model):
    class Kind(models.TextChoices):
        COPRODUCTION = "coproduction", _("Co-production outcome")
        SERVICE = "service", _("Service outcome")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SERVICE)
    # The guide numbers the co-production outcomes 1 to 4; service outcomes are number 5.
    number = models.PositiveSmallIntegerField(_("outcome number"), default=5)
    title = models.CharField(_("outcome"), max_length=500)
    description = models.TextField(_("more detail"), max_length=4000, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class Measure(models.Model):
    class Kind(models.TextChoices):
        STATEMENT = "statement", _("Questionnaire statement")
        COUNT = "count", _("Count")
        TRAINING = "training", _("Training record")
        INDICATOR = "indicator", _("Service indicator")
        REFLECTION = "reflection", _("Reflective feedback")

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="measures")
    kind = models.CharField(_("kind of evidence"), max_length=20, choices=Kind.choices)
    description = models.CharField(_("measure"), max_length=500)
    how_collected = models.CharField(_("how evidence is collected"), max_length=500, blank=True)
    when_collected = models.CharField(_("when evidence is collected"), max_length=200, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.description


class ObjectiveQuerySet(models.QuerySet):
    def with_progress(self):
        return self.annotate(
            activities_total=Count("activities", distinct=True),
            activities_done=Count("activities", filter=Q(activities__status="done"), distinct=True),
        )


class Objective(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="objectives")
    title = models.CharField(_("objective"), max_length=500)
    description = models.TextField(_("more detail"), max_length=4000, blank=True)
    outcomes = models.ManyToManyField(
        Outcome, related_name="objectives", blank=True, verbose_name=_("outcomes it serves")
    )
    position = models.PositiveIntegerField(default=0)

    objects = ObjectiveQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class Activity(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="activities")
    title = models.CharField(_("activity"), max_length=500)
    owner = models.CharField(_("owner"), max_length=150, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name_plural = _("activities")

    def __str__(self):
        return self.title
