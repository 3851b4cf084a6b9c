from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting
from outcomes.guide import SCALE

from .guide import OPEN_KEYS, PRINCIPLE_KEYS, PRINCIPLES, QUESTION_LABELS
from .models import ReflectionSetup, WeDid
from .services import first_meeting


class DateInput(forms.DateInput):
    """The browser's date picker needs ISO dates, whatever the locale's display format."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def _meeting_label(meeting):
    when = timezone.localtime(meeting.starts_at)
    return f"{when:%-d %B %Y}" + (f" – {meeting.title}" if meeting.title else "")


class MeetingChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return _meeting_label(obj)


class SetupForm(forms.ModelForm):
    anonymous = forms.TypedChoiceField(
        label=_("How are answers kept?"),
        choices=[
            ("True", _("Anonymous: nobody, not even the chairs, can see who gave an answer")),
            ("False", _("Named: the chairs see who gave each answer")),
        ],
        coerce=lambda value: value == "True",
        widget=forms.RadioSelect,
    )
    chosen_meetings = MeetingChoiceField(
        label=_("Chosen meetings"),
        queryset=Meeting.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    chosen_date_1 = forms.DateField(label=_("Chosen date (optional)"), required=False, widget=DateInput)
    chosen_date_2 = forms.DateField(label=_("Another chosen date (optional)"), required=False, widget=DateInput)
    chosen_date_3 = forms.DateField(label=_("A third chosen date (optional)"), required=False, widget=DateInput)

    class Meta:
        model = ReflectionSetup
        fields = ["frequency", "anonymous", "starts_on", "days_open"]
        widgets = {"frequency": forms.RadioSelect, "starts_on": DateInput}

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        self.first = first_meeting(group)
        later = group.meetings.exclude(status=Meeting.Status.CANCELLED).order_by("starts_at", "pk")
        if self.first:
            later = later.exclude(pk=self.first.pk)
        self.suggested = later.first()
        self.fields["chosen_meetings"].queryset = later
        self.fields["anonymous"].initial = str(self.instance.anonymous) if self.instance.pk else "True"
        self.fields["chosen_meetings"].help_text = self._first_meeting_hint()
        if self.instance.pk:
            points = list(self.instance.points.all())
            self.fields["chosen_meetings"].initial = [p.meeting_id for p in points if p.meeting_id]
            for index, point in enumerate([p for p in points if p.date][:3], start=1):
                self.fields[f"chosen_date_{index}"].initial = point.date
        questions = self.instance.questions if self.instance.pk else None
        for key in PRINCIPLE_KEYS + OPEN_KEYS:
            field = forms.CharField(
                label=QUESTION_LABELS[key], max_length=300, widget=forms.Textarea(attrs={"rows": 2})
            )
            if key in PRINCIPLES:
                name, description = PRINCIPLES[key]
                field.help_text = f"{name}: {description}"
            if questions:
                field.initial = questions.get(key)
            else:
                from .guide import DEFAULT_QUESTIONS

                field.initial = str(DEFAULT_QUESTIONS[key])
            self.fields[f"question_{key}"] = field

    def _first_meeting_hint(self):
        if self.first is None:
            return _("Never the group's first meeting: people may still be finding their feet.")
        first = _meeting_label(self.first)
        if self.suggested:
            return _(
                "Not the first meeting (%(first)s): people may still be finding their feet. "
                "We suggest a later one, such as %(suggested)s."
            ) % {"first": first, "suggested": _meeting_label(self.suggested)}
        return _("Not the first meeting (%(first)s): people may still be finding their feet.") % {"first": first}

    def chosen_dates(self):
        return sorted(
            {self.cleaned_data[f"chosen_date_{i}"] for i in (1, 2, 3) if self.cleaned_data.get(f"chosen_date_{i}")}
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("frequency") == ReflectionSetup.Frequency.CHOSEN:
            dates = self.chosen_dates()
            total = len(cleaned.get("chosen_meetings") or []) + len(dates)
            if not 2 <= total <= 3:
                self.add_error("chosen_meetings", _("Choose two or three points: meetings, dates or both."))
            if self.first:
                first_day = timezone.localdate(self.first.starts_at)
                for i in (1, 2, 3):
                    date = cleaned.get(f"chosen_date_{i}")
                    if date and date <= first_day:
                        self.add_error(f"chosen_date_{i}", self._first_meeting_hint())
        cleaned["questions"] = {key: cleaned.get(f"question_{key}", "") for key in PRINCIPLE_KEYS + OPEN_KEYS}
        return cleaned

    def save(self, commit=False):
        setup = super().save(commit=False)
        setup.group = self.group
        setup.questions = self.cleaned_data["questions"]
        return setup


class AnswerForm(forms.Form):
    """The reflection questions. ``people`` (invitation id, name) adds "Who is answering?"
    for the shared device at the meeting."""

    def __init__(self, *args, questions, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["who"] = forms.TypedChoiceField(
                label=_("Who is answering?"),
                help_text=_("Only people who have not answered yet are listed."),
                choices=[("", _("Choose your name"))] + list(people),
                coerce=int,
            )
        for key in PRINCIPLE_KEYS:
            name, description = PRINCIPLES[key]
            self.fields[key] = forms.TypedChoiceField(
                label=f"{name}: {questions.get(key, '')}",
                help_text=description,
                choices=SCALE,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose how much you agree, from Disagree strongly to Agree strongly.")},
            )
            self.fields[f"{key}_comment"] = forms.CharField(
                label=_("Anything you want to add about %(principle)s? (optional)") % {"principle": name},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        for key in OPEN_KEYS:
            self.fields[key] = forms.CharField(
                label=questions.get(key, ""),
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code shown on the screen"),
        max_length=20,
        help_text=_("Six letters and numbers, for example KM4TQX."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )


class WeDidForm(forms.ModelForm):
    class Meta:
        model = WeDid
        fields = ["you_said", "we_did", "discussed_at"]
        widgets = {"you_said": forms.Textarea(attrs={"rows": 3}), "we_did": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "you_said": _("The suggestion, in the group's words or a short summary."),
            "we_did": _("What was changed in response. Leave blank until something has been done."),
        }

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["discussed_at"]
        field.queryset = group.meetings.exclude(status=Meeting.Status.CANCELLED).order_by("starts_at")
        field.label_from_instance = _meeting_label
        field.empty_label = _("Not discussed at a meeting yet")
