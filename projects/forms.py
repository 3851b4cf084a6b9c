from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Project


class DateInput(forms.DateInput):
    input_type = "date"


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = ["title", "service_area", "aim", "start_date", "end_date"]
        widgets = {"start_date": DateInput, "end_date": DateInput, "aim": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "aim": _("Start from the guide's pattern and say what the project will do, in plain English."),
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date must be on or after the start date."))
        return cleaned
