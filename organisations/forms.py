import uuid
from email.utils import parseaddr

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from .models import Organisation, User

MAX_LOGO_BYTES = 1024 * 1024
MAX_LOGO_PIXELS = 4000
# Pillow's name for the format -> the file extension we store it under.
LOGO_FORMATS = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "WEBP": "webp"}


class StaffInviteForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("Email address"), max_length=254)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=User.Role.choices,
        initial=User.Role.OFFICER,
        help_text=_(
            "Officers see the projects they lead or support; managers see every project's reports; "
            "organisation admins also invite staff and set roles."
        ),
    )

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Someone with this email address already has an account."))
        return email


class StaffRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=User.Role.choices)


class OrganisationSettingsForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "logo", "email_sender", "retention_months", "min_responses", "require_mfa"]
        help_texts = {
            "logo": _(
                "A PNG, JPEG, GIF or WebP image, smaller than 1 MB. It shows beside your name at the top of every page."
            ),
            "require_mfa": _(
                "Staff without two-factor authentication are asked to set up an authenticator app "
                "as soon as they sign in, before anything else (you too, if you have not)."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["retention_months"].min_value = 1
        self.fields["retention_months"].widget.attrs["min"] = 1
        self.fields["min_responses"].widget.attrs["min"] = 3

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if not logo or logo == self.initial.get("logo"):
            return logo  # unchanged, or cleared
        if logo.size > MAX_LOGO_BYTES:
            raise forms.ValidationError(_("The logo must be smaller than 1 MB."))
        # forms.ImageField has opened the file with Pillow: this is what it really is, whatever its name.
        image = getattr(logo, "image", None)
        if image is None or image.format not in LOGO_FORMATS:
            raise forms.ValidationError(_("The logo must be a PNG, JPEG, GIF or WebP image."))
        if max(image.size) > MAX_LOGO_PIXELS:
            raise forms.ValidationError(
                _("The logo must be at most %(pixels)s pixels wide and high."), params={"pixels": MAX_LOGO_PIXELS}
            )
        logo.name = f"{uuid.uuid4().hex}.{LOGO_FORMATS[image.format]}"
        return logo

    def clean_email_sender(self):
        sender = self.cleaned_data["email_sender"].strip()
        if not sender:
            return sender
        _name, address = parseaddr(sender)
        if "\n" in sender or "\r" in sender or not address:
            raise forms.ValidationError(
                _('Enter a name and address, like "West Berkshire Council <coproduction@westberks.gov.uk>".')
            )
        try:
            validate_email(address)
        except forms.ValidationError:
            raise forms.ValidationError(
                _('Enter a name and address, like "West Berkshire Council <coproduction@westberks.gov.uk>".')
            ) from None
        return sender

    def clean_min_responses(self):
        value = self.cleaned_data["min_responses"]
        if value is not None and value < 3:
            raise forms.ValidationError(
                _("The minimum cannot be below 3: with fewer answers, people could be recognised from their results.")
            )
        return value
