"""Staff pages for what happened: attendance, notes, actions, decisions, the decision log."""

from decimal import Decimal

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groups.permissions import group_for_viewing

from .. import services
from ..forms import ActionForm, AttendanceForm, DecisionForm, NotesForm
from ..models import Action, AgendaItem, Decision
from ..permissions import meeting_for_editing
from .agenda import _form_page
from .planning import crumbs, meeting_url


def attendance(request, project_pk, pk):
    project, meeting = meeting_for_editing(request.user, project_pk, pk)
    people = list(services.members_for(meeting))
    records = {a.person_id: a for a in meeting.attendance.all()}
    hours = Decimal((meeting.ends_at - meeting.starts_at).total_seconds() / 3600).quantize(Decimal("0.01"))
    # "Mark everyone present" fills in everyone not yet recorded as present; nothing is saved
    # until the officer has looked and pressed Save (no JavaScript needed).
    all_present = request.method == "GET" and request.GET.get("mark") == "present"
    form = AttendanceForm(
        request.POST or None, people=people, records=records, default_hours=hours, all_present=all_present
    )
    if request.method == "POST" and form.is_valid():
        services.attendance_record(meeting=meeting, rows=form.rows())
        messages.success(request, _("Attendance saved."))
        return redirect(meeting_url(meeting) + "#attendance")
    return _form_page(
        request,
        project,
        meeting,
        form,
        _("Attendance"),
        _("Save attendance"),
        mark_all_url=None if all_present else "?mark=present",
        marked_all=all_present,
    )


def notes_edit(request, project_pk, pk):
    project, meeting = meeting_for_editing(request.user, project_pk, pk)
    items = list(meeting.agenda_items.all())
    form = NotesForm(request.POST or None, items=items)
    if request.method == "POST" and form.is_valid():
        for item, notes in form.notes():
            AgendaItem.objects.filter(pk=item.pk).update(notes=notes)
        messages.success(request, _("Notes saved."))
        return redirect(meeting_url(meeting) + "#notes")
    return _form_page(request, project, meeting, form, _("Notes of the meeting"), _("Save notes"))


@require_POST
def notes_approve(request, project_pk, pk):
    _project, meeting = meeting_for_editing(request.user, project_pk, pk)
    if services.notes_approve(meeting=meeting, user=request.user) is None:
        messages.error(request, _("You can approve the notes once the meeting has ended."))
    else:
        messages.success(request, _("Notes approved. They are being emailed to every member."))
    return redirect(meeting_url(meeting) + "#notes")


def action_create(request, project_pk, pk):
    project, meeting = meeting_for_editing(request.user, project_pk, pk)
    form = ActionForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        form.instance.meeting = meeting
        form.save()
        messages.success(request, _("Action recorded."))
        return redirect(meeting_url(meeting) + "#actions")
    return _form_page(request, project, meeting, form, _("Record an action"), _("Save the action"))


def action_edit(request, project_pk, pk, action_pk):
    project, meeting = meeting_for_editing(request.user, project_pk, pk)
    action = get_object_or_404(Action, pk=action_pk, meeting__group=meeting.group)
    form = ActionForm(request.POST or None, instance=action, meeting=action.meeting)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Action saved."))
        return redirect(meeting_url(meeting) + "#actions")
    return _form_page(request, project, meeting, form, _("Change an action"), _("Save the action"))


def decision_create(request, project_pk, pk):
    project, meeting = meeting_for_editing(request.user, project_pk, pk)
    form = DecisionForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        form.instance.meeting = meeting
        form.save()
        messages.success(request, _("Decision recorded."))
        return redirect(meeting_url(meeting) + "#decisions")
    return _form_page(request, project, meeting, form, _("Record a decision"), _("Save the decision"))


def decision_log(request, project_pk, group_pk):
    group = group_for_viewing(request.user, project_pk, group_pk)
    project = group.project
    return render(
        request,
        "meetings/decision_log.html",
        {
            "project": project,
            "group": group,
            "section": "meetings",
            "decisions": Decision.objects.for_group(group),
            "breadcrumbs": crumbs(project, (_("Decision log: %(group)s") % {"group": group.name}, None)),
        },
    )
