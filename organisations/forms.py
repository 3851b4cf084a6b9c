from django import forms
from django.utils.translation import gettext_lazy as _

from .models import User


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
