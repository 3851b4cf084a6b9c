from django.conf import settings
from django.db import models
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

# (field name, label) for every need; the logistics view and the form both use these lists.
ACCESS_NEEDS = [
    ("physical_access", _("Physical access (for example step-free access)")),
    ("large_print", _("Large print papers")),
    ("easy_read", _("Easy Read papers")),
    ("audio", _("Audio papers")),
    ("paper_by_post", _("Paper copies by post")),
    ("interpreter", _("Language interpreter")),
    ("bsl", _("British Sign Language (BSL) interpreter")),
    ("hearing_loop", _("Hearing loop")),
    ("timing", _("Timing of meetings")),
    ("breaks", _("Regular breaks")),
]
SUPPORT_NEEDS = [
    ("call_before", _("A call before meetings")),
    ("call_after", _("A call after meetings")),
    ("transport", _("Transport")),
    ("technology_help", _("Help with technology")),
    ("companion", _("Someone to come with them")),
]


class AccessRecordQuerySet(models.QuerySet):
    def with_any_need(self):
        any_need = Q()
        for name, _label in ACCESS_NEEDS + SUPPORT_NEEDS:
            any_need |= Q(**{name: True})
        return self.filter(any_need)


class AccessRecord(models.Model):
    """A member's access requirements and support, recorded with their consent.

    Special category data: only the project's lead officer and the group's secretariat see
    it (groups.permissions.can_see_access), and every view is logged (AccessViewLog)."""

    membership = models.OneToOneField("groups.Membership", on_delete=models.CASCADE, related_name="access")
    consent_given = models.BooleanField(_("the member agreed that we record this"), default=False)
    consent_on = models.DateField(_("date they agreed"), null=True, blank=True)
    physical_access = models.BooleanField(ACCESS_NEEDS[0][1], default=False)
    large_print = models.BooleanField(ACCESS_NEEDS[1][1], default=False)
    easy_read = models.BooleanField(ACCESS_NEEDS[2][1], default=False)
    audio = models.BooleanField(ACCESS_NEEDS[3][1], default=False)
    paper_by_post = models.BooleanField(ACCESS_NEEDS[4][1], default=False)
    interpreter = models.BooleanField(ACCESS_NEEDS[5][1], default=False)
    interpreter_language = models.CharField(_("language"), max_length=80, blank=True)
    bsl = models.BooleanField(ACCESS_NEEDS[6][1], default=False)
    hearing_loop = models.BooleanField(ACCESS_NEEDS[7][1], default=False)
    timing = models.BooleanField(ACCESS_NEEDS[8][1], default=False)
    breaks = models.BooleanField(ACCESS_NEEDS[9][1], default=False)
    call_before = models.BooleanField(SUPPORT_NEEDS[0][1], default=False)
    call_after = models.BooleanField(SUPPORT_NEEDS[1][1], default=False)
    transport = models.BooleanField(SUPPORT_NEEDS[2][1], default=False)
    technology_help = models.BooleanField(SUPPORT_NEEDS[3][1], default=False)
    companion = models.BooleanField(SUPPORT_NEEDS[4][1], default=False)
    details = models.TextField(
        _("more detail"), max_length=4000, blank=True, help_text=_("Only what is needed to make it happen.")
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = AccessRecordQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(consent_given=True) | Q(details=""), name="access_details_need_consent")
        ]

    def __str__(self):
        return f"Access and support for {self.membership}"

    def needs(self):
        """Labels of the needs ticked, access first then support."""
        labels = [str(label) for name, label in ACCESS_NEEDS + SUPPORT_NEEDS if getattr(self, name)]
        if self.interpreter and self.interpreter_language:
            labels[labels.index(str(ACCESS_NEEDS[5][1]))] += f" ({self.interpreter_language})"
        return labels

    def clear(self):
        """Blank every need (erasure keeps the row)."""
        for name, _label in ACCESS_NEEDS + SUPPORT_NEEDS:
            setattr(self, name, False)
        self.interpreter_language = ""
        self.details = ""
        self.consent_given = False
        self.consent_on = None


class AccessViewLog(models.Model):
    """Every time someone sees a person's access requirements: who, whose, when, where."""

    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("groups.Person", on_delete=models.CASCADE, related_name="access_views")
    group = models.ForeignKey("groups.Group", on_delete=models.CASCADE, related_name="access_views")
    where = models.CharField(max_length=40)
    viewed_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-viewed_at", "pk"]

    # The pages that show access requirements, as the log names them to people.
    PAGES = {"member": _("the member's access page"), "logistics": _("meeting logistics")}

    def __str__(self):
        return f"{self.viewer} saw {self.person}'s access requirements ({self.where})"

    @property
    def page_label(self):
        return self.PAGES.get(self.where, self.where)


class ExpenseClaimQuerySet(models.QuerySet):
    def totals_by_status(self):
        return {
            row["status"]: row
            for row in self.values("status").annotate(n=Count("pk"), total=Sum("amount")).order_by("status")
        }


class ExpenseClaim(models.Model):
    class Kind(models.TextChoices):
        TRAVEL = "travel", _("Travel")
        CARE = "care", _("Care")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        PAID = "paid", _("Paid")

    membership = models.ForeignKey("groups.Membership", on_delete=models.CASCADE, related_name="expense_claims")
    claimed_on = models.DateField(_("date of the expense"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    amount = models.DecimalField(_("amount (£)"), max_digits=8, decimal_places=2)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ExpenseClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-claimed_on", "pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="expense_amount_positive")]

    def __str__(self):
        return f"{self.get_kind_display()} £{self.amount} ({self.get_status_display()})"


class TrainingRecord(models.Model):
    """Who has had co-production training, formal or informal, and when (outcome 3's evidence)."""

    class Kind(models.TextChoices):
        FORMAL = "formal", _("Formal")
        INFORMAL = "informal", _("Informal")

    membership = models.ForeignKey("groups.Membership", on_delete=models.CASCADE, related_name="training")
    kind = models.CharField(_("kind of training"), max_length=20, choices=Kind.choices)
    trained_on = models.DateField(_("date"))
    description = models.CharField(_("what it was"), max_length=300)

    class Meta:
        ordering = ["-trained_on", "pk"]

    def __str__(self):
        return self.description
