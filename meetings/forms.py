import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groups.forms import PeopleChoiceField
from groups.models import Person

from .models import Action, AgendaItem, Attendance, Decision, Event, Meeting, MeetingSettings
from .services import DETAIL_FIELDS, Pattern, london
from .uploads import MAX_PAPER_BYTES, paper_validate


class DateInput(forms.DateInput):
    """A date picker; its value must be ISO (the en-GB default 31/12/2027 leaves it empty)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


DETAIL_WIDGETS = {
    "venue_address": forms.Textarea(attrs={"rows": 2}),
    "access_notes": forms.Textarea(attrs={"rows": 2}),
}


class TimesMixin:
    """Date, start and end: the end after the start, and not in the past."""

    def clean_times(self, cleaned, date_field="date"):
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The meeting must end after it starts."))
        day = cleaned.get(date_field)
        if day and start and london(day, start) < timezone.now():
            self.add_error(date_field, _("The meeting must be in the future."))
        return cleaned


class MeetingForm(TimesMixin, forms.ModelForm):
    date = forms.DateField(label=_("Date"), widget=DateInput)
    start_time = forms.TimeField(label=_("Start time"), widget=TimeInput)
    end_time = forms.TimeField(label=_("End time"), widget=TimeInput)

    class Meta:
        model = Meeting
        fields = ["group", *DETAIL_FIELDS]
        widgets = DETAIL_WIDGETS

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = project.groups.all()
        self.order_fields(["group", "title", "date", "start_time", "end_time"])
        if self.instance.pk:
            del self.fields["group"]
            start = timezone.localtime(self.instance.starts_at)
            self.initial.update(
                date=start.date(),
                start_time=start.time(),
                end_time=timezone.localtime(self.instance.ends_at).time(),
            )

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and not self.has_changed_time(cleaned):
            # An unchanged time of a meeting that has begun is not an error when editing details.
            start, end = cleaned.get("start_time"), cleaned.get("end_time")
            if start and end and end <= start:
                self.add_error("end_time", _("The meeting must end after it starts."))
            return cleaned
        return self.clean_times(cleaned)

    def has_changed_time(self, cleaned):
        return any(name in self.changed_data for name in ("date", "start_time", "end_time"))

    @property
    def starts_at(self):
        return london(self.cleaned_data["date"], self.cleaned_data["start_time"])

    @property
    def ends_at(self):
        return london(self.cleaned_data["date"], self.cleaned_data["end_time"])

    def details(self):
        return {f: self.cleaned_data[f] for f in DETAIL_FIELDS}


class SeriesForm(TimesMixin, forms.ModelForm):
    PATTERNS = [
        (
            Pattern.MONTHLY,
            _("Monthly, on the same day of the month as the first meeting (for example the second Tuesday)"),
        ),
        (Pattern.WEEKLY, _("Weekly")),
        (Pattern.FORTNIGHTLY, _("Every two weeks")),
        (Pattern.DATES, _("On the dates I list")),
    ]
    pattern = forms.ChoiceField(label=_("How often"), choices=PATTERNS, widget=forms.RadioSelect)
    first_date = forms.DateField(label=_("Date of the first meeting"), widget=DateInput, required=False)
    count = forms.IntegerField(label=_("Number of meetings"), min_value=1, max_value=24, required=False, initial=6)
    dates = forms.CharField(
        label=_("Dates"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only for meetings on dates you list: one date a line, for example 14/01/2027."),
    )
    start_time = forms.TimeField(label=_("Start time"), widget=TimeInput)
    end_time = forms.TimeField(label=_("End time"), widget=TimeInput)

    class Meta:
        model = Meeting
        fields = ["group", *DETAIL_FIELDS]
        widgets = DETAIL_WIDGETS

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = project.groups.all()
        self.fields["title"].help_text = _("Optional: the same title for every meeting in the series.")
        self.order_fields(["group", "pattern", "first_date", "count", "dates", "start_time", "end_time"])

    def clean_dates(self):
        days = []
        for line in self.cleaned_data["dates"].split():
            try:
                days.append(dt.datetime.strptime(line.strip(), "%d/%m/%Y").date())
            except ValueError:
                raise forms.ValidationError(
                    _("Write each date like 14/01/2027. This one is not a date: %(value)s"), params={"value": line}
                ) from None
        return days

    def clean(self):
        cleaned = super().clean()
        pattern = cleaned.get("pattern")
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The meeting must end after it starts."))
        if pattern == Pattern.DATES:
            days = cleaned.get("dates") or []
            if not days and "dates" not in self.errors:
                self.add_error("dates", _("List at least one date."))
        elif pattern:
            if not cleaned.get("first_date"):
                self.add_error("first_date", _("Enter the date of the first meeting."))
            if not cleaned.get("count"):
                self.add_error("count", _("Enter how many meetings to plan."))
            days = [cleaned["first_date"]] if cleaned.get("first_date") else []
        else:
            days = []
        if start and any(london(day, start) < timezone.now() for day in days):
            field = "dates" if pattern == Pattern.DATES else "first_date"
            self.add_error(field, _("Every meeting must be in the future."))
        return cleaned

    def details(self):
        return {f: self.cleaned_data[f] for f in DETAIL_FIELDS}


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "description", "minutes", "lead"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class PaperForm(forms.Form):
    title = forms.CharField(label=_("Title of the paper"), max_length=200)
    file = forms.FileField(
        label=_("File"),
        help_text=_("A PDF, Word or OpenDocument file, or an image. Up to %(mb)s MB.")
        % {"mb": MAX_PAPER_BYTES // (1024 * 1024)},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.content_type = paper_validate(upload)
        return upload


class NotesForm(forms.Form):
    """One notes box per agenda item, labelled with the item's title."""

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for index, item in enumerate(items, start=1):
            self.fields[f"item_{item.pk}"] = forms.CharField(
                label=f"{index}. {item.title}",
                required=False,
                max_length=10000,
                initial=item.notes,
                widget=forms.Textarea(attrs={"rows": 4}),
            )

    def notes(self):
        return [(item, self.cleaned_data[f"item_{item.pk}"]) for item in self.items]


