from django.urls import reverse

from outbox.rendering import absolute_url, email_build

from . import services
from .models import Applicant


def _applicant(email, statuses):
    """The applicant the message is about, while still in one of ``statuses`` and not erased."""
    return (
        Applicant.objects.select_related("round__group__project__organisation", "person")
        .filter(pk=email.params.get("applicant"), status__in=statuses, person__erased_at__isnull=True)
        .first()
    )


def application_link(email):
    """The fuller application form, by a single-use link minted when the message is sent."""
    applicant = _applicant(email, [Applicant.Status.INTERESTED])
    if applicant is None:
        return None
    token = services.application_link_mint(applicant=applicant)
    group = applicant.round.group
    organisation = group.project.organisation
    return email_build(
        template="groups/email/application_link",
        context={
            "applicant": applicant,
            "round": applicant.round,
            "organisation": organisation,
            "link": absolute_url(reverse("groups_public:apply", args=[token])),
        },
        to=email.recipient,
        from_email=organisation.from_email,
        # The message offers help by reply: it goes to the group's secretariat.
        reply_to=group.reply_to_address,
    )


def application_outcome(email):
    """Selected, or not this time: the outcome the public page told applicants they would hear."""
    applicant = _applicant(email, [Applicant.Status.SELECTED, Applicant.Status.NOT_TAKING_PART])
    if applicant is None:
        return None
    group = applicant.round.group
    organisation = group.project.organisation
    return email_build(
        template="groups/email/application_outcome",
        context={
            "applicant": applicant,
            "round": applicant.round,
            "group": group,
            "organisation": organisation,
            "selected": applicant.status == Applicant.Status.SELECTED,
        },
        to=email.recipient,
        from_email=organisation.from_email,
        reply_to=group.reply_to_address,
    )
