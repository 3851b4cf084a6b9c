"""Add, change, remove and reorder a project's outcomes, measures, objectives and activities.

Four generic pages (PlanAdd, PlanEdit, PlanRemove, PlanMove), and for each kind of item a
small class that says where its items live (``get_queryset``: this project's own only, so
another project's id is a 404), where a new one goes (``place``), its neighbours for moving
and its anchor on the project page. Every page finds the project through
``project_for_editing`` first."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from core.views import ScopedCreateView, ScopedDeleteView, ScopedMixin, ScopedUpdateView

from .. import services
from ..forms import ActivityForm, MeasureForm, ObjectiveForm, OutcomeForm, StageRecordForm
from ..models import Activity, Measure, Objective, Outcome, StageRecord
from ..permissions import project_for_editing


def _back(project, anchor=""):
    return project.get_absolute_url() + (f"#{anchor}" if anchor else "")


class PlanPage:
    """What every plan page shares: the project, its breadcrumbs and the way back."""

    heading = ""

    def check_access(self, request, pk, **kwargs):
        self.project = project_for_editing(request.user, pk)

    def anchor(self, item):
        """Where on the project page the item is shown."""
        raise NotImplementedError

    def get_success_url(self):
        return _back(self.project, self.anchor(self.object))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            project=self.project,
            heading=self.heading,
            breadcrumbs=[
                (_("Projects"), reverse("projects:list")),
                (self.project.title, self.project.get_absolute_url()),
                (self.heading, None),
            ],
            **kwargs,
        )


class PlanFormPage(PlanPage):
    template_name = "projects/item_form.html"

    def get_intro(self):
        return ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            intro=self.get_intro(), submit_label=_("Save"), cancel_url=self.project.get_absolute_url(), **kwargs
        )


class PlanAdd(PlanFormPage, ScopedCreateView):
    def save(self, form):
        item = form.save(commit=False)
        self.place(item)
        item.save()
        form.save_m2m()
        return item

    def place(self, item):
        """Give a new item its parent and put it last among its neighbours."""
        raise NotImplementedError


class PlanEdit(PlanFormPage, ScopedUpdateView):
    pass


class PlanRemove(PlanPage, ScopedDeleteView):
    template_name = "projects/item_confirm_delete.html"
    consequence = ""

    def removed_anchor(self, item):
        """Where to land on the project page once the item is gone."""
        return self.anchor(item)

    def get_success_url(self):
        return _back(self.project, self.removed_anchor(self.object))

    def get_success_message(self):
        return _("Removed: %(item)s") % {"item": self.object}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            item=self.object,
            consequence=self.consequence,
            cancel_url=_back(self.project, self.removed_anchor(self.object)),
            **kwargs,
        )


class PlanMove(PlanPage, ScopedMixin, generic.detail.SingleObjectMixin, generic.View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        direction = request.POST.get("direction")
        if direction not in {"up", "down"}:
            messages.error(request, _("Choose to move it up or down."))
        else:
            services.item_move(item=self.object, siblings=self.siblings(self.object), direction=direction)
        return redirect(self.get_success_url())

    def siblings(self, item):
        """The items it moves among."""
        raise NotImplementedError


# --- outcomes -------------------------------------------------------------------------


class Outcomes:
    model = Outcome
    form_class = OutcomeForm
    pk_url_kwarg = "outcome_pk"

    def get_queryset(self):
        return self.project.outcomes.all()

    def siblings(self, outcome):
        return self.project.outcomes.all()

    def anchor(self, outcome):
        return f"outcome-{outcome.pk}"

    def place(self, outcome):
        outcome.project = self.project
        outcome.position = services.position_next(self.project.outcomes.all())


class OutcomeAdd(Outcomes, PlanAdd):
    heading = gettext_lazy("Add an outcome")
    success_message = gettext_lazy("Outcome added.")


class OutcomeEdit(Outcomes, PlanEdit):
    heading = gettext_lazy("Change an outcome")
    success_message = gettext_lazy("Outcome saved.")


class OutcomeRemove(Outcomes, PlanRemove):
    heading = gettext_lazy("Remove an outcome")
    consequence = gettext_lazy("Its measures are removed too. Objectives that served it stay.")

    def removed_anchor(self, outcome):
        return "outcomes"


class OutcomeMove(Outcomes, PlanMove):
    pass


# --- measures -------------------------------------------------------------------------


class Measures:
    model = Measure
    form_class = MeasureForm
    pk_url_kwarg = "measure_pk"

    def get_queryset(self):
        return Measure.objects.select_related("outcome").filter(outcome__project=self.project)

    def siblings(self, measure):
        return measure.outcome.measures.all()

    def anchor(self, measure):
        return f"outcome-{measure.outcome_id}"

    def get_intro(self):
        return _("For the outcome: %(outcome)s") % {"outcome": self.object.outcome}


class MeasureAdd(Measures, PlanAdd):
    heading = gettext_lazy("Add a measure")
    success_message = gettext_lazy("Measure added.")

    def check_access(self, request, pk, outcome_pk):
        super().check_access(request, pk)
        self.outcome = get_object_or_404(self.project.outcomes, pk=outcome_pk)

    def get_intro(self):
        return _("For the outcome: %(outcome)s") % {"outcome": self.outcome}

    def place(self, measure):
        measure.outcome = self.outcome
        measure.position = services.position_next(self.outcome.measures.all())


class MeasureEdit(Measures, PlanEdit):
    heading = gettext_lazy("Change a measure")
    success_message = gettext_lazy("Measure saved.")


class MeasureRemove(Measures, PlanRemove):
    heading = gettext_lazy("Remove a measure")


class MeasureMove(Measures, PlanMove):
    pass


# --- objectives -----------------------------------------------------------------------


class Objectives:
    model = Objective
    form_class = ObjectiveForm
    pk_url_kwarg = "objective_pk"

    def get_queryset(self):
        return self.project.objectives.all()

    def form_kwargs(self):
        return {"project": self.project}

    def siblings(self, objective):
        return self.project.objectives.all()

    def anchor(self, objective):
        return f"objective-{objective.pk}"

    def place(self, objective):
        objective.project = self.project
        objective.position = services.position_next(self.project.objectives.all())


class ObjectiveAdd(Objectives, PlanAdd):
    heading = gettext_lazy("Add an objective")
    success_message = gettext_lazy("Objective added.")


class ObjectiveEdit(Objectives, PlanEdit):
    heading = gettext_lazy("Change an objective")
    success_message = gettext_lazy("Objective saved.")


class ObjectiveRemove(Objectives, PlanRemove):
    heading = gettext_lazy("Remove an objective")
    consequence = gettext_lazy("Its activities are removed too.")

    def removed_anchor(self, objective):
        return "objectives"


class ObjectiveMove(Objectives, PlanMove):
    pass


# --- activities -----------------------------------------------------------------------


class Activities:
    model = Activity
    form_class = ActivityForm
    pk_url_kwarg = "activity_pk"

    def get_queryset(self):
        return Activity.objects.select_related("objective").filter(objective__project=self.project)

    def form_kwargs(self):
        return {"project": self.project}

    def siblings(self, activity):
        return activity.objective.activities.all()

    def anchor(self, activity):
        return f"objective-{activity.objective_id}"

    def place(self, activity):
        # Its objective is chosen on the form.
        activity.position = services.position_next(activity.objective.activities.all())


class ActivityAdd(Activities, PlanAdd):
    heading = gettext_lazy("Add an activity")
    success_message = gettext_lazy("Activity added.")

    def get_initial(self):
        if self.request.GET.get("objective", "").isdigit():
            return {"objective": self.project.objectives.filter(pk=self.request.GET["objective"]).first()}
        return {}

    def get_intro(self):
        return _("Activities are the actions you will take to achieve an objective.")


class ActivityEdit(Activities, PlanEdit):
    heading = gettext_lazy("Change an activity")
    success_message = gettext_lazy("Activity saved.")

    def save(self, form):
        activity = form.save(commit=False)
        if "objective" in form.changed_data:
            self.place(activity)
        activity.save()
        return activity


class ActivityRemove(Activities, PlanRemove):
    heading = gettext_lazy("Remove an activity")


class ActivityMove(Activities, PlanMove):
    pass


# --- stages ---------------------------------------------------------------------------


class StageRecordEdit(PlanEdit):
    """Change when a recorded stage began and how residents were involved in it."""

    model = StageRecord
    form_class = StageRecordForm
    pk_url_kwarg = "record_pk"
    heading = gettext_lazy("Change a stage")
    success_message = gettext_lazy("Stage saved.")

    def get_queryset(self):
        return self.project.stage_records.all()

    def anchor(self, record):
        return "stages"

    def get_intro(self):
        return self.object.get_stage_display()
