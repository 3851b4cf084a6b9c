"""Who may do what with groups. Views call these on their first line.

- Staff with a lead or supporting role on the project (and organisation admins) manage groups.
- Managers, admins and chairs with a role on the project may view group pages.
- Access requirements are special category data: only the project's lead officer and the
  group's secretariat (a staff user whose person has a current Secretariat membership) see them.
- Another organisation's group, or a project the user has no role on, is a 404."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from projects.permissions import can_edit_project, is_lead_officer, project_for_editing, project_for_viewing

from .models import Group, Membership


def group_for_viewing(user, project_pk, pk):
    project = project_for_viewing(user, project_pk)
    return get_object_or_404(Group.objects.select_related("project"), project=project, pk=pk)


def group_for_editing(user, project_pk, pk):
    project = project_for_editing(user, project_pk)
    return get_object_or_404(Group.objects.select_related("project"), project=project, pk=pk)


def can_manage_group(user, group):
    return can_edit_project(user, group.project)


def is_secretariat(user, group):
    return user.is_authenticated and Membership.objects.secretariat_of(group, user).exists()


def can_see_access(user, group):
    if not user.is_authenticated or user.organisation_id != group.project.organisation_id:
        return False
    return is_lead_officer(user, group.project) or is_secretariat(user, group)


def group_for_access(user, project_pk, pk):
    """The group if the user may see its members' access requirements.

    The secretariat may hold no role on the project, so the group is found within the user's
    organisation first; those who may see the group but not the data get a 403, others a 404."""
    if not user.is_authenticated or user.organisation_id is None:
        raise Http404
    group = get_object_or_404(
        Group.objects.select_related("project"),
        project__organisation_id=user.organisation_id,
        project_id=project_pk,
        pk=pk,
    )
    if can_see_access(user, group):
        return group
    project_for_viewing(user, project_pk)
    raise PermissionDenied


def can_erase_members(user, group):
    """Erasure is the lead officer's (or an organisation admin's) decision."""
    return user.organisation_id == group.project.organisation_id and (
        user.is_org_admin or is_lead_officer(user, group.project)
    )


def can_read_access_log(user, group):
    """Who has looked at members' access requirements is for the lead officer (who answers
    for that data) and organisation admins."""
    return can_erase_members(user, group)


def group_for_access_log(user, project_pk, pk):
    """The group if the user may read its access-view log: those who may see the group but
    not the log get a 403, others a 404."""
    group = group_for_viewing(user, project_pk, pk)
    if not can_read_access_log(user, group):
        raise PermissionDenied
    return group
