import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.anonymity import AnonymousInvitation

from .categories import CATEGORY_FIELDS

# --- Service indicators (outcome 5) ---------------------------------------------------


class IndicatorQuerySet(models.QuerySet):
    def with_latest(self):
        """Annotate the latest reading's date and value, in SQL (one query for any number)."""
        latest = IndicatorReading.objects.filter(indicator=OuterRef("pk")).order_by("-recorded_on", "-pk")
        return self.annotate(
            latest_on=Subquery(latest.values("recorded_on")[:1]),
            latest_value=Subquery(latest.values("value")[:1]),
            readings_count=models.Count("readings", distinct=True),
        )


class Indicator(models.Model):
    """A measure of the service that outcome 5 is about: satisfaction, complaints, carbon..."""

    class Direction(models.TextChoices):
        UP = "up", _("Higher is better")
        DOWN = "down", _("Lower is better")

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="indicators")
    outcome = models.ForeignKey(
        "projects.Outcome",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("service outcome it measures"),
    )
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(
        _("unit"), max_length=40, blank=True, help_text=_("For example: %, complaints, tonnes, groups.")
    )
    direction = models.CharField(
        _("which way is better"), max_length=4, choices=Direction.choices, default=Direction.UP
    )
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2, null=True, blank=True)
    how_measured = models.CharField(_("how it is measured"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("reporting:indicator_detail", args=[self.project_id, self.pk])


class IndicatorReading(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="readings")
    recorded_on = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["recorded_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "recorded_on"], name="one_reading_per_indicator_per_day")
        ]

    def __str__(self):
        return f"{self.indicator}: {self.value} on {self.recorded_on:%d/%m/%Y}"


# --- Equality monitoring ----------------------------------------------------------------


class MonitoringArea(models.Model):
    """An area the organisation lists on its equality-monitoring form (wards, towns...)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="monitoring_areas"
    )
    name = models.CharField(_("area"), max_length=120)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unique_monitoring_area")]

    def __str__(self):
        return self.name


class MonitoringInvitation(AnonymousInvitation):
    """One per person per project: who was asked and whether they answered, never what."""

    scope_field = "project"

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="monitoring_invitations")
    person = models.ForeignKey("groups.Person", on_delete=models.CASCADE, related_name="monitoring_invitations")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "person"], name="unique_monitoring_invitation")]

    def __str__(self):
        return f"Equality monitoring for {self.person} on {self.project}"

    @classmethod
    def link_answers(cls, scope_id):
        return MonitoringResponse.objects.filter(project_id=scope_id).count()

    @classmethod
    def answer_rows(cls, scope_id):
        return [MonitoringResponse.objects.filter(project_id=scope_id)]


class MonitoringResponseQuerySet(models.QuerySet):
    def counts(self):
        """Every category x option answered, counted in one query: {"sex__female": 3, ...,
        "total": n}; options nobody chose are left out."""
        grouped = [
            self.order_by().values(f=models.Value(field), v=F(field)).annotate(n=models.Count("pk"))
            for field in CATEGORY_FIELDS
        ]
        counts = {f"{row['f']}__{row['v']}": row["n"] for row in grouped[0].union(*grouped[1:], all=True).order_by()}
        # Every response has a value (perhaps blank) for every category: the first adds up to all.
        first = f"{CATEGORY_FIELDS[0]}__"
        counts["total"] = sum(n for key, n in counts.items() if key.startswith(first))
        return counts


class MonitoringResponse(models.Model):
    """An anonymous equality-monitoring answer: no key to the person or the invitation, and
    no time at all. Reported only in aggregate, under the minimum-number rule. The key is a
    random UUID, so even the id says nothing about the order answers arrived in."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="monitoring_responses")
    age_band = models.CharField(max_length=20, blank=True)
    sex = models.CharField(max_length=20, blank=True)
    gender_same = models.CharField(max_length=20, blank=True)
    ethnicity = models.CharField(max_length=20, blank=True)
    disability = models.CharField(max_length=20, blank=True)
    carer = models.CharField(max_length=20, blank=True)
    area = models.CharField(max_length=120, blank=True)

    objects = MonitoringResponseQuerySet.as_manager()

    class Meta:
        # Nothing that follows arrival.
        ordering = ["id"]

    def __str__(self):
        return f"Equality monitoring answer {self.pk}"


class PopulationShare(models.Model):
    """The organisation's population profile: the share (percent) of its population in each
    option of a monitoring category, e.g. from the 2021 Census, to compare respondents with."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="population_shares"
    )
    category = models.CharField(max_length=20, choices=[(f, f) for f in CATEGORY_FIELDS])
    option = models.CharField(max_length=120)
    percent = models.DecimalField(max_digits=5, decimal_places=1)

    class Meta:
        ordering = ["category", "option"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "category", "option"], name="unique_population_share")
        ]

    def __str__(self):
        return f"{self.category} {self.option}: {self.percent}%"


# --- PDF exports -------------------------------------------------------------------------


class ReportExportQuerySet(models.QuerySet):
    def downloadable_by(self, user):
        """The person who asked, or a manager or admin of the same organisation."""
        if not user.is_authenticated or user.organisation_id is None:
            return self.none()
        qs = self.filter(organisation_id=user.organisation_id)
        if user.sees_all_projects:
            return qs
        return qs.filter(requested_by=user)


class ReportExport(models.Model):
    class Scope(models.TextChoices):
        PROJECT = "project", _("One project")
        ACROSS = "across", _("Across projects")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RENDERING = "rendering", _("Being made")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(max_length=10, choices=Scope.choices)
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    # The dashboard filters the report was asked with (service_area, stage, year).
    filters = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    # Kept under MEDIA_ROOT, which is never served: the download view checks who asks.
    file = models.FileField(upload_to="reports/%Y/%m/", blank=True)
    error = models.CharField(max_length=500, blank=True)
    data_as_of = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ReportExportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scope="across") | Q(project__isnull=False), name="project_export_has_project"
            )
        ]

    def __str__(self):
        return f"{self.get_scope_display()} report ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("reporting:export_detail", args=[self.pk])

    @property
    def filename(self):
        stem = f"outcome-report-{self.project_id}" if self.project_id else "outcome-report-all-projects"
        return f"{stem}-{self.created_at:%Y-%m-%d}.pdf"
