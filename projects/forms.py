from django import forms
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext_lazy as _

from organisations.models import User

from .guide import AIM_PLACEHOLDER
from .models import Activity, Measure, Objective, Outcome, Project, ProjectRole, StageRecord


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        # The browser's date picker sends and shows ISO dates whatever the locale.
        super().__init__(attrs, format="%Y-%m-%d")


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = ["title", "service_area", "aim", "start_date", "end_date"]
        widgets = {"start_date": DateInput, "end_date": DateInput, "aim": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "aim": _("Start from the guide's pattern and say what the project will do, in plain English."),
        }

    def clean_aim(self):
        aim = self.cleaned_data["aim"]
        if str(AIM_PLACEHOLDER) in aim:
            raise forms.ValidationError(
                _("Replace %(placeholder)s with what this project will do.") % {"placeholder": AIM_PLACEHOLDER}
            )
        return aim

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date must be on or after the start date."))
        return cleaned


class StageAdvanceForm(forms.Form):
    began_on = forms.DateField(label=_("Date this stage began"), widget=DateInput)
    resident_involvement = forms.CharField(
        label=_("How residents were involved at this stage"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The guide asks you to involve residents at every stage, as early as possible."),
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project

    def clean_began_on(self):
        began_on = self.cleaned_data["began_on"]
        if began_on > timezone.localdate():
            raise forms.ValidationError(
                _("A stage can only be recorded once it has begun: give today or an earlier date.")
            )
        previous = self.project.stage_records.order_by("-began_on").first()
        if previous and began_on < previous.began_on:
            raise forms.ValidationError(
                _("The new stage cannot begin before the current stage began (%(date)s).")
                % {"date": date_format(previous.began_on, "j F Y")}
            )
        return began_on


class OutcomeForm(forms.ModelForm):
    class Meta:
        model = Outcome
        fields = ["title", "kind", "number", "description"]
        widgets = {"title": forms.Textarea(attrs={"rows": 2}), "description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"number": _("The guide numbers the co-production outcomes 1 to 4 and service outcomes 5.")}


class MeasureForm(forms.ModelForm):
    class Meta:
        model = Measure
        fields = ["kind", "description", "how_collected", "when_collected"]


class ObjectiveForm(forms.ModelForm):
    class Meta:
        model = Objective
        fields = ["title", "description", "outcomes"]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "outcomes": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        # Only this project's outcomes: an id from another project is refused, not linked.
        self.fields["outcomes"].queryset = project.outcomes.all()
        self.fields["outcomes"].error_messages["invalid_choice"] = _("Choose only outcomes of this project.")
        self.fields["outcomes"].label_from_instance = lambda outcome: f"{outcome.number}. {outcome.title}"


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["objective", "title", "owner", "due_date", "status"]
        widgets = {"due_date": DateInput}
        help_texts = {"owner": _("Who will do it: a name or a role.")}

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = project.objectives.all()
        self.fields["objective"].error_messages["invalid_choice"] = _("Choose one of this project's objectives.")


class ProjectRoleForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("Member of staff"),
        queryset=User.objects.none(),
        error_messages={"invalid_choice": _("Choose a member of staff of this organisation.")},
    )
    role = forms.ChoiceField(label=_("Role on this project"), choices=ProjectRole.Role.choices)

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(organisation_id=project.organisation_id, is_active=True)
        self.fields["user"].label_from_instance = lambda user: f"{user.name} ({user.email})"


class StageRecordForm(forms.ModelForm):
    """A stage already recorded: when it began, and how residents were involved (for Planning,
    which every project starts in, this is the only way to record it)."""

    class Meta:
        model = StageRecord
        fields = ["began_on", "resident_involvement"]
        widgets = {"began_on": DateInput, "resident_involvement": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "resident_involvement": _("The guide asks you to involve residents at every stage, as early as possible.")
        }

    def clean_began_on(self):
        began_on = self.cleaned_data["began_on"]
        if began_on > timezone.localdate():
            raise forms.ValidationError(
                _("A stage can only be recorded once it has begun: give today or an earlier date.")
            )
        others = self.instance.project.stage_records.exclude(pk=self.instance.pk)
        before = others.filter(began_on__lte=self.instance.began_on).order_by("-began_on", "-pk").first()
        after = others.filter(began_on__gte=self.instance.began_on).order_by("began_on", "pk").first()
        if before and began_on < before.began_on:
            raise forms.ValidationError(
                _("It cannot begin before the stage before it (%(date)s).")
                % {"date": date_format(before.began_on, "j F Y")}
            )
        if after and began_on > after.began_on:
            raise forms.ValidationError(
                _("It cannot begin after the stage that follows it (%(date)s).")
                % {"date": date_format(after.began_on, "j F Y")}
            )
        return began_on
