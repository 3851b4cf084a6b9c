from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.forms import DateInput

from .guide import SUGGESTED_MEETING
from .models import (
    ACCESS_NEEDS,
    SUPPORT_NEEDS,
    AccessRecord,
    Applicant,
    ExpenseClaim,
    Group,
    Membership,
    Person,
    RecruitmentRound,
    TermsVersion,
    TrainingRecord,
)

PERSON_FIELDS = ["name", "email", "phone", "postal_address", "preferred_contact", "preferred_format"]


class GroupForm(forms.ModelForm):
    class Meta:
        model = Group
        fields = ["name", "kind", "reply_to"]


class ExpensesPolicyForm(forms.ModelForm):
    class Meta:
        model = Group
        fields = ["expenses_policy", "expenses_policy_agreed_on"]
        widgets = {"expenses_policy_agreed_on": DateInput, "expenses_policy": forms.Textarea(attrs={"rows": 6})}


def _held(meeting):
    """Whether the meeting has taken place (started, and not cancelled)."""
    return not meeting.is_cancelled and meeting.starts_at <= timezone.now()


def _meeting_field(group, label):
    # Through the reverse relation: meetings build on groups, so groups never imports meetings.
    return forms.ModelChoiceField(
        queryset=group.meetings.order_by("starts_at"),
        required=False,
        label=label,
        empty_label=_("Not tied to a meeting"),
    )


class PersonFieldsMixin:
    """Person's details as plain fields beside a membership form; people are matched by email."""

    def add_person_fields(self, required_name=True):
        for name in PERSON_FIELDS:
            self.fields[name] = Person._meta.get_field(name).formfield()
        self.fields["name"].required = required_name
        self.fields["email"].required = False
        self.fields["postal_address"].widget = forms.Textarea(attrs={"rows": 3})

    def clean_email(self):
        return (self.cleaned_data.get("email") or "").strip().lower()


class PickerLabelMixin:
    """People listed with their email (or phone, or the last line of their address), so that
    two people of the same name can be told apart."""

    def label_from_instance(self, obj):
        return obj.picker_label


class PersonChoiceField(PickerLabelMixin, forms.ModelChoiceField):
    pass


class PeopleChoiceField(PickerLabelMixin, forms.ModelMultipleChoiceField):
    pass


class MemberAddForm(PersonFieldsMixin, forms.ModelForm):
    existing_person = PersonChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label=_("Someone already known to us"),
        help_text=_("Choose a person, or leave this empty and fill in a new person's details below."),
        empty_label=_("A new person"),
    )

    class Meta:
        model = Membership
        fields = ["member_type", "position", "joined_on"]
        widgets = {"joined_on": DateInput}

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        self.fields["existing_person"].queryset = (
            Person.objects.filter(organisation=group.project.organisation, erased_at__isnull=True)
            .exclude(memberships__group=group)
            .order_by("name")
        )
        self.add_person_fields(required_name=False)
        self.order_fields(["existing_person", *PERSON_FIELDS, "member_type", "position", "joined_on"])

    def clean(self):
        cleaned = super().clean()
        person = cleaned.get("existing_person")
        email = cleaned.get("email")
        if person is None and email:
            person = Person.objects.filter(
                organisation=self.group.project.organisation, email__iexact=email, erased_at__isnull=True
            ).first()
        if person is None and not cleaned.get("name"):
            self.add_error("name", _("Enter the new person's name, or choose someone already known to us."))
        if person is not None and Membership.objects.filter(group=self.group, person=person).exists():
            raise ValidationError(_("%(name)s is already a member of this group.") % {"name": person.name})
        cleaned["matched_person"] = person
        return cleaned


