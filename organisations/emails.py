from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import get_adapter
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from outbox.rendering import absolute_url, email_build

from .models import User


def _reset_link(user):
    """allauth's password-reset-from-key link, with a key made now (it is never stored)."""
    key = f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"
    path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"}).replace("UID-KEY", key)
    return absolute_url(path)


def staff_invitation(email):
    """The link is allauth's password-reset-from-key link, made when the message is sent
    (the token is never stored). Someone who has already set a password needs no invitation."""
    user = User.objects.select_related("organisation").filter(pk=email.params["user_id"], is_active=True).first()
    if user is None or user.has_usable_password():
        return None
    invited_by = User.objects.filter(pk=email.params.get("invited_by_id")).first()
    return email_build(
        template="organisations/email/staff_invitation",
        context={
            "user": user,
            "organisation": user.organisation,
            "invited_by": invited_by,
            "link": _reset_link(user),
            "login_url": absolute_url(reverse("account_login")),
        },
        to=user.email,
        from_email=user.organisation.from_email if user.organisation else None,
    )


def account_email(email):
    """One of allauth's own messages (password reset, unknown account, account notices), queued
    by organisations.adapters.AccountAdapter.send_mail and rebuilt here from allauth's templates.
    The request's IP address and browser are not kept, so notices leave them out."""
    prefix = email.params["template_prefix"]
    user = None
    if email.params.get("user_id") is not None:
        user = User.objects.select_related("organisation").filter(pk=email.params["user_id"], is_active=True).first()
        if user is None:
            return None
    organisation = user.organisation if user else None
    context = {
        "email": email.recipient,
        "user": user,
        "current_site": SimpleNamespace(
            name=organisation.name if organisation else _("Co-production"), domain=urlsplit(settings.SITE_URL).netloc
        ),
        "timestamp": email.created_at,
        "login_url": absolute_url(reverse("account_login")),
        "password_reset_url": absolute_url(reverse("account_reset_password")),
    }
    if prefix == "account/email/password_reset_key":
        if user is None:
            return None
        context["password_reset_url"] = _reset_link(user)
    message = get_adapter().render_mail(prefix, email.recipient, context)
    message.from_email = organisation.from_email if organisation else settings.DEFAULT_FROM_EMAIL
    return message
