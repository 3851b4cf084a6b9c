"""Who may see and manage meetings.

Lead and supporting officers of the project manage its meetings; chairs, managers and admins
of the organisation see them. Anyone else gets a 404."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from projects.models import ProjectRole
from projects.permissions import has_project_role, project_for_viewing

from .models import Event, Meeting


def can_manage_meetings(user, project):
    return user.organisation_id == project.organisation_id and has_project_role(
        user, project, *ProjectRole.EDITING_ROLES
    )


def project_for_meetings(user, project_pk, *, manage=False):
    project = project_for_viewing(user, project_pk)
    if manage and not can_manage_meetings(user, project):
        raise Http404
    return project


def meeting_for(user, project_pk, pk, *, manage=False):
    """The meeting, if it belongs to the project and the user may see (or manage) it."""
    project = project_for_meetings(user, project_pk, manage=manage)
    meeting = get_object_or_404(
        Meeting.objects.select_related("group__project__organisation", "series"), pk=pk, group__project=project
    )
    return project, meeting


def group_for(user, project_pk, group_pk, *, manage=False):
    project = project_for_meetings(user, project_pk, manage=manage)
    return project, get_object_or_404(project.groups.all(), pk=group_pk)


def event_for(user, project_pk, pk, *, manage=False):
    """The event, if it belongs to the project and the user may see (or manage) it."""
    project = project_for_meetings(user, project_pk, manage=manage)
    return project, get_object_or_404(Event.objects.filter(project=project), pk=pk)