class MemberEditForm(PersonFieldsMixin, forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["member_type", "position", "joined_on", "left_on", "first_call_done", "first_call_note"]
        widgets = {
            "joined_on": DateInput,
            "left_on": DateInput,
            "first_call_note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_person_fields()
        for name in PERSON_FIELDS:
            self.initial.setdefault(name, getattr(self.instance.person, name))
        self.order_fields([*PERSON_FIELDS, *self.Meta.fields])

    def clean(self):
        cleaned = super().clean()
        joined, left = cleaned.get("joined_on"), cleaned.get("left_on")
        if joined and left and left < joined:
            self.add_error("left_on", _("The date they left must be on or after the date they joined."))
        email = cleaned.get("email")
        person = self.instance.person
        if (
            email
            and Person.objects.filter(organisation_id=person.organisation_id, email__iexact=email)
            .exclude(pk=person.pk)
            .exists()
        ):
            self.add_error("email", _("Another person already has this email address."))
        return cleaned

    def save(self, commit=True):
        membership = super().save(commit=False)
        person = membership.person
        for name in PERSON_FIELDS:
            setattr(person, name, self.cleaned_data[name])
        if commit:
            person.save()
            membership.save()
        return membership


class AccessRecordForm(forms.ModelForm):
    class Meta:
        model = AccessRecord
        fields = [
            "consent_given",
            "consent_on",
            *[name for name, _label in ACCESS_NEEDS],
            "interpreter_language",
            *[name for name, _label in SUPPORT_NEEDS],
            "details",
        ]
        widgets = {"consent_on": DateInput, "details": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        anything = cleaned.get("details") or any(cleaned.get(name) for name, _label in ACCESS_NEEDS + SUPPORT_NEEDS)
        if anything and not cleaned.get("consent_given"):
            self.add_error(
                "consent_given", _("Record access requirements and support only when the member has agreed.")
            )
        if cleaned.get("consent_given") and not cleaned.get("consent_on"):
            self.add_error("consent_on", _("Enter the date the member agreed."))
        return cleaned


class TrainingForm(forms.ModelForm):
    class Meta:
        model = TrainingRecord
        fields = ["kind", "trained_on", "description"]
        widgets = {"trained_on": DateInput}


class ExpenseClaimForm(forms.ModelForm):
    class Meta:
        model = ExpenseClaim
        fields = ["membership", "claimed_on", "kind", "amount", "note"]
        widgets = {"claimed_on": DateInput}
        labels = {"membership": _("Member")}

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = group.memberships.select_related("person")
        self.fields["membership"].label_from_instance = lambda m: m.person.name
        self.fields["amount"].min_value = 0.01


class ClaimStatusForm(forms.ModelForm):
    class Meta:
        model = ExpenseClaim
        fields = ["status"]


class RoundForm(forms.ModelForm):
    class Meta:
        model = RecruitmentRound
        fields = ["title", "slug", "flyer_text", "selection_criteria", "closes_on", "is_open"]
        widgets = {"closes_on": DateInput}


class InterestForm(forms.Form):
    """The short public expression of interest. ``website`` is a honeypot: people never see it."""

    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(
        label=_("Your email address"), max_length=254, help_text=_("We will email you a link to apply.")
    )
    phone = forms.CharField(label=_("Phone number (optional)"), max_length=40, required=False)
    member_type = forms.ChoiceField(
        label=_("Which describes you best?"), choices=Applicant.TYPE_CHOICES, widget=forms.RadioSelect
    )
    interest = forms.CharField(
        label=_("Why are you interested? (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A sentence or two is plenty. Up to 1,000 characters."),
    )
    consent = forms.BooleanField(
        label=_("I agree that you keep these details to contact me about this group."),
        error_messages={"required": _("Tick the box to agree, so that we can contact you.")},
    )
    website = forms.CharField(label=_("Leave this empty"), required=False)

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = Applicant
        fields = ["experience", "contribution", "availability", "support_needed"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}
        labels = {
            "experience": _("Tell us about your experience of the service or topic"),
            "contribution": _("What would you bring to the group?"),
            "availability": _("When can you take part? (days, times)"),
            "support_needed": _("What support or access would help you take part? (optional)"),
        }
        help_texts = {
            "support_needed": _("For example large print, transport, a call before meetings, an interpreter.")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ["experience", "contribution", "availability"]:
            self.fields[name].required = True


class DecisionForm(forms.Form):
    DECISIONS = [
        ("shortlist", _("Shortlist")),
        ("select", _("Select: they become a member of the group")),
        ("not_taking_part", _("Not taking part")),
    ]
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    reason = forms.ChoiceField(
        label=_("Reason for not taking part"),
        choices=[("", _("Choose a reason")), *Applicant.Reason.choices],
        required=False,
    )
    note = forms.CharField(
        label=_("Reasons for the decision"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded so the selection is open and transparent."),
    )
    joined_on = forms.DateField(label=_("Joins the group on (if selected)"), required=False, widget=DateInput)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "not_taking_part" and not cleaned.get("reason"):
            self.add_error("reason", _("Choose why they are not taking part."))
        return cleaned


class TermsVersionForm(forms.Form):
    status = forms.ChoiceField(label=_("Status of this version"), choices=TermsVersion.Status.choices)
    note = forms.CharField(label=_("What changed"), max_length=500, required=False)

    def __init__(self, *args, group, clauses, **kwargs):
        super().__init__(*args, **kwargs)
        self.clause_headings = [(key, heading) for key, heading, _text in clauses]
        self.fields["meeting"] = _meeting_field(group, _("Meeting where this happened"))
        self.fields["meeting"].help_text = _(
            "The guide suggests: discuss at meeting 1, present a draft at meeting 2, agree at meeting 3."
        )
        for key, heading, text in clauses:
            self.fields[f"clause_{key}"] = forms.CharField(
                label=heading, initial=text, max_length=8000, required=False, widget=forms.Textarea(attrs={"rows": 4})
            )
        self.order_fields(["status", "meeting", "note"])

    def clean(self):
        cleaned = super().clean()
        meeting = cleaned.get("meeting")
        if cleaned.get("status") == TermsVersion.Status.AGREED and meeting and not _held(meeting):
            self.add_error(
                "meeting",
                _(
                    "Terms can only be agreed at a meeting that has taken place. Choose a meeting that "
                    "has been held, or save this version as a draft."
                ),
            )
        return cleaned

    def clauses(self):
        return [(key, heading, self.cleaned_data[f"clause_{key}"].strip()) for key, heading in self.clause_headings]

    @staticmethod
    def suggested_meeting(group, status):
        meetings = list(group.meetings.order_by("starts_at")[:3])
        index = SUGGESTED_MEETING[status] - 1
        return meetings[index] if index < len(meetings) else None


class TermsDiffForm(forms.Form):
    old = forms.TypedChoiceField(label=_("Compare version"), coerce=int)
    new = forms.TypedChoiceField(label=_("with version"), coerce=int)

    def __init__(self, *args, numbers, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(n, str(n)) for n in numbers]
        self.fields["old"].choices = choices
        self.fields["new"].choices = choices


MAX_GROUND_RULES = 15


class GroundRulesForm(forms.Form):
    rules = forms.CharField(
        label=_("Ground rules, one on each line"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=MAX_GROUND_RULES * 300,
        help_text=_("Keep the list short. Agree it at the beginning of the first meeting."),
    )
    agreed_on = forms.DateField(label=_("Date agreed"), required=False, widget=DateInput)

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"] = _meeting_field(group, _("Meeting where they were agreed"))

    def clean_rules(self):
        rules = [line.strip() for line in self.cleaned_data["rules"].splitlines() if line.strip()]
        if len(rules) > MAX_GROUND_RULES:
            raise ValidationError(_("Keep the list to %(n)s rules or fewer.") % {"n": MAX_GROUND_RULES})
        if any(len(rule) > 300 for rule in rules):
            raise ValidationError(_("Each rule must be 300 characters or fewer."))
        return rules
