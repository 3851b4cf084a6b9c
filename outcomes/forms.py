import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from . import guide
from .models import Audience, Questionnaire, Statement

MAX_TEXT = 2000


class DateInput(forms.DateInput):
    """A date picker; its value must be ISO (the en-GB default 31/12/2027 leaves it empty)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class QuestionnaireForm(forms.ModelForm):
    class Meta:
        model = Questionnaire
        fields = [
            "title",
            "point",
            "opens_on",
            "closes_on",
            "repeats",
            "allow_prefer_not_to_say",
            "max_reminders",
            "reminder_every_days",
        ]
        widgets = {"opens_on": DateInput, "closes_on": DateInput}
        help_texts = {
            "repeats": _(
                "To compare confidence at the start and the end, choose the earlier questionnaire: "
                "its statements are copied and the results are shown side by side."
            ),
        }

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        others = project.questionnaires.all()
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
            # The statements were copied when it was made; only the comparison can change.
        self.fields["repeats"].queryset = others
        self.fields["repeats"].required = False
        self.fields["repeats"].empty_label = _("No: start from the guide's questionnaire")
        self.fields["max_reminders"].widget.attrs["max"] = 10
        self.fields["max_reminders"].validators.append(lambda v: _limit(v, 10))

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The closing date must be on or after the opening date."))
        # Once closed with answers its results have been shown: reopening it and comparing the
        # results before and after one more answer would show that one person's answers.
        instance = self.instance
        if (
            instance.pk
            and instance.is_closed()
            and closes
            and closes != instance.closes_on
            and not Questionnaire(opens_on=instance.opens_on, closes_on=closes).is_closed()
            and instance.responses.exists()
        ):
            self.add_error(
                "closes_on",
                _(
                    "This questionnaire has closed and its results can be seen, so it cannot be opened "
                    "again: that could show one person's answers. Make a new questionnaire instead."
                ),
            )
        return cleaned

    def save(self, commit=True):
        if self.instance.closed_early_at and "closes_on" in self.changed_data:
            self.instance.closed_early_at = None  # a new closing date (allowed only without answers) reopens it
        return super().save(commit=commit)


def _limit(value, most):
    if value is not None and value > most:
        raise ValidationError(_("Choose %(most)s or fewer.") % {"most": most})


class StatementAddForm(forms.ModelForm):
    class Meta:
        model = Statement
        fields = ["kind", "text", "audience", "outcome", "required"]
        labels = {"text": _("Statement or question")}
        help_texts = {
            "outcome": _("For your service outcome (5), choose it here."),
            "required": _("Free-text questions are always optional."),
        }
        widgets = {"kind": forms.RadioSelect, "audience": forms.RadioSelect}

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].queryset = project.outcomes.all()
        self.fields["outcome"].label = _("Outcome it gives evidence for")
        self.fields["outcome"].empty_label = _("None (free-text question)")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Statement.Kind.LIKERT and not cleaned.get("outcome"):
            self.add_error("outcome", _("Choose the outcome this statement gives evidence for."))
        return cleaned


class StatementRewordForm(forms.ModelForm):
    class Meta:
        model = Statement
        fields = ["text", "required"]
        labels = {"text": _("Words for this project")}


class InviteForm(forms.Form):
    group = forms.ModelChoiceField(
        label=_("Invite a group's current members"),
        queryset=None,
        required=False,
        empty_label=_("No group"),
        help_text=_(
            "Residents, carers and community members get the residents' version; council staff and "
            "councillors get theirs. Anyone already invited is not invited again."
        ),
    )
    experts_as = forms.ChoiceField(
        label=_("Subject experts in the group"),
        choices=[("", _("Do not invite them")), *Audience.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    people = forms.CharField(
        label=_("Add people by email"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_('One a line: an email address, or a name and an address, e.g. "Sam Jones, sam@example.org".'),
    )
    audience = forms.ChoiceField(
        label=_("People added by email answer the version for"),
        choices=Audience.choices,
        initial=Audience.RESIDENTS,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = project.groups.all()

    def clean_people(self):
        people = []
        for line in self.cleaned_data["people"].splitlines():
            line = line.strip()
            if not line:
                continue
            name, _sep, email = line.rpartition(",") if "," in line else ("", "", line)
            email = email.strip().strip("<>").lower()
            try:
                validate_email(email)
            except ValidationError:
                raise ValidationError(_("“%(line)s” is not an email address.") % {"line": line[:100]}) from None
            people.append((name.strip()[:150], email))
        if len(people) > 500:
            raise ValidationError(_("Add at most 500 people at a time."))
        return people

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("group") and not cleaned.get("people"):
            raise ValidationError(_("Choose a group or add people by email."))
        return cleaned


FIELD = re.compile(r"^s(\d+)$")


class AnswerForm(forms.Form):
    """The questionnaire itself: one radio group per statement, one text box per question.

    Fields are named ``s<statement id>``. A posted name of that shape that is not one of
    this questionnaire's statements is refused as a whole (nothing is stored)."""

    def __init__(self, data=None, *, statements, allow_prefer_not_to_say=True, paper=False):
        super().__init__(data)
        self.paper = paper
        self.statements = list(statements)
        scale = [(str(value), label) for value, label in guide.SCALE]
        if allow_prefer_not_to_say:
            scale.append((str(guide.PREFER_NOT_TO_SAY[0]), guide.PREFER_NOT_TO_SAY[1]))
        for statement in self.statements:
            name = f"s{statement.pk}"
            if statement.is_likert:
                self.fields[name] = forms.ChoiceField(
                    label=statement.text,
                    choices=scale,
                    widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                    required=statement.required and not paper,
                    error_messages={
                        "required": _("Choose how much you agree or disagree."),
                        "invalid_choice": _("Choose one of the answers on the scale."),
                    },
                )
            else:
                self.fields[name] = forms.CharField(
                    label=statement.text,
                    required=False,
                    max_length=MAX_TEXT,
                    widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
                    error_messages={"max_length": _("Please keep your answer to %(limit_value)d characters or fewer.")},
                )
            self.fields[name].statement = statement

    def clean(self):
        cleaned = super().clean()
        if self.data:
            unknown = [key for key in self.data if FIELD.match(key) and key not in self.fields]
            if unknown:
                raise ValidationError(
                    _("The form sent an answer to a question that is not in this questionnaire. Please start again.")
                )
            # On paper every answer is optional, but a blank sheet is not a response: stored,
            # it would count towards the minimum number of answers without adding any.
            if self.paper and not self.errors and not self.answers():
                raise ValidationError(_("Enter at least one answer from the paper questionnaire."))
        return cleaned

    def answers(self):
        """[(statement id, value, text)] for the answers given; blanks are not stored."""
        result = []
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if value in (None, ""):
                continue
            if field.statement.is_likert:
                result.append((field.statement.pk, int(value), ""))
            else:
                result.append((field.statement.pk, None, value.strip()))
        return result


class PaperAudienceForm(forms.Form):
    audience = forms.ChoiceField(label=_("Which version was answered?"), choices=Audience.choices)
