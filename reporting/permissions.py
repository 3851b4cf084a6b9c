"""Who may see which report. Views call these on their first line.

Reports show only the projects a person may see (projects.permissions): managers and admins
all of their organisation's, officers and chairs those they hold a role on. Anything else is
a 404."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from projects.models import Project
from projects.permissions import project_for_viewing

from .models import ReportExport


def projects_for_reports(user):
    return Project.objects.visible_to(user)


def report_for_viewing(user, pk):
    return project_for_viewing(user, pk)


def indicator_for_viewing(user, project_pk, pk):
    project = project_for_viewing(user, project_pk)
    return project, get_object_or_404(project.indicators.select_related("outcome"), pk=pk)


def export_for_viewing(user, pk):
    return get_object_or_404(ReportExport.objects.downloadable_by(user).select_related("project"), pk=pk)


def organisation_for_population(user):
    """The organisation whose population profile this person may change (admins only)."""
    if not user.is_authenticated or user.organisation_id is None or not user.is_org_admin:
        raise Http404
    return user.organisation
