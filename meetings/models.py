import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Count, F, OuterRef, Q, RowRange, Subquery, Sum, Value, Window
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

# The guide: "five or ten minutes at the end for people to say how the meeting went for them".
REFLECTION_MINUTES = 10
DEFAULT_PACK_DAYS = 7
DEFAULT_REMINDER_DAYS = 2


class MeetingSettings(models.Model):
    """A group's settings for its meetings (the agenda pack goes this many days before)."""

    group = models.OneToOneField("groups.Group", on_delete=models.CASCADE, related_name="meeting_settings")
    pack_days_before = models.PositiveSmallIntegerField(
        _("send the agenda and papers this many days before each meeting"),
        default=DEFAULT_PACK_DAYS,
        help_text=_("The guide asks for one week (7 days)."),
    )
    reminder_days_before = models.PositiveSmallIntegerField(
        _("send a reminder this many days before each meeting"), default=DEFAULT_REMINDER_DAYS
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(pack_days_before__gte=1, pack_days_before__lte=28), name="pack_days_between_1_and_28"
            )
        ]

    def __str__(self):
        return f"Meeting settings for {self.group}"


def meeting_settings_for(group):
    return MeetingSettings.objects.get_or_create(group=group)[0]


class MeetingSeries(models.Model):
    """Meetings planned together (for example monthly on the second Tuesday)."""

    group = models.ForeignKey("groups.Group", on_delete=models.CASCADE, related_name="meeting_series")
    description = models.CharField(_("description"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = _("meeting series")

    def __str__(self):
        return self.description


class MeetingQuerySet(models.QuerySet):
    def for_project(self, project):
        return self.filter(group__project=project)

    def upcoming(self):
        return self.filter(ends_at__gte=timezone.now())

    def past(self):
        return self.filter(ends_at__lt=timezone.now())

    def scheduled(self):
        return self.filter(status=Meeting.Status.SCHEDULED)

    def with_email_problems(self):
        """How many emails about each meeting failed for good (someone needs to act)."""
        from outbox.models import OutgoingEmail

        failed = (
            OutgoingEmail.objects.filter(topic=Concat(Value("meeting:"), Cast(OuterRef("pk"), models.CharField())))
            .filter(status=OutgoingEmail.Status.FAILED)
            .order_by()
            .values("topic")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(failed_emails=Coalesce(Subquery(failed, output_field=models.IntegerField()), 0))

    def pack_overdue(self):
        """Scheduled meetings whose pack is due but has not gone (a lost task; the sweep re-queues)."""
        now = timezone.now()
        return self.scheduled().filter(pack_sent_at__isnull=True, pack_due_at__lte=now, starts_at__gt=now)

    def papers_update_overdue(self, wait):
        """Ids of meetings with paper changes not yet sent for longer than ``wait`` (a lost task)."""
        now = timezone.now()
        return (
            self.scheduled()
            .filter(
                ends_at__gte=now,
                paper_changes__batch__isnull=True,
                paper_changes__created_at__lte=now - wait,
            )
            .values_list("pk", flat=True)
            .distinct()
        )


class Meeting(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    class NotesStatus(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")

    group = models.ForeignKey("groups.Group", on_delete=models.CASCADE, related_name="meetings")
    series = models.ForeignKey(MeetingSeries, on_delete=models.SET_NULL, null=True, blank=True, related_name="meetings")
    title = models.CharField(_("title"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    created_at = models.DateTimeField(auto_now_add=True)

    # Where, and how people get in.
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.TextField(_("venue address"), max_length=1000, blank=True)
    step_free_access = models.BooleanField(_("step-free access"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    parking = models.CharField(_("parking"), max_length=300, blank=True)
    public_transport = models.CharField(_("public transport"), max_length=300, blank=True)
    access_notes = models.TextField(_("other accessibility details"), max_length=2000, blank=True)
    online_link = models.URLField(
        _("online joining link"),
        blank=True,
        help_text=_("For hybrid or online meetings. Leave blank if in person only."),
    )
    breaks = models.CharField(
        _("planned breaks"), max_length=300, blank=True, help_text=_("For example: a 15-minute break at 11am.")
    )

    # The calendar's SEQUENCE: goes up on every change people's calendars must pick up.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    # The agenda pack: a new version each time the meeting moves before the pack went, so
    # a task scheduled for the old time finds itself stale and does nothing.
    pack_version = models.PositiveIntegerField(default=1, editable=False)
    pack_due_at = models.DateTimeField(null=True, blank=True, editable=False)
    pack_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    papers_update_count = models.PositiveIntegerField(default=0, editable=False)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    notes_status = models.CharField(
        _("notes"), max_length=20, choices=NotesStatus.choices, default=NotesStatus.DRAFT, editable=False
    )
    notes_approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    notes_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"
            )
        ]

    def __str__(self):
        # Always with the date: a series' meetings often share a title, and each page (its
        # title, heading and breadcrumbs) must say which meeting it is.
        day = date_format(timezone.localtime(self.starts_at), "j F Y")
        return f"{self.title or self.group}, {day}"

    @property
    def topic(self):
        return f"meeting:{self.pk}"

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def is_past(self):
        return self.ends_at < timezone.now()

    @property
    def total_minutes(self):
        return sum(item.minutes or 0 for item in self.agenda_items.all())

    @property
    def length_minutes(self):
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def overrun_minutes(self):
        """How many minutes the agenda's items add up to beyond the meeting's length (0 if none)."""
        return max(0, self.total_minutes - self.length_minutes)


class AgendaItemQuerySet(models.QuerySet):
    def timed(self):
        """Each item with ``minutes_before``: the minutes of the items before it, in agenda
        order, so its clock time is the meeting's start plus that (AgendaItem.starts_at)."""
        return self.order_by("position", "pk").annotate(
            minutes_before=Coalesce(
                Window(Sum("minutes"), order_by=[F("position").asc(), F("pk").asc()], frame=RowRange(None, -1)),
                0,
            )
        )


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        WELCOME = "welcome", _("Welcome and introductions")
        GROUND_RULES = "ground_rules", _("Ground rules")
        MATTERS_ARISING = "matters_arising", _("Matters arising")
        REFLECTION = "reflection", _("Reflection time")
        ITEM = "item", _("Agenda item")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ITEM, editable=False)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what it is about"), max_length=4000, blank=True)
    minutes = models.PositiveSmallIntegerField(_("time allowed (minutes)"), null=True, blank=True)
    lead = models.CharField(_("led by"), max_length=150, blank=True)
    notes = models.TextField(_("notes"), max_length=10000, blank=True)

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title

    @property
    def starts_at(self):
        """When the item is planned to start (needs AgendaItemQuerySet.timed())."""
        return self.meeting.starts_at + dt.timedelta(minutes=self.minutes_before)

    @property
    def ends_at(self):
        return self.starts_at + dt.timedelta(minutes=self.minutes or 0)


def paper_upload_to(instance, filename):
    # A random name: the original name is kept in the row, never in a path anyone can guess.
    import uuid

    return f"papers/{instance.item.meeting.group_id}/{uuid.uuid4().hex}"


class Paper(models.Model):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="papers")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(upload_to=paper_upload_to, max_length=300)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item__position", "pk"]

    def __str__(self):
        return self.title


class PaperChange(models.Model):
    """A paper added, replaced or removed after the pack went; sent as an update in batches."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="paper_changes")
    description = models.CharField(max_length=400)
    created_at = models.DateTimeField(auto_now_add=True)
    # Which "updated papers" email carried it (None: not sent yet).
    batch = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.description


class PackPosting(models.Model):
    """A member who asked for post: the secretariat prints and sends their pack."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="postings")
    person = models.ForeignKey("groups.Person", on_delete=models.CASCADE, related_name="+")
    pack_version = models.PositiveIntegerField()
    # 0 for the pack itself; otherwise the "updated papers" batch to print and post.
    papers_batch = models.PositiveIntegerField(default=0)
    posted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["person__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person", "pack_version", "papers_batch"], name="unique_pack_posting"
            )
        ]

    def __str__(self):
        return f"Pack for {self.person} by post"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        APOLOGIES = "apologies", _("Apologies")
        ABSENT = "absent", _("Absent")

    class Way(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        PHONE = "phone", _("By phone")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey("groups.Person", on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(_("attendance"), max_length=20, choices=Status.choices)
    # How someone present took part (reports count the ways people were involved); blank if unknown.
    way = models.CharField(_("how they took part"), max_length=20, choices=Way.choices, blank=True)
    hours = models.DecimalField(_("hours contributed"), max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["person__name", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="unique_attendance")]
        # Reports count who came (people taking part) from this index alone.
        indexes = [models.Index(fields=["meeting", "status", "person"], name="attendance_status_idx")]

    def __str__(self):
        return f"{self.person}: {self.get_status_display()}"


class ActionQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=Action.Status.DONE)

    def matters_arising_for(self, meeting):
        """Open actions from the group's earlier meetings: carried forward until done."""
        return (
            self.open()
            .filter(meeting__group_id=meeting.group_id, meeting__starts_at__lt=meeting.starts_at)
            .select_related("meeting")
        )


class Action(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("agenda item"),
    )
    description = models.CharField(_("what"), max_length=500)
    owner = models.CharField(_("who"), max_length=150)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self):
        return self.description


class DecisionQuerySet(models.QuerySet):
    def for_group(self, group):
        return self.filter(meeting__group=group).select_related("meeting", "item").order_by("meeting__starts_at", "pk")


class Decision(models.Model):
    class Method(models.TextChoices):
        CONSENSUS = "consensus", _("Consensus")
        VOTE = "vote", _("Vote")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("agenda item"),
    )
    text = models.TextField(_("decision"), max_length=2000)
    method = models.CharField(_("how it was reached"), max_length=20, choices=Method.choices, default=Method.CONSENSUS)
    votes_for = models.PositiveSmallIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("votes against"), null=True, blank=True)
    votes_abstaining = models.PositiveSmallIntegerField(_("abstaining"), null=True, blank=True)
    recommendation = models.BooleanField(_("this is a recommendation to the council"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.text[:80]


class MemberLink(models.Model):
    """A member's secret link for a group: their calendar feed and the group's papers.

    The token is derived with HMAC from SECRET_KEY (so the worker can put it in each email
    without storing it anywhere); only its hash is stored, for lookup. Raising the
    generation revokes the old link."""

    group = models.ForeignKey("groups.Group", on_delete=models.CASCADE, related_name="member_links")
    person = models.ForeignKey("groups.Person", on_delete=models.CASCADE, related_name="meeting_links")
    generation = models.PositiveIntegerField(default=1)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "person"], name="unique_member_link")]

    def __str__(self):
        return f"Link for {self.person} in {self.group}"


