from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.urls import reverse

from outbox.registry import message
from outbox.rendering import absolute_url, email_build

from .models import User
from .services import INVITATION


@message(INVITATION)
def staff_invitation(email):
    """The link is allauth's password-reset-from-key link, made when the message is sent
    (the token is never stored). Someone who has already set a password needs no invitation."""
    user = User.objects.select_related("organisation").filter(pk=email.params["user_id"], is_active=True).first()
    if user is None or user.has_usable_password():
        return None
    invited_by = User.objects.filter(pk=email.params.get("invited_by_id")).first()
    key = f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"
    path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"}).replace("UID-KEY", key)
    return email_build(
        template="organisations/email/staff_invitation",
        context={
            "user": user,
            "organisation": user.organisation,
            "invited_by": invited_by,
            "link": absolute_url(path),
            "login_url": absolute_url(reverse("account_login")),
        },
        to=user.email,
        from_email=user.organisation.from_email if user.organisation else None,
    )
