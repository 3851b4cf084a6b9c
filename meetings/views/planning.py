"""Staff pages: the meetings list, planning, a meeting's page, rescheduling and cancelling."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from outbox.models import OutgoingEmail
from outbox.services import email_retry as outbox_email_retry
from projects.permissions import project_for_viewing

from .. import services
from ..calendar import meeting_ics
from ..emails import LABELS as EMAIL_LABELS
from ..forms import MeetingForm, MeetingSettingsForm, SeriesForm
from ..models import Action, Meeting, PackPosting, meeting_settings_for
from ..permissions import (
    can_manage_meetings,
    group_for_scheduling,
    meeting_for_editing,
    meeting_for_viewing,
    project_for_scheduling,
)


def crumbs(project, *rest):
    return [
        (_("Projects"), reverse("projects:list")),
        (project.title, project.get_absolute_url()),
        (_("Meetings"), reverse("meetings:list", args=[project.pk])),
        *rest,
    ]


def meeting_url(meeting):
    return reverse("meetings:detail", args=[meeting.group.project_id, meeting.pk])


def meeting_list(request, project_pk):
    project = project_for_viewing(request.user, project_pk)
    meetings = Meeting.objects.for_project(project).select_related("group").with_email_problems()
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "project": project,
            "section": "meetings",
            "upcoming": meetings.upcoming(),
            "past": meetings.past().order_by("-starts_at"),
            "groups": project.groups.all(),
            "can_manage": can_manage_meetings(request.user, project),
            "breadcrumbs": crumbs(project)[:-1] + [(_("Meetings"), None)],
        },
    )


def series_plan(request, project_pk):
    project = project_for_scheduling(request.user, project_pk)
    form = SeriesForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        meetings = services.series_plan(
            group=data["group"],
            pattern=data["pattern"],
            first_date=data["first_date"],
            count=data["count"] or 0,
            dates=data["dates"],
            start_time=data["start_time"],
            end_time=data["end_time"],
            details=form.details(),
            description=dict(SeriesForm.PATTERNS)[data["pattern"]],
        )
        messages.success(request, _("%(n)s meetings planned.") % {"n": len(meetings)})
        return redirect("meetings:list", project.pk)
    return render(
        request,
        "meetings/form_page.html",
        {
            "project": project,
            "form": form,
            "title": _("Plan a series of meetings"),
            "intro": _("Plan all the dates in advance so members can put them in their diaries."),
            "submit_label": _("Plan the meetings"),
            "breadcrumbs": crumbs(project, (_("Plan a series"), None)),
        },
    )


def meeting_create(request, project_pk):
    project = project_for_scheduling(request.user, project_pk)
    form = MeetingForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        meeting = services.meeting_create(
            group=form.cleaned_data["group"], starts_at=form.starts_at, ends_at=form.ends_at, **form.details()
        )
        messages.success(request, _("Meeting added."))
        return redirect(meeting_url(meeting))
    return render(
        request,
        "meetings/form_page.html",
        {
            "project": project,
            "form": form,
            "title": _("Add a meeting"),
            "submit_label": _("Add the meeting"),
            "breadcrumbs": crumbs(project, (_("Add a meeting"), None)),
        },
    )


def meeting_detail(request, project_pk, pk):
    project, meeting = meeting_for_viewing(request.user, project_pk, pk)
    items = meeting.agenda_items.timed().prefetch_related("papers")
    emails = list(
        OutgoingEmail.objects.filter(topic=meeting.topic).select_related("person").order_by("kind", "recipient")
    )
    for email in emails:
        email.label = EMAIL_LABELS.get(email.kind, email.kind)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "project": project,
            "meeting": meeting,
            "section": "meetings",
            "items": items,
            "matters_arising": Action.objects.matters_arising_for(meeting),
            "emails": emails,
            "failed": [e for e in emails if e.status == OutgoingEmail.Status.FAILED],
            "postings": meeting.postings.select_related("person"),
            "paper_changes": meeting.paper_changes.all(),
            "attendance": meeting.attendance.select_related("person"),
            "actions": meeting.actions.select_related("item"),
            "decisions": meeting.decisions.select_related("item"),
            "can_manage": can_manage_meetings(request.user, project),
            "notes_can_be_approved": services.notes_can_be_approved(meeting),
            "breadcrumbs": crumbs(project, (str(meeting), None)),
        },
    )


def meeting_edit(request, project_pk, pk):
    project, meeting = meeting_for_editing(request.user, project_pk, pk)
    form = MeetingForm(request.POST or None, instance=meeting, project=project)
    if request.method == "POST" and form.is_valid():
        services.meeting_update(
            meeting=Meeting.objects.get(pk=meeting.pk), starts_at=form.starts_at, ends_at=form.ends_at, **form.details()
        )
        messages.success(request, _("Meeting saved. Members are told of any new time or place."))
        return redirect(meeting_url(meeting))
    return render(
        request,
        "meetings/form_page.html",
        {
            "project": project,
            "form": form,
            "title": _("Change or reschedule the meeting"),
            "intro": _("If you change the time or place, every member is emailed and their calendar updates."),
            "submit_label": _("Save"),
            "cancel_url": meeting_url(meeting),
            "breadcrumbs": crumbs(project, (str(meeting), meeting_url(meeting)), (_("Change"), None)),
        },
    )


def meeting_cancel(request, project_pk, pk):
    project, meeting = meeting_for_editing(request.user, project_pk, pk)
    if request.method == "POST":
        services.meeting_cancel(meeting=meeting)
        messages.success(request, _("Meeting cancelled. Members are being told."))
        return redirect(meeting_url(meeting))
    return render(
        request,
        "meetings/meeting_cancel.html",
        {
            "project": project,
            "meeting": meeting,
            "breadcrumbs": crumbs(project, (str(meeting), meeting_url(meeting)), (_("Cancel"), None)),
        },
    )


def meeting_calendar(request, project_pk, pk):
    _project, meeting = meeting_for_viewing(request.user, project_pk, pk)
    response = HttpResponse(meeting_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


def group_settings(request, project_pk, group_pk):
    project, group = group_for_scheduling(request.user, project_pk, group_pk)
    settings = meeting_settings_for(group)
    before = settings.pack_days_before
    form = MeetingSettingsForm(request.POST or None, instance=settings)
    if request.method == "POST" and form.is_valid():
        form.save()
        if form.instance.pack_days_before != before:
            services.group_packs_reschedule(group=group)
        messages.success(request, _("Settings saved."))
        return redirect("meetings:list", project.pk)
    return render(
        request,
        "meetings/form_page.html",
        {
            "project": project,
            "form": form,
            "title": _("Meeting settings for %(group)s") % {"group": group.name},
            "submit_label": _("Save"),
            "breadcrumbs": crumbs(project, (group.name, None)),
        },
    )


@require_POST
def email_retry(request, project_pk, pk, email_pk):
    _project, meeting = meeting_for_editing(request.user, project_pk, pk)
    email = get_object_or_404(OutgoingEmail, pk=email_pk, topic=meeting.topic)
    if outbox_email_retry(email=email):
        messages.success(request, _("The email to %(to)s will be tried again.") % {"to": email.recipient})
    return redirect(meeting_url(meeting) + "#pack")


@require_POST
def posting_done(request, project_pk, pk, posting_pk):
    _project, meeting = meeting_for_editing(request.user, project_pk, pk)
    posting = get_object_or_404(PackPosting, pk=posting_pk, meeting=meeting)
    services.posting_done(posting=posting)
    messages.success(request, _("Marked as posted to %(name)s.") % {"name": posting.person.name})
    return redirect(meeting_url(meeting) + "#pack")