class AttendanceForm(forms.Form):
    def __init__(self, *args, people, records, default_hours, all_present=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = people
        choices = [("", _("Not recorded")), *Attendance.Status.choices]
        unrecorded = Attendance.Status.PRESENT if all_present else ""
        for person in people:
            record = records.get(person.pk)
            self.fields[f"status_{person.pk}"] = forms.ChoiceField(
                label=_("%(name)s: attendance") % {"name": person.name},
                choices=choices,
                required=False,
                initial=record.status if record else unrecorded,
            )
            self.fields[f"way_{person.pk}"] = forms.ChoiceField(
                label=_("%(name)s: how they took part") % {"name": person.name},
                choices=[("", _("Not recorded")), *Attendance.Way.choices],
                required=False,
                initial=record.way if record else "",
            )
            self.fields[f"hours_{person.pk}"] = forms.DecimalField(
                label=_("%(name)s: hours contributed") % {"name": person.name},
                required=False,
                min_value=0,
                max_value=24,
                decimal_places=2,
                initial=record.hours if record else None,
                help_text=_("Leave blank for the length of the meeting (%(hours)s hours) if present.")
                % {"hours": default_hours},
            )
        self.default_hours = default_hours

    def rows(self):
        rows = []
        for person in self.people:
            status = self.cleaned_data[f"status_{person.pk}"]
            hours = self.cleaned_data[f"hours_{person.pk}"]
            way = self.cleaned_data[f"way_{person.pk}"]
            if status == Attendance.Status.PRESENT and hours is None:
                hours = self.default_hours
            if status and status != Attendance.Status.PRESENT:
                hours, way = None, ""
            rows.append((person, status, hours, way))
        return rows


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["description", "owner", "due_date", "status", "item"]
        widgets = {"due_date": DateInput}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = meeting.agenda_items.all()


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["text", "item", "method", "votes_for", "votes_against", "votes_abstaining", "recommendation"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "method": forms.RadioSelect}
        help_texts = {"method": _("The guide asks groups to aim for consensus.")}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = meeting.agenda_items.all()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("method") == Decision.Method.VOTE:
            for field in ("votes_for", "votes_against", "votes_abstaining"):
                if cleaned.get(field) is None:
                    self.add_error(field, _("Enter the number of votes (0 if none)."))
        else:
            for field in ("votes_for", "votes_against", "votes_abstaining"):
                cleaned[field] = None
        return cleaned


class MeetingSettingsForm(forms.ModelForm):
    class Meta:
        model = MeetingSettings
        fields = ["pack_days_before", "reminder_days_before"]
        widgets = {}

    def clean_pack_days_before(self):
        days = self.cleaned_data["pack_days_before"]
        if not 1 <= days <= 28:
            raise forms.ValidationError(_("Choose between 1 and 28 days."))
        return days


class EventForm(forms.ModelForm):
    """An event and, once it has happened, who came."""

    people = PeopleChoiceField(
        label=_("People on the project's records who came"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Group members, past and present, and people who expressed interest in joining."),
    )

    class Meta:
        model = Event
        fields = ["title", "kind", "date", "hours", "place", "description", "people", "other_attendees"]
        widgets = {"date": DateInput, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = Person.objects.of_project(project)
        if self.instance.pk:
            # Someone erased since keeps being counted, but is no longer shown or chosen.
            self.initial["people"] = list(self.instance.people.filter(erased_at__isnull=True))

    def clean(self):
        cleaned = super().clean()
        day = cleaned.get("date")
        if day and day > timezone.localdate() and (cleaned.get("people") or cleaned.get("other_attendees")):
            self.add_error("date", _("You can record who came once the event has taken place."))
        return cleaned
