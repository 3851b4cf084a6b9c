import ipaddress
from email.utils import make_msgid, parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# When neither a sender address nor SITE_URL names a real domain (never "localhost").
FALLBACK_DOMAIN = "coproduction.invalid"


def _real_domain(host):
    """The host if it can name the organisation on the internet: not localhost, not an address."""
    host = (host or "").strip().strip("[]").lower()
    if "." not in host or host.endswith((".localhost", ".local", ".localdomain")):
        return ""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return host
    return ""


def message_id_domain(sender=""):
    """The organisation's domain, for Message-IDs: from its sender address, else the service's."""
    candidates = [
        parseaddr(sender)[1].rpartition("@")[2],
        parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2],
        urlsplit(settings.SITE_URL).hostname,
    ]
    return next((domain for c in candidates if (domain := _real_domain(c))), FALLBACK_DOMAIN)


def message_id_make(sender=""):
    return make_msgid(domain=message_id_domain(sender))


class OutgoingEmailQuerySet(models.QuerySet):
    def needing_attention(self):
        return self.filter(status=OutgoingEmail.Status.FAILED)


class OutgoingEmail(models.Model):
    """One row per recipient per message version. The unique key is what makes a
    message go out exactly once, however often the task that sends it runs."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to send")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Not sent: no longer needed")

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    key = models.CharField(max_length=255, unique=True)
    kind = models.CharField(max_length=80)
    # What the message is about, for pages that list it: e.g. "meeting:12", "questionnaire:3".
    topic = models.CharField(max_length=100, blank=True, db_index=True)
    # Ids only: the message is rendered when it is sent, never stored.
    params = models.JSONField(default=dict, blank=True)
    recipient = models.EmailField()
    person = models.ForeignKey("groups.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # Made once, when the row is created, and used by every attempt: a message that has to go
    # again (the server took it but the worker died before hearing so) is recognisably a repeat.
    message_id = models.CharField(max_length=320, unique=True, editable=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # What went wrong last; kept after a later success, as the record of why it took more tries.
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        indexes = [models.Index(fields=["status", "updated_at"])]

    def __str__(self):
        return f"{self.kind} to {self.recipient} ({self.get_status_display()})"

    def save(self, *args, **kwargs):
        if not self.message_id:
            self.message_id = message_id_make(self.organisation.email_sender if self.organisation else "")
        super().save(*args, **kwargs)


class PeriodicRun(models.Model):
    """When each periodic job last ran, so the heartbeat knows what is due."""

    name = models.CharField(max_length=200, unique=True)
    last_run_at = models.DateTimeField()

    def __str__(self):
        return self.name
