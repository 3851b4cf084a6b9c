from django.conf import settings
from django.db import models
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class PersonQuerySet(models.QuerySet):
    def of_project(self, project):
        """People on the project's records, not erased: members of its groups (now or before)
        and people who expressed interest in joining one."""
        from .recruitment import Applicant

        member = Membership.objects.filter(person=models.OuterRef("pk"), group__project=project)
        applied = Applicant.objects.filter(person=models.OuterRef("pk"), round__group__project=project)
        return self.filter(erased_at__isnull=True).filter(models.Exists(member) | models.Exists(applied))

    def past_retention(self, *, ended_before):
        """People not yet erased who belong to (or applied to) at least one group, and whose every
        group's project ended before ``ended_before``. A project with no end date has not ended."""
        from .recruitment import Applicant

        live_groups = Group.objects.exclude(project__end_date__lt=ended_before)
        member = Membership.objects.filter(person=models.OuterRef("pk"))
        applied = Applicant.objects.filter(person=models.OuterRef("pk"))
        return (
            self.filter(erased_at__isnull=True)
            .filter(models.Exists(member) | models.Exists(applied))
            .exclude(models.Exists(member.filter(group__in=live_groups)))
            .exclude(models.Exists(applied.filter(round__group__in=live_groups)))
        )


class Person(models.Model):
    """Someone outside the staff accounts: a resident, carer, councillor, officer or expert.

    Stored once per organisation; one person can sit on several groups."""

    class Contact(models.TextChoices):
        EMAIL = "email", _("Email")
        PHONE = "phone", _("Phone")
        POST = "post", _("Post")

    class Format(models.TextChoices):
        STANDARD = "standard", _("Standard print")
        LARGE_PRINT = "large_print", _("Large print")
        EASY_READ = "easy_read", _("Easy Read")
        AUDIO = "audio", _("Audio")
        PAPER = "paper", _("Paper by post")

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="people")
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    postal_address = models.TextField(_("postal address"), max_length=1000, blank=True)
    preferred_contact = models.CharField(
        _("preferred way to be contacted"), max_length=20, choices=Contact.choices, default=Contact.EMAIL
    )
    preferred_format = models.CharField(
        _("preferred format for papers"), max_length=20, choices=Format.choices, default=Format.STANDARD
    )
    # A staff account, when this person is one: a staff user whose person is the group's
    # secretariat may see the group's access requirements.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("staff account"),
    )
    # Set when the person's personal data is erased; the row stays so counts stay right.
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=~models.Q(email=""),
                name="unique_person_email_per_organisation",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def picker_label(self):
        """The name with what tells two people of the same name apart, for staff's pickers."""
        address = self.postal_address.strip().splitlines()
        detail = self.email or self.phone or (address[-1] if address else "")
        return f"{self.name} ({detail})" if detail else self.name


def _current_members(on=None):
    from django.utils import timezone

    on = on or timezone.localdate()
    return Q(memberships__joined_on__lte=on) & (Q(memberships__left_on__isnull=True) | Q(memberships__left_on__gte=on))


class GroupQuerySet(models.QuerySet):
    def with_balance(self, on=None):
        """Current members counted in SQL: council people, residents and experts (shown apart)."""
        current = _current_members(on)
        return self.annotate(
            council_count=Count(
                "memberships", filter=current & Q(memberships__member_type__in=Membership.COUNCIL_TYPES)
            ),
            resident_count=Count(
                "memberships", filter=current & Q(memberships__member_type__in=Membership.RESIDENT_TYPES)
            ),
            expert_count=Count("memberships", filter=current & Q(memberships__member_type=Membership.Type.EXPERT)),
        )


class Group(models.Model):
    class Kind(models.TextChoices):
        STEERING = "steering", _("Steering group")
        COPRODUCTION = "coproduction", _("Co-production group")
        TASK_AND_FINISH = "task_and_finish", _("Task-and-finish group")

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind of group"), max_length=30, choices=Kind.choices, default=Kind.COPRODUCTION)
    reply_to = models.EmailField(
        _("reply-to address"),
        blank=True,
        help_text=_("Replies to the group's emails go here, usually the secretariat. Blank: the lead officer."),
    )
    # One of the guide's standard objectives: agree support and expenses for members.
    expenses_policy = models.TextField(
        _("agreed support and expenses policy"),
        max_length=6000,
        blank=True,
        help_text=_("What the group agreed members can claim for and how: travel, care, other costs."),
    )
    expenses_policy_agreed_on = models.DateField(_("date the policy was agreed"), null=True, blank=True)
    ground_rules_agreed_on = models.DateField(_("date the ground rules were agreed"), null=True, blank=True)
    ground_rules_meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("meeting where they were agreed"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = GroupQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("groups:detail", args=[self.project_id, self.pk])

    @cached_property
    def reply_to_address(self):
        """Replies to the group's emails reach its secretariat, or else the project's lead officer."""
        if self.reply_to:
            return self.reply_to
        lead = self.project.roles.filter(role="lead").select_related("user").order_by("pk").first()
        return lead.user.email if lead else ""

    @property
    def is_balanced(self):
        """The guide's aim: equal numbers of council people and residents (needs with_balance())."""
        return self.council_count == self.resident_count


class MembershipQuerySet(models.QuerySet):
    def current(self, on=None):
        from django.utils import timezone

        on = on or timezone.localdate()
        return self.filter(models.Q(left_on__isnull=True) | models.Q(left_on__gte=on), joined_on__lte=on)

    def with_latest_training(self):
        """The date of each member's most recent co-production training (None if none recorded)."""
        return self.annotate(latest_training_on=Max("training__trained_on"))

    def secretariat_of(self, group, user):
        return self.current().filter(group=group, person__user=user, position=Membership.Position.SECRETARIAT)


class Membership(models.Model):
    class Type(models.TextChoices):
        RESIDENT = "resident", _("Resident who draws on services")
        CARER = "carer", _("Carer")
        COMMUNITY = "community", _("Community organisation representative")
        STAFF = "staff", _("Council staff")
        COUNCILLOR = "councillor", _("Councillor")
        EXPERT = "expert", _("Subject expert")

    class Position(models.TextChoices):
        CHAIR = "chair", _("Chair")
        CO_CHAIR = "co_chair", _("Co-chair")
        SECRETARIAT = "secretariat", _("Secretariat")
        MEMBER = "member", _("Member")

    COUNCIL_TYPES = [Type.STAFF, Type.COUNCILLOR]
    RESIDENT_TYPES = [Type.RESIDENT, Type.CARER, Type.COMMUNITY]

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    member_type = models.CharField(_("type of member"), max_length=20, choices=Type.choices)
    position = models.CharField(_("position"), max_length=20, choices=Position.choices, default=Position.MEMBER)
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    # The guide: a short call with each member before the first meeting.
    first_call_done = models.BooleanField(_("call before the first meeting done"), default=False)
    first_call_note = models.TextField(_("note about the call"), max_length=2000, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["person__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["group", "person"], name="unique_membership"),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True) | models.Q(left_on__gte=models.F("joined_on")),
                name="membership_leaves_after_joining",
            ),
        ]

    def __str__(self):
        return f"{self.person} in {self.group}"

    @property
    def is_council(self):
        return self.member_type in self.COUNCIL_TYPES
