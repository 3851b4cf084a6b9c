"""Who may see and change a group's reflection. Views call these on their first line.

- The Reflection tab (set-up and rounds, no results): anyone who can see the project.
- Setting up and running rounds: those who can edit the project, and the project's chairs.
- The dashboard, the presentation view and "you said, we did": the chairs (users with the
  project's Chair role, or a staff user whose email is that of the group's chair or co-chair)
  and the lead officer. Others who can see the project get 403; everyone else 404.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from groups.models import Group, Membership
from projects.models import Project
from projects.permissions import can_edit_project, is_chair, is_lead_officer, project_for_viewing


def group_for_viewing(user, project_pk, group_pk):
    project = project_for_viewing(user, project_pk)
    return get_object_or_404(Group.objects.select_related("project__organisation"), project=project, pk=group_pk)


def is_group_chair(user, group):
    """A staff user who sits on the group as its chair or co-chair (matched by email)."""
    if not user.is_authenticated or not user.email:
        return False
    return group.memberships.filter(
        person__email__iexact=user.email,
        person__organisation_id=user.organisation_id,
        position__in=[Membership.Position.CHAIR, Membership.Position.CO_CHAIR],
    ).exists()


def can_see_results(user, group):
    project = group.project
    return is_lead_officer(user, project) or is_chair(user, project) or is_group_chair(user, group)


def can_run_reflection(user, group):
    return can_edit_project(user, group.project) or can_see_results(user, group)


def _group_in_organisation(user, project_pk, group_pk):
    if not user.is_authenticated or user.organisation_id is None:
        raise Http404
    project = get_object_or_404(Project, organisation_id=user.organisation_id, pk=project_pk)
    return get_object_or_404(Group.objects.select_related("project__organisation"), project=project, pk=group_pk)


def _refuse(user, group):
    if Project.objects.visible_to(user).filter(pk=group.project_id).exists():
        raise PermissionDenied
    raise Http404


def group_for_results(user, project_pk, group_pk):
    group = _group_in_organisation(user, project_pk, group_pk)
    if not can_see_results(user, group):
        _refuse(user, group)
    return group


def group_for_running(user, project_pk, group_pk):
    group = _group_in_organisation(user, project_pk, group_pk)
    if not can_run_reflection(user, group):
        _refuse(user, group)
    return group
