import uuid

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from core.http import client_ip
from outbox.services import email_queue

# allauth messages whose content is a secret made in the request (a code, or a confirmation
# key stored by allauth): they cannot be rebuilt by the worker, and their flows are switched off.
UNREBUILDABLE = {
    "account/email/login_code",
    "account/email/password_reset_code",
    "account/email/email_confirmation",
    "account/email/email_confirmation_signup",
}
ACCOUNT_EMAIL = "organisations.account_email"


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        # Staff are invited by an organisation admin; there is no open sign-up.
        return False

    def get_client_ip(self, request):
        # Sign-in limits count clients by the same rule as ours (TRUSTED_PROXY_COUNT).
        return client_ip(request) or super().get_client_ip(request)

    def send_notification_mail(self, template_prefix, user, context=None, email=None):
        # allauth leaves the user out of a notice's context; the worker needs it to rebuild it.
        return super().send_notification_mail(template_prefix, user, {**(context or {}), "user": user}, email)

    @transaction.atomic
    def send_mail(self, template_prefix, email, context):
        """Queue allauth's message instead of sending it in the request. Only the template and
        the user's id are stored: organisations.emails.account_email rebuilds the message, and
        makes a fresh password-reset key, when the worker sends it."""
        if template_prefix in UNREBUILDABLE:
            raise ImproperlyConfigured(f"{template_prefix} carries a secret the outbox cannot rebuild.")
        user = context.get("user")
        user_id = user.pk if user is not None else None
        return email_queue(
            kind=ACCOUNT_EMAIL,
            # Each request is its own message: a second reset request sends a second email.
            key=f"account-email:{template_prefix}:u{user_id}:{uuid.uuid4().hex}",
            recipient=email,
            params={"template_prefix": template_prefix, "user_id": user_id},
            organisation=getattr(user, "organisation", None),
            topic=f"user:{user_id}" if user_id else "",
        )
