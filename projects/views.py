from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from . import services
from .forms import ProjectForm
from .models import Project
from .permissions import can_edit_project, project_for_viewing


def project_list(request):
    projects = Project.objects.visible_to(request.user).with_progress()
    return render(request, "projects/project_list.html", {"projects": projects})


def project_create(request):
    organisation = request.user.organisation
    form = ProjectForm(
        request.POST or None,
        initial={"aim": services.aim_suggestion(organisation)} if organisation else None,
    )
    if organisation is None or request.user.role == request.user.Role.CHAIR:
        return render(request, "403.html", status=403)
    if request.method == "POST" and form.is_valid():
        project = services.project_create_from_template(
            organisation=organisation, user=request.user, **form.cleaned_data
        )
        return redirect(project)
    return render(
        request,
        "projects/project_form.html",
        {"form": form, "breadcrumbs": [(_("Projects"), reverse("projects:list")), (_("New project"), None)]},
    )


def project_detail(request, pk):
    project = project_for_viewing(request.user, pk)
    outcomes = project.outcomes.prefetch_related("measures")
    objectives = project.objectives.prefetch_related("outcomes", "activities")
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "outcomes": outcomes,
            "objectives": objectives,
            "can_edit": can_edit_project(request.user, project),
            "breadcrumbs": [(_("Projects"), reverse("projects:list")), (project.title, None)],
        },
    )
