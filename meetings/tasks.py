"""Background work for meetings. Task arguments are ids only, never personal data."""

from django.tasks import task

from . import services
from .models import Meeting


@task
def agenda_pack_send(meeting_id, version):
    return services.pack_send(meeting_id=meeting_id, version=version)


@task
def meeting_reminder_send(meeting_id, sequence):
    return services.reminder_send(meeting_id=meeting_id, sequence=sequence)


@task
def papers_update_send(meeting_id):
    return services.papers_update_send(meeting_id=meeting_id)


def meetings_sweep():
    """Re-queue packs that are due but have not gone (a task lost with its worker).
    Queuing twice is harmless: pack_send sends a version once."""
    for meeting_id, version in Meeting.objects.pack_overdue().values_list("pk", "pack_version")[:500]:
        agenda_pack_send.enqueue(meeting_id, version)
    # Likewise "updated papers" whose task was lost: changes still waiting well after they
    # should have gone. papers_update_send sends each change once, however often it runs.
    for meeting_id in Meeting.objects.papers_update_overdue(services.PAPERS_UPDATE_DELAY * 2)[:500]:
        papers_update_send.enqueue(meeting_id)
