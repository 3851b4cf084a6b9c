"""Events: the ways of taking part outside the group's meetings, and who came."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from projects.permissions import project_for_viewing

from .. import services
from ..forms import EventForm
from ..models import Event
from ..permissions import can_manage_meetings, event_for_editing, project_for_scheduling


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


def event_create(request, project_pk):
    project = project_for_scheduling(request.user, project_pk)
    form = EventForm(request.POST or None, project=project, instance=Event(project=project))
    if request.method == "POST" and form.is_valid():
        services.event_save(event=form.instance, people=form.cleaned_data["people"])
        messages.success(request, _("Event added."))
        return redirect("meetings:event_list", project.pk)
    return _form_page(request, project, form, _("Add an event"), _("Add the event"))


def event_edit(request, project_pk, pk):
    project, event = event_for_editing(request.user, project_pk, pk)
    form = EventForm(request.POST or None, project=project, instance=event)
    if request.method == "POST" and form.is_valid():
        services.event_save(event=form.instance, people=form.cleaned_data["people"])
        messages.success(request, _("Event saved."))
        return redirect("meetings:event_list", project.pk)
    return _form_page(request, project, form, _("Change %(event)s") % {"event": event.title}, _("Save the event"))


def event_delete(request, project_pk, pk):
    project, event = event_for_editing(request.user, project_pk, pk)
    if request.method == "POST":
        event.delete()
        messages.success(request, _("Event deleted."))
        return redirect("meetings:event_list", project.pk)
    return render(
        request,
        "confirm_delete.html",
        {
            "project": project,
            "section": "events",
            "heading": _("Delete %(event)s?") % {"event": event},
            "warning": _("Who came will no longer be counted in the reports. This cannot be undone."),
            "cancel_url": reverse("meetings:event_list", args=[project.pk]),
            "breadcrumbs": _crumbs(project, (_("Delete"), None)),
        },
    )


def _form_page(request, project, form, title, submit_label):
    return render(
        request,
        "meetings/form_page.html",
        {
            "project": project,
            "section": "events",
            "form": form,
            "title": title,
            "submit_label": submit_label,
            "cancel_url": reverse("meetings:event_list", args=[project.pk]),
            "breadcrumbs": _crumbs(project, (title, None)),
        },
    )
