"""Putting a report together: the same sections for the page, the PDF and the CSV."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.pdf import pdf_render
from projects.models import Project

from .figures import projects_filtered
from .sections import ReportContext, sections_across, sections_for_project


def project_report(project, *, pdf=False, today=None):
    context = ReportContext(organisation=project.organisation, today=today or timezone.localdate(), pdf=pdf)
    return sections_for_project(project, context)


def across_report(projects, organisation, *, pdf=False, today=None, shown=None):
    context = ReportContext(organisation=organisation, today=today or timezone.localdate(), pdf=pdf, shown=shown)
    return sections_across(projects, context)


def dashboard_sections(selected, organisation, *, page, page_query, fresh=False):
    """The dashboard's sections as HTML, and when their figures were worked out.

    Working the figures out for a large council takes a good part of a second, so a manager
    paging through or coming back to the same view within ``REPORT_CACHE_SECONDS`` gets the
    copy made then; the page says when that was and offers to work them out again
    (``fresh``). The key names every project the figures cover (and the page of them
    shown), so another person's view, other filters or a change in who may see what never
    share a copy. One query for the projects' ids, one for the cache."""
    seconds = settings.REPORT_CACHE_SECONDS
    ids = list(selected.order_by("pk").values_list("pk", flat=True))
    key = _dashboard_key(organisation, ids, page, page_query)
    if seconds and not fresh:
        kept = cache.get(key)
        if kept is not None:
            return kept
    sections = across_report(selected, organisation, shown=frozenset(page.object_list))
    context = {"sections": sections, "scope": "across", "pdf": False, "project_page": page, "page_query": page_query}
    made = (render_to_string("reporting/_sections.html", context), timezone.now())
    if seconds:
        cache.set(key, made, seconds)
    return made


def _dashboard_key(organisation, ids, page, page_query):
    # What else the figures depend on: the minimum-number rule, today's date and the language.
    parts = [organisation.pk, organisation.min_responses, timezone.localdate(), get_language(), page.number, page_query]
    digest = hashlib.sha256(repr((parts, ids)).encode()).hexdigest()
    return f"reporting:dashboard:{digest}"


PROJECTS_PER_PAGE = 25


def projects_page(projects, number):
    """On the dashboard, the per-project tables show one page of projects (by title) at a time,
    all tables the same page: working out and rendering a row for every project was most of a
    large council's page time. Two small queries (the count and the page's ids)."""
    return Paginator(projects.order_by("title", "pk").values_list("pk", flat=True), PROJECTS_PER_PAGE).get_page(number)


def export_projects(export):
    """The projects an across-projects export covers: what its requester may see now,
    filtered as they asked."""
    visible = Project.objects.visible_to(export.requested_by)
    return projects_filtered(visible, **export.filters)


def filters_described(filters):
    from projects.models import Stage

    parts = []
    if filters.get("service_area"):
        parts.append(_("service area: %(area)s") % {"area": filters["service_area"]})
    if filters.get("stage"):
        parts.append(_("stage: %(stage)s") % {"stage": Stage(filters["stage"]).label})
    if filters.get("year"):
        parts.append(_("running in %(year)s") % {"year": filters["year"]})
    return ", ".join(parts) or _("all projects")


def export_pdf(export, *, as_of):
    organisation = export.organisation
    if export.scope == export.Scope.PROJECT:
        project = (
            Project.objects.visible_to(export.requested_by).select_related("organisation").get(pk=export.project_id)
        )
        sections = project_report(project, pdf=True)
        title = _("Outcome report: %(project)s") % {"project": project.title}
        scope = project.title
    else:
        projects = export_projects(export)
        sections = across_report(projects, organisation, pdf=True)
        title = _("Outcome report across projects")
        scope = filters_described(export.filters)
    return pdf_render(
        "pdf/report.html",
        {
            "title": title,
            "scope": scope,
            "organisation": organisation,
            "sections": sections,
            "as_of": as_of,
            "generated_on": timezone.localdate(),
            "export": export,
            "pdf": True,
            "is_project": export.scope == export.Scope.PROJECT,
        },
    )


CSV_HEADER = ["section", "project", "measure", "category", "value"]


def report_csv_rows(sections, label):
    """Long-format rows of the sections' figures, header first; withheld figures stay withheld."""
    yield CSV_HEADER
    for section, data in sections:
        if section.csv:
            yield from section.csv(data, label)
