"""Staff pages for the agenda, papers and the printable agenda and notes."""

from django.contrib import messages
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.pdf import pdf_render

from .. import services
from ..forms import AgendaItemForm, PaperForm
from ..models import Action, AgendaItem, Paper
from ..permissions import meeting_for_editing, meeting_for_viewing
from .planning import crumbs, meeting_url


def _item(meeting, item_pk):
    return get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)


def item_create(request, project_pk, pk):
    project, meeting = meeting_for_editing(request.user, project_pk, pk)
    form = AgendaItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.item_add(meeting=meeting, **form.cleaned_data)
        messages.success(request, _("Agenda item added."))
        return redirect(meeting_url(meeting) + "#agenda")
    return _form_page(request, project, meeting, form, _("Add an agenda item"), _("Add the item"))


def item_edit(request, project_pk, pk, item_pk):
    project, meeting = meeting_for_editing(request.user, project_pk, pk)
    item = _item(meeting, item_pk)
    form = AgendaItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Agenda item saved."))
        return redirect(meeting_url(meeting) + "#agenda")
    return _form_page(request, project, meeting, form, _("Change an agenda item"), _("Save"))


@require_POST
def item_delete(request, project_pk, pk, item_pk):
    _project, meeting = meeting_for_editing(request.user, project_pk, pk)
    item = _item(meeting, item_pk)
    for paper in item.papers.all():
        services.paper_remove(paper=paper)
    item.delete()
    messages.success(request, _("Agenda item removed."))
    return redirect(meeting_url(meeting) + "#agenda")


@require_POST
def item_move(request, project_pk, pk, item_pk, direction):
    _project, meeting = meeting_for_editing(request.user, project_pk, pk)
    services.item_move(item=_item(meeting, item_pk), direction=direction)
    return redirect(meeting_url(meeting) + "#agenda")


def paper_create(request, project_pk, pk, item_pk):
    project, meeting = meeting_for_editing(request.user, project_pk, pk)
    item = _item(meeting, item_pk)
    form = PaperForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.paper_add(
            item=item,
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
            content_type=form.content_type,
        )
        messages.success(request, _("Paper added."))
        return redirect(meeting_url(meeting) + "#agenda")
    return _form_page(
        request, project, meeting, form, _("Add a paper to “%(item)s”") % {"item": item.title}, _("Upload the paper")
    )


def paper_download(request, project_pk, pk, paper_pk):
    _project, meeting = meeting_for_viewing(request.user, project_pk, pk)
    return paper_response(get_object_or_404(Paper, pk=paper_pk, item__meeting=meeting))


def paper_response(paper):
    # Content-Type is the one checked at upload; the browser is told not to sniff (settings).
    response = FileResponse(
        paper.file.open("rb"), content_type=paper.content_type, as_attachment=True, filename=paper.original_name
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def paper_delete(request, project_pk, pk, paper_pk):
    _project, meeting = meeting_for_editing(request.user, project_pk, pk)
    services.paper_remove(paper=get_object_or_404(Paper, pk=paper_pk, item__meeting=meeting))
    messages.success(request, _("Paper removed."))
    return redirect(meeting_url(meeting) + "#agenda")


def _form_page(request, project, meeting, form, title, submit_label, **extra):
    return render(
        request,
        "meetings/form_page.html",
        {
            **extra,
            "project": project,
            "form": form,
            "title": title,
            "submit_label": submit_label,
            "cancel_url": meeting_url(meeting),
            "breadcrumbs": crumbs(project, (str(meeting), meeting_url(meeting)), (title, None)),
        },
    )


def _printable_context(meeting):
    return {
        "meeting": meeting,
        "group": meeting.group,
        "organisation": meeting.group.project.organisation,
        "items": meeting.agenda_items.timed().prefetch_related("papers"),
        "matters_arising": Action.objects.matters_arising_for(meeting),
        "attendance": meeting.attendance.select_related("person"),
        "actions": meeting.actions.select_related("item"),
        "decisions": meeting.decisions.select_related("item"),
    }


def agenda_print(request, project_pk, pk):
    project, meeting = meeting_for_viewing(request.user, project_pk, pk)
    context = _printable_context(meeting) | {
        "project": project,
        "breadcrumbs": crumbs(project, (str(meeting), meeting_url(meeting)), (_("Agenda"), None)),
    }
    return render(request, "meetings/agenda_print.html", context)


def agenda_pdf(request, project_pk, pk):
    _project, meeting = meeting_for_viewing(request.user, project_pk, pk)
    pdf = pdf_render("meetings/pdf/agenda.html", _printable_context(meeting))
    return _pdf_response(pdf, f"agenda-{meeting.pk}.pdf")


def notes_print(request, project_pk, pk):
    project, meeting = meeting_for_viewing(request.user, project_pk, pk)
    context = _printable_context(meeting) | {
        "project": project,
        "breadcrumbs": crumbs(project, (str(meeting), meeting_url(meeting)), (_("Notes"), None)),
    }
    return render(request, "meetings/notes_print.html", context)


def notes_pdf(request, project_pk, pk):
    _project, meeting = meeting_for_viewing(request.user, project_pk, pk)
    pdf = pdf_render("meetings/pdf/notes.html", _printable_context(meeting))
    return _pdf_response(pdf, f"notes-{meeting.pk}.pdf")


def _pdf_response(pdf, filename):
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
