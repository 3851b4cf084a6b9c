"""Who may see and manage meetings.

Lead and supporting officers of the project manage (edit) its meetings and events; chairs,
managers and admins of the organisation see them. Anyone else gets a 404. Each helper returns
the project with the object, as the pages need both."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from projects.models import ProjectRole
from projects.permissions import has_project_role, project_for_viewing

from .models import Meeting


def can_manage_meetings(user, project):
    return user.organisation_id == project.organisation_id and has_project_role(
        user, project, *ProjectRole.EDITING_ROLES
    )


def project_for_scheduling(user, pk):
    """The project if the user may plan its meetings and events."""
    project = project_for_viewing(user, pk)
    if not can_manage_meetings(user, project):
        raise Http404
    return project


def _meetings(project):
    return Meeting.objects.select_related("group__project__organisation", "series").filter(group__project=project)


def meeting_for_viewing(user, project_pk, pk):
    project = project_for_viewing(user, project_pk)
    return project, get_object_or_404(_meetings(project), pk=pk)


def meeting_for_editing(user, project_pk, pk):
    project = project_for_scheduling(user, project_pk)
    return project, get_object_or_404(_meetings(project), pk=pk)


def group_for_scheduling(user, project_pk, group_pk):
    project = project_for_scheduling(user, project_pk)
    return project, get_object_or_404(project.groups.all(), pk=group_pk)
