"""Events: the ways of taking part outside the group's meetings, and who came."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.views import ScopedCreateView, ScopedDeleteView, ScopedUpdateView
from projects.permissions import project_for_viewing

from .. import services
from ..forms import EventForm
from ..models import Event
from ..permissions import can_manage_meetings, project_for_scheduling


def _crumbs(project, *rest):
    return [
        (_("Projects"), reverse("projects:list")),
        (project.title, project.get_absolute_url()),
        (_("Events"), reverse("meetings:event_list", args=[project.pk])),
        *rest,
    ]


def event_list(request, project_pk):
    project = project_for_viewing(request.user, project_pk)
    events = Event.objects.for_project(project)
    return render(
        request,
        "meetings/event_list.html",
        {
            "project": project,
            "section": "events",
            "events": events.with_attendance(),
            "totals": events.totals(),
            "can_manage": can_manage_meetings(request.user, project),
            "breadcrumbs": _crumbs(project)[:-1] + [(_("Events"), None)],
        },
    )


class EventPage:
    """Changing a project's events: for those who plan its meetings, among its own events only."""

    model = Event
    form_class = EventForm
    template_name = "meetings/form_page.html"

    def check_access(self, request, project_pk, **kwargs):
        self.project = project_for_scheduling(request.user, project_pk)

    def get_queryset(self):
        return Event.objects.filter(project=self.project)

    def get_success_url(self):
        return reverse("meetings:event_list", args=[self.project.pk])


class EventFormPage(EventPage):
    def form_kwargs(self):
        return {"project": self.project}

    def save(self, form):
        return services.event_save(event=form.instance, people=form.cleaned_data["people"])

    def get_context_data(self, **kwargs):
        title = self.get_title()
        return super().get_context_data(
            project=self.project,
            section="events",
            title=title,
            submit_label=self.submit_label,
            cancel_url=reverse("meetings:event_list", args=[self.project.pk]),
            breadcrumbs=_crumbs(self.project, (title, None)),
            **kwargs,
        )


class EventCreate(EventFormPage, ScopedCreateView):
    submit_label = gettext_lazy("Add the event")
    success_message = gettext_lazy("Event added.")

    def form_kwargs(self):
        # The form's checks need the event's project before it is saved.
        return {**super().form_kwargs(), "instance": Event(project=self.project)}

    def get_title(self):
        return _("Add an event")


class EventEdit(EventFormPage, ScopedUpdateView):
    submit_label = gettext_lazy("Save the event")
    success_message = gettext_lazy("Event saved.")

    def get_title(self):
        return _("Change %(event)s") % {"event": self.object.title}


class EventDelete(EventPage, ScopedDeleteView):
    template_name = "confirm_delete.html"
    success_message = gettext_lazy("Event deleted.")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            project=self.project,
            section="events",
            heading=_("Delete %(event)s?") % {"event": self.object},
            warning=_("Who came will no longer be counted in the reports. This cannot be undone."),
            cancel_url=reverse("meetings:event_list", args=[self.project.pk]),
            breadcrumbs=_crumbs(self.project, (_("Delete"), None)),
            **kwargs,
        )
