from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from outbox.models import OutgoingEmail
from outbox.services import email_queue

from .models import User

INVITATION = "organisations.staff_invitation"


@transaction.atomic
def staff_invite(*, organisation, invited_by, email, name, role):
    """Create a staff account with no usable password and queue the invitation, whose link
    lets them choose a password (allauth's password-reset-from-key page)."""
    email = User.objects.normalize_email(email).lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(_("Someone with this email address already has an account."))
    user = User(email=email, name=name, role=role, organisation=organisation)
    user.set_unusable_password()
    user.save()
    staff_invitation_send(user=user, invited_by=invited_by)
    return user


@transaction.atomic
def staff_invitation_send(*, user, invited_by):
    """Queue an invitation. Each invitation is a new message version, so it is sent once."""
    topic = f"user:{user.pk}"
    version = OutgoingEmail.objects.filter(kind=INVITATION, topic=topic).count() + 1
    return email_queue(
        kind=INVITATION,
        key=f"staff-invitation:u{user.pk}:v{version}",
        recipient=user.email,
        params={"user_id": user.pk, "invited_by_id": invited_by.pk},
        organisation=user.organisation,
        topic=topic,
    )


@transaction.atomic
def staff_role_change(*, user, role, changed_by):
    if user.pk == changed_by.pk:
        raise ValidationError(_("You cannot change your own role. Ask another organisation admin."))
    if role not in User.Role.values:
        raise ValidationError(_("Choose a role from the list."))
    user.role = role
    user.save(update_fields=["role"])
    return user


@transaction.atomic
def organisation_settings_save(*, form):
    """Save an admin's changes to their organisation. A replaced or cleared logo's file is
    deleted once the change has committed."""
    old_logo = form.initial.get("logo")
    organisation = form.save()
    if old_logo and old_logo.name != organisation.logo.name:
        storage, name = old_logo.storage, old_logo.name
        transaction.on_commit(lambda: storage.delete(name))
    return organisation
