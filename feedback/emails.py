from django.urls import reverse
from django.utils import timezone

from outbox.registry import message
from outbox.rendering import absolute_url, email_build

from .models import ReflectionInvitation, ReflectionRound


@message("feedback.round_invitation")
def round_invitation(email):
    """The link to answer a reflection round. The token is minted here, when the email is
    rendered, and never stored in clear; an answered invitation or closed round sends nothing."""
    invitation = (
        ReflectionInvitation.objects.select_related("round__group__project__organisation", "person", "round__meeting")
        .filter(pk=email.params.get("invitation_id"))
        .first()
    )
    if invitation is None or invitation.completed or invitation.round.status != ReflectionRound.Status.OPEN:
        return None
    token = invitation.token_refresh()
    ReflectionInvitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
    round = invitation.round
    organisation = round.group.project.organisation
    return email_build(
        template="feedback/email/round_invitation",
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
