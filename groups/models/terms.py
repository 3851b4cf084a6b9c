from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class TermsVersionQuerySet(models.QuerySet):
    def agreed(self):
        return self.filter(status=TermsVersion.Status.AGREED)


class TermsVersion(models.Model):
    """One version of a group's terms of reference. Versions are never changed once saved:
    each step (discussed, draft, agreed) is a new version tied to the meeting where it happened."""

    class Status(models.TextChoices):
        DISCUSSED = "discussed", _("Discussed")
        DRAFT = "draft", _("Draft")
        AGREED = "agreed", _("Agreed")

    group = models.ForeignKey("groups.Group", on_delete=models.CASCADE, related_name="terms_versions")
    number = models.PositiveIntegerField()
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("meeting where this happened"),
    )
    note = models.CharField(_("what changed"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TermsVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["group", "number"], name="unique_terms_version")]

    def __str__(self):
        return f"{self.group} terms of reference, version {self.number}"

    def get_absolute_url(self):
        return reverse("groups:terms_version", args=[self.group.project_id, self.group_id, self.number])


class TermsClause(models.Model):
    version = models.ForeignKey(TermsVersion, on_delete=models.CASCADE, related_name="clauses")
    key = models.CharField(max_length=40)
    heading = models.CharField(_("heading"), max_length=200)
    text = models.TextField(_("text"), max_length=8000, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="unique_clause_per_version")]

    def __str__(self):
        return self.heading


class GroundRule(models.Model):
    """A ground rule; the group's list is agreed at the start of its first meeting
    (Group.ground_rules_agreed_on)."""

    group = models.ForeignKey("groups.Group", on_delete=models.CASCADE, related_name="ground_rules")
    text = models.CharField(_("ground rule"), max_length=300)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text
