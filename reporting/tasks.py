import logging
from datetime import timedelta

from django.conf import settings
from django.tasks import task
from django.utils import timezone, translation

from core import anonymity

from .models import MonitoringInvitation, ReportExport

logger = logging.getLogger(__name__)

# An export left "being made" this long belongs to a worker that died; the sweep retries it.
STALE_RENDERING = timedelta(minutes=15)
# PDFs hold figures as they were; after this they are deleted (ask again for a fresh one).
KEEP_EXPORTS = timedelta(days=30)


@task
def export_render(export_id):
    from . import report, services

    # Claim it: only one run moves an export from queued to rendering.
    now = timezone.now()
    claimed = ReportExport.objects.filter(pk=export_id, status=ReportExport.Status.QUEUED).update(
        status=ReportExport.Status.RENDERING, started_at=now
    )
    if not claimed:
        return "already handled"
    export = ReportExport.objects.select_related("requested_by", "project", "organisation").get(pk=export_id)
    try:
        pdf_bytes = report.export_pdf(export, as_of=now)
        services.export_finish(export=export, pdf_bytes=pdf_bytes, data_as_of=now)
    except Exception as exc:  # noqa: BLE001 - recorded for the person who asked
        logger.exception("Report export %s failed", export_id)
        ReportExport.objects.filter(pk=export_id).update(
            status=ReportExport.Status.FAILED, error=f"{type(exc).__name__}"[:500], finished_at=timezone.now()
        )
        return "failed"
    return "ready"


def monitoring_answers_reseal():
    """Reseal the equality-monitoring answers and answered invitations of every project
    answered since its last reseal, then VACUUM their tables (see core.anonymity)."""
    anonymity.invitations_reseal(MonitoringInvitation)


def exports_sweep():
    """Start again exports whose worker died mid-render, or whose task was lost."""
    now = timezone.now()
    stale = ReportExport.objects.filter(status=ReportExport.Status.RENDERING, started_at__lt=now - STALE_RENDERING)
    restarted = list(stale.values_list("pk", flat=True)[:100])
    ReportExport.objects.filter(pk__in=restarted).update(status=ReportExport.Status.QUEUED)
    waiting = ReportExport.objects.filter(status=ReportExport.Status.QUEUED, created_at__lt=now - timedelta(minutes=10))
    # Enqueueing twice is harmless: the claim in export_render lets one run win.
    for export_id in {*restarted, *waiting.values_list("pk", flat=True)[:100]}:
        export_render.enqueue(export_id)


def exports_expire():
    """Delete PDFs (files and rows) older than KEEP_EXPORTS."""
    old = ReportExport.objects.filter(created_at__lt=timezone.now() - KEEP_EXPORTS)
    for export in old:
        if export.file:
            export.file.delete(save=False)
        export.delete()


def dashboards_warm():
    """A little more often than the dashboard keeps figures, have each organisation's first
    view made again, so opening Reports is quick and never more than a few minutes out of
    date. One task per organisation: the heartbeat's other jobs do not wait for them."""
    from organisations.models import Organisation

    if not settings.REPORT_CACHE_SECONDS:
        return
    for organisation_id in Organisation.objects.filter(projects__isnull=False).distinct().values_list("pk", flat=True):
        dashboard_warm.enqueue(organisation_id)


@task
def dashboard_warm(organisation_id):
    """The dashboard as the organisation's managers first see it: every project, no filters,
    the first page (the copy the page then shows)."""
    from organisations.models import Organisation
    from projects.models import Project

    from .report import dashboard_sections, projects_page

    organisation = Organisation.objects.get(pk=organisation_id)
    projects = Project.objects.filter(organisation=organisation)
    with translation.override(settings.LANGUAGE_CODE):
        dashboard_sections(projects, organisation, page=projects_page(projects, None), page_query="", fresh=True)
