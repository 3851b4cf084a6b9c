from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import services
from ..forms import ProjectForm, StageAdvanceForm
from ..models import Project
from ..permissions import (
    can_create_project,
    can_edit_project,
    can_manage_team,
    project_for_editing,
    project_for_viewing,
)


def _crumbs(project=None, *more):
    crumbs = [(_("Projects"), reverse("projects:list"))]
    if project is not None:
        crumbs.append((project.title, project.get_absolute_url()))
    return crumbs + list(more)


def home(request):
    """The front page once signed in: the projects this person works on."""
    projects = Project.objects.visible_to(request.user).with_progress().with_next_activity()
    return render(
        request,
        "projects/home.html",
        {
            "projects": projects,
            "sees_all": request.user.sees_all_projects,
            "can_create": can_create_project(request.user),
            "today": timezone.localdate(),
        },
    )


def project_list(request):
    projects = Project.objects.visible_to(request.user).with_progress().with_next_activity()
    return render(
        request,
        "projects/project_list.html",
        {
            "projects": projects,
            "can_create": can_create_project(request.user),
            "today": timezone.localdate(),
            "breadcrumbs": [(_("Projects"), None)],
        },
    )


def project_create(request):
    if not can_create_project(request.user):
        return render(request, "403.html", status=403)
    organisation = request.user.organisation
    form = ProjectForm(request.POST or None, initial={"aim": services.aim_suggestion(organisation)})
    if request.method == "POST" and form.is_valid():
        project = services.project_create_from_template(
            organisation=organisation, user=request.user, **form.cleaned_data
        )
        messages.success(request, _("Project created from the guide's template. You lead it."))
        return redirect(project)
    return render(
        request,
        "projects/project_form.html",
        {"form": form, "creating": True, "breadcrumbs": _crumbs(None, (_("New project"), None))},
    )


def project_detail(request, pk):
    project = project_for_viewing(request.user, pk)
    # Counted in SQL so the at-a-glance summary can flag an outcome no objective serves yet.
    # Ordered here: a grouped (annotated) query does not use the model's Meta.ordering, so the
    # order an officer set with Move up / Move down would not show.
    outcomes = list(
        project.outcomes.annotate(objectives_count=Count("objectives"))
        .order_by("position", "pk")
        .prefetch_related("measures")
    )
    objectives = list(
        project.objectives.with_progress().order_by("position", "pk").prefetch_related("outcomes", "activities")
    )
    total = sum(o.activities_total for o in objectives)
    done = sum(o.activities_done for o in objectives)
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "section": "overview",
            "outcomes": outcomes,
            "objectives": objectives,
            "activities_total": total,
            "activities_done": done,
            "stage_records": project.stage_records.all(),
            "roles": project.roles.select_related("user"),
            "can_edit": can_edit_project(request.user, project),
            "can_manage_team": can_manage_team(request.user, project),
            "today": timezone.localdate(),
            "breadcrumbs": _crumbs(None, (project.title, None)),
        },
    )


def project_edit(request, pk):
    project = project_for_editing(request.user, pk)
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Project details saved."))
        return redirect(project)
    return render(
        request,
        "projects/project_form.html",
        {"form": form, "project": project, "breadcrumbs": _crumbs(project, (_("Edit details"), None))},
    )


def project_advance(request, pk):
    project = project_for_editing(request.user, pk)
    next_stage = project.next_stage
    form = StageAdvanceForm(request.POST or None, project=project, initial={"began_on": timezone.localdate()})
    if request.method == "POST" and next_stage is not None and form.is_valid():
        services.project_advance_stage(project=project, **form.cleaned_data)
        messages.success(
            request, _("The project is now at the stage: %(stage)s.") % {"stage": project.get_stage_display()}
        )
        return redirect(project)
    return render(
        request,
        "projects/project_advance.html",
        {
            "project": project,
            "form": form,
            "next_stage_label": dict(project._meta.get_field("stage").choices).get(next_stage),
            "stage_records": project.stage_records.all(),
            "breadcrumbs": _crumbs(project, (_("Move to the next stage"), None)),
        },
    )
