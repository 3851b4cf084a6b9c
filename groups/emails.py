from django.urls import reverse

from outbox import registry
from outbox.rendering import absolute_url, email_build

from . import services
from .models import Applicant


@registry.message("groups-application-link")
def application_link(email):
    """The fuller application form, by a single-use link minted when the message is sent."""
    applicant = (
        Applicant.objects.select_related("round__group__project__organisation", "person")
        .filter(pk=email.params.get("applicant"))
        .first()
    )
    if applicant is None or applicant.status != Applicant.Status.INTERESTED or applicant.person.erased_at:
        return None
    token = services.application_link_mint(applicant=applicant)
    organisation = applicant.round.group.project.organisation
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
    )
