from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """A council. It owns every project, person and answer in the service."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(unique=True)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    email_sender = models.CharField(
        _("email sender"),
        max_length=200,
        blank=True,
        help_text=_('For example "West Berkshire Council <coproduction@westberks.gov.uk>".'),
    )
    retention_months = models.PositiveIntegerField(
        _("keep personal data for (months)"),
        default=24,
        help_text=_("How long after a project ends members' personal data is kept."),
    )
    min_responses = models.PositiveIntegerField(
        _("minimum answers before results show"),
        default=5,
        validators=[MinValueValidator(3)],
        help_text=_("Results with fewer answers than this are withheld. Never below 3."),
    )
    require_mfa = models.BooleanField(_("require two-factor authentication for all staff"), default=True)

    class Meta:
        verbose_name = _("organisation")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(min_responses__gte=3), name="min_responses_at_least_3")
        ]

    def __str__(self):
        return self.name

    @property
    def from_email(self):
        from django.conf import settings

        return self.email_sender or settings.DEFAULT_FROM_EMAIL


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A member of staff (or a chair) who signs in with email and password."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Organisation admin")
        MANAGER = "manager", _("Manager")
        OFFICER = "officer", _("Officer")
        CHAIR = "chair", _("Chair (sees only the groups they chair)")

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    name = models.CharField(_("name"), max_length=150)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="users", null=True, blank=True
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.OFFICER)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["name"]
    objects = UserManager()

    class Meta:
        verbose_name = _("staff member")
        ordering = ["name"]

    def __str__(self):
        return self.name or self.email

    def get_full_name(self):
        return self.name

    def get_short_name(self):
        return self.name.split(" ")[0] if self.name else self.email

    @property
    def sees_all_projects(self):
        return self.role in {self.Role.ADMIN, self.Role.MANAGER}

    @property
    def is_org_admin(self):
        return self.role == self.Role.ADMIN
