"""Who may do what with a project. Small predicates; views call them on their first line.

Another organisation's project, or one the user has no role on, is a 404, never a 403."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import Project, ProjectRole


def project_for_viewing(user, pk):
    return get_object_or_404(Project.objects.visible_to(user), pk=pk)


def project_for_editing(user, pk):
    """The project if the user may change it; 404 if they may not even see it."""
    project = project_for_viewing(user, pk)
    if not can_edit_project(user, project):
        raise Http404
    return project


def has_project_role(user, project, *roles):
    return project.roles.filter(user=user, role__in=roles).exists()


def can_edit_project(user, project):
    if user.organisation_id != project.organisation_id:
        return False
    return user.is_org_admin or has_project_role(user, project, *ProjectRole.EDITING_ROLES)


def is_lead_officer(user, project):
    return user.organisation_id == project.organisation_id and has_project_role(user, project, ProjectRole.Role.LEAD)


def is_chair(user, project):
    return user.organisation_id == project.organisation_id and has_project_role(user, project, ProjectRole.Role.CHAIR)


def can_manage_team(user, project):
    """Lead officers (and the organisation admin) choose who works on a project."""
    if user.organisation_id != project.organisation_id:
        return False
    return user.is_org_admin or has_project_role(user, project, ProjectRole.Role.LEAD)


def project_for_team_editing(user, pk):
    project = project_for_viewing(user, pk)
    if not can_manage_team(user, project):
        raise Http404
    return project


def can_create_project(user):
    return user.is_authenticated and user.organisation_id is not None and user.role != user.Role.CHAIR
