"""Questionnaire emails. Each link carries a token minted when the message is rendered:
only its hash is stored, so no token is ever written down, not even in the outbox."""

from django.urls import reverse

from outbox.rendering import absolute_url, email_build

from .models import Invitation


def _build(email, template):
    invitation = (
        Invitation.objects.select_related("questionnaire__project__organisation", "person")
        .filter(pk=email.params.get("invitation"))
        .first()
    )
    if invitation is None or invitation.completed or invitation.questionnaire.is_closed():
        return None
    questionnaire = invitation.questionnaire
    organisation = questionnaire.project.organisation
    token = invitation.token_refresh()
    return email_build(
        template=template,
        context={
            "person": invitation.person,
            "questionnaire": questionnaire,
            "project": questionnaire.project,
            "organisation": organisation,
            "audience": invitation.get_audience_display(),
            "link": absolute_url(reverse("outcomes_public:questionnaire", args=[token])),
        },
        to=email.recipient,
        from_email=organisation.from_email,
    )


def questionnaire_invitation(email):
    return _build(email, "outcomes/email/questionnaire_invitation")


def questionnaire_reminder(email):
    return _build(email, "outcomes/email/questionnaire_reminder")
