from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services
from ..forms import ProjectRoleForm
from ..permissions import can_manage_team, project_for_team_editing, project_for_viewing


def _team_page(request, project, form, status=200):
    return render(
        request,
        "projects/team.html",
        {
            "project": project,
            "section": "team",
            "roles": project.roles.select_related("user"),
            "form": form,
            "can_manage_team": can_manage_team(request.user, project),
            "breadcrumbs": [
                (_("Projects"), reverse("projects:list")),
                (project.title, project.get_absolute_url()),
                (_("Team"), None),
            ],
        },
        status=status,
    )


def team(request, pk):
    project = project_for_viewing(request.user, pk)
    return _team_page(request, project, ProjectRoleForm(project=project))


@require_POST
def team_add(request, pk):
    project = project_for_team_editing(request.user, pk)
    form = ProjectRoleForm(request.POST, project=project)
    if form.is_valid():
        try:
            services.project_role_add(project=project, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s added to the project.") % {"name": form.cleaned_data["user"]})
            return redirect("projects:team", pk=project.pk)
    return _team_page(request, project, form, status=400)


@require_POST
def team_remove(request, pk, role_pk):
    project = project_for_team_editing(request.user, pk)
    project_role = get_object_or_404(project.roles.select_related("user"), pk=role_pk)
    try:
        services.project_role_remove(project_role=project_role)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(role)s removed from the project.") % {"role": project_role})
    return redirect("projects:team", pk=project.pk)
