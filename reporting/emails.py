from django.urls import reverse
from django.utils import timezone

from outbox.rendering import absolute_url, email_build

from .models import MonitoringInvitation, ReportExport


def monitoring_invitation(email):
    invitation = (
        MonitoringInvitation.objects.select_related("person", "project__organisation")
        .filter(pk=email.params["invitation"])
        .first()
    )
    if invitation is None or invitation.completed or invitation.person.erased_at:
        return None
    # A fresh token each time the link is emailed: only its hash is kept.
    token = invitation.token_refresh()
    MonitoringInvitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
    organisation = invitation.project.organisation
    return email_build(
        template="reporting/email/monitoring_invitation",
        context={
            "person": invitation.person,
            "project": invitation.project,
            "organisation": organisation,
            "link": absolute_url(reverse("reporting_public:monitoring_answer", args=[token])),
        },
        to=email.recipient,
        from_email=organisation.from_email,
    )


def report_ready(email):
    export = (
        ReportExport.objects.select_related("requested_by", "project", "organisation")
        .filter(pk=email.params["export"])
        .first()
    )
    if export is None or export.status != ReportExport.Status.READY:
        return None
    return email_build(
        template="reporting/email/report_ready",
        context={"export": export, "link": absolute_url(export.get_absolute_url())},
        to=email.recipient,
        from_email=export.organisation.from_email,
    )
