from django.urls import reverse
from django.utils import timezone

from outbox.rendering import absolute_url, email_build

from .models import ReflectionInvitation, ReflectionRound


def round_invitation(email):
    """The link to answer a reflection round. The token is minted here, when the email is
    rendered, and never stored in clear; an answered invitation or closed round sends nothing."""
    return _invitation_email(email, template="feedback/email/round_invitation", first=True)


def round_reminder(email):
    """The one reminder before a round closes: a fresh link (the earlier one stops working)."""
    return _invitation_email(email, template="feedback/email/round_reminder", first=False)


def _invitation_email(email, *, template, first):
    invitation = (
        ReflectionInvitation.objects.select_related("round__group__project__organisation", "person", "round__meeting")
        .filter(pk=email.params.get("invitation_id"))
        .first()
    )
    if invitation is None or invitation.completed or invitation.round.status != ReflectionRound.Status.OPEN:
        return None
    token = invitation.token_refresh()
    if first:  # a reminder is due only to people whose first link went before its time
        ReflectionInvitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
    round = invitation.round
    organisation = round.group.project.organisation
    return email_build(
        template=template,
        context={
            "person": invitation.person,
            "round": round,
            "group": round.group,
            "organisation": organisation,
            "link": absolute_url(reverse("feedback_public:answer", args=[token])),
        },
        to=email.recipient,
        from_email=organisation.from_email,
    )
