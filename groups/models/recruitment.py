from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class RecruitmentRound(models.Model):
    """Open, transparent recruitment for one group: a short flyer for interest, then a fuller
    application sent by email to those interested."""

    group = models.ForeignKey("groups.Group", on_delete=models.CASCADE, related_name="recruitment_rounds")
    # The readable public address: /join/<slug>/
    slug = models.SlugField(
        _("web address"), max_length=80, unique=True, help_text=_("Used in the public address: /join/<this>/")
    )
    title = models.CharField(_("title"), max_length=200)
    flyer_text = models.TextField(
        _("flyer text"), max_length=6000, help_text=_("Short and plain: what the group is for and who can join.")
    )
    selection_criteria = models.TextField(
        _("selection criteria"),
        max_length=4000,
        help_text=_("How people will be chosen. Shown on the public page, so the selection is open and transparent."),
    )
    closes_on = models.DateField(_("closing date"), null=True, blank=True)
    is_open = models.BooleanField(_("open for expressions of interest"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("groups:round_detail", args=[self.group.project_id, self.group_id, self.pk])

    def get_public_url(self):
        return reverse("groups_public:join", args=[self.slug])

    def accepting(self, today):
        return self.is_open and (self.closes_on is None or self.closes_on >= today)


class ApplicantQuerySet(models.QuerySet):
    def status_counts(self):
        return dict(self.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))

    def not_taking_part(self):
        return self.filter(status=Applicant.Status.NOT_TAKING_PART)

    def reason_counts(self):
        """People who were interested but did not take part, counted by reason (in SQL)."""
        return dict(self.not_taking_part().values_list("reason").annotate(n=Count("pk")).values_list("reason", "n"))


class Applicant(models.Model):
    """Someone who expressed interest in a round; kept, with a reason, if they do not take part."""

    class Status(models.TextChoices):
        INTERESTED = "interested", _("Expressed interest")
        APPLIED = "applied", _("Applied")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        SELECTED = "selected", _("Selected")
        NOT_TAKING_PART = "not_taking_part", _("Interested but did not take part")

    class Reason(models.TextChoices):
        NOT_SELECTED = "not_selected", _("Not selected")
        TIMING = "timing", _("Timing")
        ACCESS = "access", _("Access")
        CARING = "caring", _("Caring responsibilities")
        TRANSPORT = "transport", _("Transport")
        HEALTH = "health", _("Health")
        OTHER = "other", _("Other")

    # The kinds of resident the public forms offer; council people are chosen informally.
    TYPE_CHOICES = [
        ("resident", _("I draw on council services")),
        ("carer", _("I am a carer")),
        ("community", _("I represent a community organisation")),
    ]

    round = models.ForeignKey(RecruitmentRound, on_delete=models.CASCADE, related_name="applicants")
    person = models.ForeignKey("groups.Person", on_delete=models.CASCADE, related_name="applications")
    member_type = models.CharField(_("which describes you best"), max_length=20, choices=TYPE_CHOICES)
    interest = models.TextField(_("why you are interested"), max_length=1000, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.INTERESTED)
    # The emailed application link: only the hash of its token is stored.
    application_token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    application_sent_at = models.DateTimeField(null=True, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    experience = models.TextField(_("your experience"), max_length=4000, blank=True)
    contribution = models.TextField(_("what you would bring to the group"), max_length=4000, blank=True)
    availability = models.TextField(_("when you can take part"), max_length=1000, blank=True)
    support_needed = models.TextField(_("support or access you would need"), max_length=2000, blank=True)
    shortlist_note = models.TextField(_("shortlisting reasons"), max_length=2000, blank=True)
    decision_note = models.TextField(_("reasons for the decision"), max_length=2000, blank=True)
    reason = models.CharField(_("reason for not taking part"), max_length=20, choices=Reason.choices, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicantQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            # Duplicate submissions by the same email are merged into one row, never doubled.
            models.UniqueConstraint(fields=["round", "person"], name="one_applicant_per_person_per_round"),
            models.CheckConstraint(
                condition=~Q(status="not_taking_part") | ~Q(reason=""),
                name="not_taking_part_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_status_display()})"

    def get_absolute_url(self):
        group = self.round.group
        return reverse("groups:applicant_detail", args=[group.project_id, group.pk, self.round_id, self.pk])
