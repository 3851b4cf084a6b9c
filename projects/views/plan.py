"""Add, change, remove and reorder a project's outcomes, measures, objectives and activities.

Every view finds the project through ``project_for_editing`` first, then the item among
that project's own items only, so another project's id is a 404."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .. import services
from ..forms import ActivityForm, MeasureForm, ObjectiveForm, OutcomeForm
from ..models import Activity, Measure
from ..permissions import project_for_editing

ANCHORS = {"outcome": "outcome", "measure": "outcome", "objective": "objective", "activity": "objective"}


def _back(project, anchor=""):
    return project.get_absolute_url() + (f"#{anchor}" if anchor else "")


def _form_page(request, project, form, *, heading, intro="", submit_label=None):
    return render(
        request,
        "projects/item_form.html",
        {
            "project": project,
            "form": form,
            "heading": heading,
            "intro": intro,
            "submit_label": submit_label or _("Save"),
            "cancel_url": project.get_absolute_url(),
            "breadcrumbs": [
                (_("Projects"), reverse("projects:list")),
                (project.title, project.get_absolute_url()),
                (heading, None),
            ],
        },
    )


def _delete_page(request, project, item, *, heading, consequence, anchor):
    if request.method == "POST":
        item.delete()
        messages.success(request, _("Removed: %(item)s") % {"item": item})
        return redirect(_back(project, anchor))
    return render(
        request,
        "projects/item_confirm_delete.html",
        {
            "project": project,
            "item": item,
            "heading": heading,
            "consequence": consequence,
            "cancel_url": _back(project, anchor),
            "breadcrumbs": [
                (_("Projects"), reverse("projects:list")),
                (project.title, project.get_absolute_url()),
                (heading, None),
            ],
        },
    )


def _move(request, project, item, siblings, anchor):
    direction = request.POST.get("direction")
    if direction not in {"up", "down"}:
        messages.error(request, _("Choose to move it up or down."))
    else:
        services.item_move(item=item, siblings=siblings, direction=direction)
    return redirect(_back(project, anchor))


# --- outcomes -------------------------------------------------------------------------


def outcome_add(request, pk):
    project = project_for_editing(request.user, pk)
    form = OutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = form.save(commit=False)
        outcome.project = project
        outcome.position = services.position_next(project.outcomes.all())
        outcome.save()
        messages.success(request, _("Outcome added."))
        return redirect(_back(project, f"outcome-{outcome.pk}"))
    return _form_page(request, project, form, heading=_("Add an outcome"))


def outcome_edit(request, pk, outcome_pk):
    project = project_for_editing(request.user, pk)
    outcome = get_object_or_404(project.outcomes, pk=outcome_pk)
    form = OutcomeForm(request.POST or None, instance=outcome)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Outcome saved."))
        return redirect(_back(project, f"outcome-{outcome.pk}"))
    return _form_page(request, project, form, heading=_("Change an outcome"))


def outcome_delete(request, pk, outcome_pk):
    project = project_for_editing(request.user, pk)
    outcome = get_object_or_404(project.outcomes, pk=outcome_pk)
    return _delete_page(
        request,
        project,
        outcome,
        heading=_("Remove an outcome"),
        consequence=gettext_lazy("Its measures are removed too. Objectives that served it stay."),
        anchor="outcomes",
    )


@require_POST
def outcome_move(request, pk, outcome_pk):
    project = project_for_editing(request.user, pk)
    outcome = get_object_or_404(project.outcomes, pk=outcome_pk)
    return _move(request, project, outcome, project.outcomes.all(), f"outcome-{outcome.pk}")


# --- measures -------------------------------------------------------------------------


def _project_measure(project, measure_pk):
    return get_object_or_404(Measure.objects.select_related("outcome"), outcome__project=project, pk=measure_pk)


def measure_add(request, pk, outcome_pk):
    project = project_for_editing(request.user, pk)
    outcome = get_object_or_404(project.outcomes, pk=outcome_pk)
    form = MeasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        measure = form.save(commit=False)
        measure.outcome = outcome
        measure.position = services.position_next(outcome.measures.all())
        measure.save()
        messages.success(request, _("Measure added."))
        return redirect(_back(project, f"outcome-{outcome.pk}"))
    return _form_page(
        request,
        project,
        form,
        heading=_("Add a measure"),
        intro=_("For the outcome: %(outcome)s") % {"outcome": outcome},
    )


def measure_edit(request, pk, measure_pk):
    project = project_for_editing(request.user, pk)
    measure = _project_measure(project, measure_pk)
    form = MeasureForm(request.POST or None, instance=measure)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Measure saved."))
        return redirect(_back(project, f"outcome-{measure.outcome_id}"))
    return _form_page(
        request,
        project,
        form,
        heading=_("Change a measure"),
        intro=_("For the outcome: %(outcome)s") % {"outcome": measure.outcome},
    )


def measure_delete(request, pk, measure_pk):
    project = project_for_editing(request.user, pk)
    measure = _project_measure(project, measure_pk)
    return _delete_page(
        request, project, measure, heading=_("Remove a measure"), consequence="", anchor=f"outcome-{measure.outcome_id}"
    )


@require_POST
def measure_move(request, pk, measure_pk):
    project = project_for_editing(request.user, pk)
    measure = _project_measure(project, measure_pk)
    return _move(request, project, measure, measure.outcome.measures.all(), f"outcome-{measure.outcome_id}")


# --- objectives -----------------------------------------------------------------------


def objective_add(request, pk):
    project = project_for_editing(request.user, pk)
    form = ObjectiveForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        objective = form.save(commit=False)
        objective.project = project
        objective.position = services.position_next(project.objectives.all())
        objective.save()
        form.save_m2m()
        messages.success(request, _("Objective added."))
        return redirect(_back(project, f"objective-{objective.pk}"))
    return _form_page(request, project, form, heading=_("Add an objective"))


def objective_edit(request, pk, objective_pk):
    project = project_for_editing(request.user, pk)
    objective = get_object_or_404(project.objectives, pk=objective_pk)
    form = ObjectiveForm(request.POST or None, instance=objective, project=project)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Objective saved."))
        return redirect(_back(project, f"objective-{objective.pk}"))
    return _form_page(request, project, form, heading=_("Change an objective"))


def objective_delete(request, pk, objective_pk):
    project = project_for_editing(request.user, pk)
    objective = get_object_or_404(project.objectives, pk=objective_pk)
    return _delete_page(
        request,
        project,
        objective,
        heading=_("Remove an objective"),
        consequence=gettext_lazy("Its activities are removed too."),
        anchor="objectives",
    )


@require_POST
def objective_move(request, pk, objective_pk):
    project = project_for_editing(request.user, pk)
    objective = get_object_or_404(project.objectives, pk=objective_pk)
    return _move(request, project, objective, project.objectives.all(), f"objective-{objective.pk}")


# --- activities -----------------------------------------------------------------------


def _project_activity(project, activity_pk):
    return get_object_or_404(Activity.objects.select_related("objective"), objective__project=project, pk=activity_pk)


def activity_add(request, pk):
    project = project_for_editing(request.user, pk)
    initial = {}
    if request.GET.get("objective", "").isdigit():
        initial["objective"] = project.objectives.filter(pk=request.GET["objective"]).first()
    form = ActivityForm(request.POST or None, project=project, initial=initial)
    if request.method == "POST" and form.is_valid():
        activity = form.save(commit=False)
        activity.position = services.position_next(activity.objective.activities.all())
        activity.save()
        messages.success(request, _("Activity added."))
        return redirect(_back(project, f"objective-{activity.objective_id}"))
    return _form_page(
        request,
        project,
        form,
        heading=_("Add an activity"),
        intro=_("Activities are the actions you will take to achieve an objective."),
    )


def activity_edit(request, pk, activity_pk):
    project = project_for_editing(request.user, pk)
    activity = _project_activity(project, activity_pk)
    form = ActivityForm(request.POST or None, instance=activity, project=project)
    if request.method == "POST" and form.is_valid():
        activity = form.save(commit=False)
        if "objective" in form.changed_data:
            activity.position = services.position_next(activity.objective.activities.all())
        activity.save()
        messages.success(request, _("Activity saved."))
        return redirect(_back(project, f"objective-{activity.objective_id}"))
    return _form_page(request, project, form, heading=_("Change an activity"))


def activity_delete(request, pk, activity_pk):
    project = project_for_editing(request.user, pk)
    activity = _project_activity(project, activity_pk)
    return _delete_page(
        request,
        project,
        activity,
        heading=_("Remove an activity"),
        consequence="",
        anchor=f"objective-{activity.objective_id}",
    )


@require_POST
def activity_move(request, pk, activity_pk):
    project = project_for_editing(request.user, pk)
    activity = _project_activity(project, activity_pk)
    return _move(request, project, activity, activity.objective.activities.all(), f"objective-{activity.objective_id}")