class EventQuerySet(models.QuerySet):
    def for_project(self, project):
        return self.filter(project=project)

    def with_attendance(self):
        """Each event with ``named`` (people recorded as coming) and ``came`` (with the others)."""
        return self.annotate(named=Count("attendance")).annotate(came=F("named") + F("other_attendees"))

    def totals(self):
        """Events held, people named as coming (each once), everyone who came (named or not) and
        the hours the named contributed: two queries (joining the attendance would repeat each
        event's others)."""
        events = self.order_by().aggregate(events=Count("pk"), others=Sum("other_attendees"))
        named = EventAttendance.objects.filter(event__in=self.order_by().values("pk")).aggregate(
            people=Count("person", distinct=True), attendances=Count("pk"), hours=Sum("event__hours")
        )
        return {
            "events": events["events"],
            "people": named["people"],
            "came": named["attendances"] + (events["others"] or 0),
            "hours": float(named["hours"] or 0),
        }


class Event(models.Model):
    """A way of taking part outside the group's meetings: a workshop, drop-in, stall or visit.

    The guide asks projects to "record the ways in which people have been involved"; events are
    one of them. People on the project's records who came are named (so each is counted once in
    the reports); members of the public who came are a number only."""

    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        DROP_IN = "drop_in", _("Drop-in session")
        STALL = "stall", _("Stall or pop-up")
        VISIT = "visit", _("Site visit")
        ONLINE = "online", _("Online event")
        COMMUNITY = "community", _("Community event")
        OTHER = "other", _("Other")

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="events")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind of event"), max_length=20, choices=Kind.choices, default=Kind.WORKSHOP)
    date = models.DateField(_("date"))
    hours = models.DecimalField(
        _("length in hours"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Counted as hours contributed for each person named as coming."),
    )
    place = models.CharField(_("where"), max_length=300, blank=True)
    description = models.TextField(_("what it was for"), max_length=4000, blank=True)
    other_attendees = models.PositiveIntegerField(
        _("other people who came"),
        default=0,
        help_text=_("Members of the public and others not on the project's records: a number only."),
    )
    people = models.ManyToManyField(
        "groups.Person", through="EventAttendance", related_name="events", verbose_name=_("people who came")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.title} ({date_format(self.date, 'j M Y')})"

    @property
    def has_happened(self):
        return self.date <= timezone.localdate()


class EventAttendance(models.Model):
    """A person on the project's records who came to an event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey("groups.Person", on_delete=models.CASCADE, related_name="event_attendance")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="unique_event_attendance")]

    def __str__(self):
        return f"{self.person} at {self.event}"
