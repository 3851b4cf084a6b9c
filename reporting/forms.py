import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.models import Outcome, Stage

from .categories import CATEGORIES, CATEGORY_LABELS, PREFER_NOT_CHOICE, options_for
from .models import Indicator, IndicatorReading, MonitoringArea, PopulationShare


class DateInput(forms.DateInput):
    input_type = "date"


class DashboardFilterForm(forms.Form):
    """The dashboard's filters: a GET form, so a filtered view is a link anyone can share."""

    service_area = forms.ChoiceField(label=_("Service area"), required=False)
    stage = forms.ChoiceField(label=_("Stage"), required=False, choices=[("", _("All stages")), *Stage.choices])
    year = forms.TypedChoiceField(label=_("Running in year"), required=False, coerce=int, empty_value=None)

    def __init__(self, data=None, *, projects):
        super().__init__(data)
        areas = projects.order_by("service_area").values_list("service_area", flat=True).distinct()
        self.fields["service_area"].choices = [("", _("All service areas"))] + [(a, a) for a in areas]
        this_year = timezone.localdate().year
        self.fields["year"].choices = [("", _("Any year"))] + [(y, y) for y in range(this_year + 1, this_year - 8, -1)]

    def filters(self):
        """Valid filters as a dict (invalid ones are ignored, so a stale link still works)."""
        if not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value not in ("", None)}


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["name", "unit", "direction", "baseline", "target", "outcome", "how_measured"]
        help_texts = {
            "name": _("For example: Community groups generating their own renewable energy."),
            "baseline": _("The value before the co-produced service started, if known."),
            "outcome": _("The project's service outcome this indicator gives evidence for."),
        }

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].queryset = project.outcomes.filter(kind=Outcome.Kind.SERVICE)
        self.fields["outcome"].empty_label = _("Not linked to an outcome")
        self.fields["direction"].widget = forms.RadioSelect(choices=Indicator.Direction.choices)


class ReadingForm(forms.ModelForm):
    class Meta:
        model = IndicatorReading
        fields = ["recorded_on", "value", "note"]
        widgets = {"recorded_on": DateInput(format="%Y-%m-%d")}

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        if not self.instance.pk:
            self.initial.setdefault("recorded_on", timezone.localdate())

    def clean_recorded_on(self):
        recorded_on = self.cleaned_data["recorded_on"]
        clash = self.indicator.readings.filter(recorded_on=recorded_on).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("There is already a reading on this date. Change that one instead."))
        if recorded_on > timezone.localdate() + dt.timedelta(days=1):
            raise forms.ValidationError(_("The date cannot be in the future."))
        return recorded_on


class MonitoringForm(forms.Form):
    """The equality-monitoring questions. Every one is optional and has "Prefer not to say"."""

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        areas = [
            (name, name)
            for name in MonitoringArea.objects.filter(organisation=organisation).values_list("name", flat=True)
        ]
        for field, question, _options in CATEGORIES:
            self.fields[field] = forms.ChoiceField(
                label=question,
                required=False,
                choices=[*options_for(field, areas), PREFER_NOT_CHOICE],
                widget=forms.RadioSelect,
            )


class PopulationForm(forms.Form):
    """The organisation's population profile: a percentage for each option of each category."""

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        areas = [
            (name, name)
            for name in MonitoringArea.objects.filter(organisation=organisation).values_list("name", flat=True)
        ]
        current = {(s.category, s.option): s.percent for s in PopulationShare.objects.filter(organisation=organisation)}
        self.groups = []
        for field, _question, _options in CATEGORIES:
            names = []
            for key, label in options_for(field, areas):
                name = f"{field}__{key}"
                self.fields[name] = forms.DecimalField(
                    label=label,
                    required=False,
                    min_value=0,
                    max_value=100,
                    decimal_places=1,
                    initial=current.get((field, key)),
                    help_text=None,
                )
                names.append(name)
            self.groups.append((CATEGORY_LABELS[field], names))

    def clean(self):
        cleaned = super().clean()
        for label, names in self.groups:
            total = sum(cleaned.get(name) or 0 for name in names)
            if total > 100:
                self.add_error(
                    names[0], _("The shares for %(category)s add up to more than 100%%.") % {"category": label}
                )
        return cleaned

    def shares(self):
        for name, value in self.cleaned_data.items():
            category, option = name.split("__", 1)
            yield category, option, value
