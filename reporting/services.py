"""Writes with side effects: equality-monitoring invitations and answers, PDF exports."""

from django.db import transaction
from django.utils import timezone

from core.anonymity import invitation_find, invitation_redeem, token_new
from groups.models import Membership, Person
from outbox.services import email_queue

from .models import MonitoringInvitation, MonitoringResponse, PopulationShare, ReportExport


def monitoring_invite(*, project):
    """Invite every current member of the project's groups who has an email address and has
    not been asked before. Each invitation's link is minted when the email is rendered.
    Returns how many people were invited."""
    members = Membership.objects.current().filter(group__project=project)
    people = (
        Person.objects.filter(memberships__in=members, erased_at__isnull=True)
        .exclude(email="")
        .exclude(monitoring_invitations__project=project)
        .distinct()
    )
    count = 0
    with transaction.atomic():
        for person in people:
            # The hash stored now belongs to a token nobody ever sees; the email mints a new one.
            invitation = MonitoringInvitation.objects.create(project=project, person=person, token_hash=token_new()[1])
            email_queue(
                kind="reporting.monitoring_invitation",
                key=f"monitoring:{invitation.pk}",
                recipient=person.email,
                params={"invitation": invitation.pk},
                organisation=project.organisation,
                person=person,
                topic=f"project:{project.pk}:monitoring",
            )
            count += 1
    return count


def monitoring_answer(*, token, answers):
    """Store an equality-monitoring answer and use up the link, at most once. The answer
    keeps the project only: nothing about the person, the invitation or the time."""
    invitation = invitation_find(MonitoringInvitation.objects.all(), token)

    def write(invitation):
        MonitoringResponse.objects.create(project_id=invitation.project_id, **answers)
        return invitation.project_id

    return invitation_redeem(MonitoringInvitation.objects.all(), invitation, write, token=token)


def population_save(*, organisation, shares):
    with transaction.atomic():
        for category, option, percent in shares:
            if percent is None:
                PopulationShare.objects.filter(organisation=organisation, category=category, option=option).delete()
            else:
                PopulationShare.objects.update_or_create(
                    organisation=organisation, category=category, option=option, defaults={"percent": percent}
                )


def export_request(*, user, scope, project=None, filters=None):
    """Ask for a PDF report; it is made in the background and the person is emailed."""
    from .tasks import export_render

    with transaction.atomic():
        export = ReportExport.objects.create(
            organisation=user.organisation,
            requested_by=user,
            scope=scope,
            project=project,
            filters=filters or {},
        )
        export_render.enqueue(export.pk)
    return export


def export_finish(*, export, pdf_bytes, data_as_of):
    from django.core.files.base import ContentFile

    with transaction.atomic():
        export.file.save(export.filename, ContentFile(pdf_bytes), save=False)
        export.status = ReportExport.Status.READY
        export.data_as_of = data_as_of
        export.finished_at = timezone.now()
        export.error = ""
        export.save(update_fields=["file", "status", "data_as_of", "finished_at", "error"])
        email_queue(
            kind="reporting.report_ready",
            key=f"report-ready:{export.pk}",
            recipient=export.requested_by.email,
            params={"export": export.pk},
            organisation=export.organisation,
            topic=f"report:{export.pk}",
        )
