import math

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.anonymity import LinkInvalid, LinkUsed, invitation_find
from projects.permissions import can_edit_project, project_for_editing, project_for_viewing

from . import services
from .figures import projects_filtered
from .forms import DashboardFilterForm, IndicatorForm, MonitoringForm, PopulationForm, ReadingForm
from .models import MonitoringInvitation, ReportExport
from .permissions import (
    export_for_user,
    indicator_for_editing,
    indicator_for_viewing,
    organisation_for_admin,
    projects_for_reports,
    reading_for_editing,
    report_for_viewing,
)
from .report import across_report, dashboard_sections, filters_described, project_report, projects_page, report_csv
from .sections import SECTIONS, ReportContext, indicators_project


def _reports_crumb():
    return (_("Reports"), reverse("reporting:dashboard"))


def _project_crumbs(project, *last):
    return [(_("Projects"), reverse("projects:list")), (project.title, project.get_absolute_url()), *last]


# --- Dashboard and project report --------------------------------------------------------


def _dashboard_scope(request):
    projects = projects_for_reports(request.user)
    form = DashboardFilterForm(request.GET or None, projects=projects)
    filters = form.filters()
    return form, filters, projects_filtered(projects, **filters)


def dashboard(request):
    form, filters, selected = _dashboard_scope(request)
    organisation = request.user.organisation
    page = projects_page(selected, request.GET.get("page"))
    query = request.GET.copy()
    fresh = bool(query.pop("fresh", None))
    others = query.copy()
    others.pop("page", None)
    sections_html, as_of = "", timezone.now()
    if organisation:
        sections_html, as_of = dashboard_sections(
            selected, organisation, page=page, page_query=others.urlencode(), fresh=fresh
        )
    return render(
        request,
        "reporting/dashboard.html",
        {
            "form": form,
            "filters": filters,
            "filters_text": filters_described(filters),
            "section_list": [s for s in SECTIONS if s.across],
            "sections_html": sections_html,
            "query": query.urlencode(),
            "as_of": as_of,
            "cache_minutes": math.ceil(settings.REPORT_CACHE_SECONDS / 60),
            "breadcrumbs": [(_("Reports"), None)],
        },
    )


def dashboard_csv(request):
    form, filters, selected = _dashboard_scope(request)
    organisation = request.user.organisation
    if organisation is None:
        raise Http404
    body = report_csv(across_report(selected, organisation), _("All projects"))
    return _csv_response(body, "reports-all-projects.csv")


def project_report_page(request, pk):
    project = report_for_viewing(request.user, pk)
    return render(
        request,
        "reporting/project_report.html",
        {
            "project": project,
            "sections": project_report(project),
            "as_of": timezone.now(),
            "scope": "project",
            "section": "report",
            "can_edit": can_edit_project(request.user, project),
            "exports": ReportExport.objects.downloadable_by(request.user).filter(project=project)[:5],
            "breadcrumbs": _project_crumbs(project, (_("Report"), None)),
        },
    )


def project_report_csv(request, pk):
    project = report_for_viewing(request.user, pk)
    body = report_csv(project_report(project), project.title)
    return _csv_response(body, f"report-project-{project.pk}.csv")


def _csv_response(body, filename):
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- PDF exports -----------------------------------------------------------------------------


@require_POST
def export_create(request):
    if request.user.organisation_id is None:
        raise Http404
    if request.POST.get("scope") == ReportExport.Scope.PROJECT:
        project = project_for_viewing(request.user, request.POST.get("project") or 0)
        export = services.export_request(user=request.user, scope=ReportExport.Scope.PROJECT, project=project)
    else:
        form = DashboardFilterForm(request.POST, projects=projects_for_reports(request.user))
        export = services.export_request(user=request.user, scope=ReportExport.Scope.ACROSS, filters=form.filters())
    messages.success(request, _("Your PDF report is being made. We will email you when it is ready."))
    return redirect(export)


def export_list(request):
    exports = ReportExport.objects.downloadable_by(request.user).select_related("project", "requested_by")[:50]
    return render(
        request,
        "reporting/export_list.html",
        {"exports": exports, "breadcrumbs": [_reports_crumb(), (_("PDF reports"), None)]},
    )


def export_detail(request, pk):
    export = export_for_user(request.user, pk)
    return render(
        request,
        "reporting/export_detail.html",
        {
            "export": export,
            "scope_text": export.project.title if export.project else filters_described(export.filters),
            "breadcrumbs": [
                _reports_crumb(),
                (_("PDF reports"), reverse("reporting:export_list")),
                (_("PDF report"), None),
            ],
        },
    )


def export_download(request, pk):
    export = export_for_user(request.user, pk)
    if export.status != ReportExport.Status.READY or not export.file:
        raise Http404
    return FileResponse(
        export.file.open("rb"), as_attachment=True, filename=export.filename, content_type="application/pdf"
    )


# --- Service indicators --------------------------------------------------------------------


def indicator_list(request, pk):
    project = project_for_viewing(request.user, pk)
    context = ReportContext(organisation=project.organisation, today=timezone.localdate())
    return render(
        request,
        "reporting/indicator_list.html",
        {
            "project": project,
            "section": "indicators",
            "items": indicators_project(project, context),
            "can_edit": can_edit_project(request.user, project),
            "breadcrumbs": _project_crumbs(project, (_("Service indicators"), None)),
        },
    )


def _indicators_crumb(project):
    return (_("Service indicators"), reverse("reporting:indicator_list", args=[project.pk]))


def indicator_create(request, pk):
    project = project_for_editing(request.user, pk)
    form = IndicatorForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        form.instance.project = project
        indicator = form.save()
        messages.success(request, _("Indicator added. Now record its readings."))
        return redirect(indicator)
    return render(
        request,
        "reporting/indicator_form.html",
        {
            "project": project,
            "section": "indicators",
            "form": form,
            "heading": _("Add a service indicator"),
            "cancel_url": reverse("reporting:indicator_list", args=[project.pk]),
            "breadcrumbs": _project_crumbs(project, _indicators_crumb(project), (_("Add"), None)),
        },
    )


def indicator_detail(request, pk, indicator_pk):
    project, indicator = indicator_for_viewing(request.user, pk, indicator_pk)
    context = ReportContext(organisation=project.organisation, today=timezone.localdate())
    item = next(i for i in indicators_project(project, context) if i["summary"].indicator.pk == indicator.pk)
    return render(
        request,
        "reporting/indicator_detail.html",
        {
            "project": project,
            "section": "indicators",
            "indicator": indicator,
            "item": item,
            "can_edit": can_edit_project(request.user, project),
            "breadcrumbs": _project_crumbs(project, _indicators_crumb(project), (indicator.name, None)),
        },
    )


def indicator_edit(request, pk, indicator_pk):
    project, indicator = indicator_for_editing(request.user, pk, indicator_pk)
    form = IndicatorForm(request.POST or None, instance=indicator, project=project)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Indicator saved."))
        return redirect(indicator)
    return render(
        request,
        "reporting/indicator_form.html",
        {
            "project": project,
            "section": "indicators",
            "form": form,
            "heading": _("Change %(name)s") % {"name": indicator.name},
            "cancel_url": indicator.get_absolute_url(),
            "breadcrumbs": _project_crumbs(
                project, _indicators_crumb(project), (indicator.name, indicator.get_absolute_url()), (_("Change"), None)
            ),
        },
    )


def indicator_delete(request, pk, indicator_pk):
    project, indicator = indicator_for_editing(request.user, pk, indicator_pk)
    if request.method == "POST":
        indicator.delete()
        messages.success(request, _("Indicator deleted."))
        return redirect("reporting:indicator_list", project.pk)
    return render(
        request,
        "confirm_delete.html",
        {
            "project": project,
            "section": "indicators",
            "heading": _("Delete %(name)s?") % {"name": indicator.name},
            "warning": _("Its %(count)s readings will be deleted too. This cannot be undone.")
            % {"count": indicator.readings.count()},
            "cancel_url": indicator.get_absolute_url(),
            "breadcrumbs": _project_crumbs(
                project, _indicators_crumb(project), (indicator.name, indicator.get_absolute_url()), (_("Delete"), None)
            ),
        },
    )


def reading_create(request, pk, indicator_pk):
    project, indicator = indicator_for_editing(request.user, pk, indicator_pk)
    form = ReadingForm(request.POST or None, indicator=indicator)
    if request.method == "POST" and form.is_valid():
        form.instance.indicator = indicator
        form.save()
        messages.success(request, _("Reading recorded."))
        return redirect(indicator)
    return _reading_form(request, project, indicator, form, _("Record a reading"))


def reading_edit(request, pk, indicator_pk, reading_pk):
    project, indicator, reading = reading_for_editing(request.user, pk, indicator_pk, reading_pk)
    form = ReadingForm(request.POST or None, instance=reading, indicator=indicator)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Reading saved."))
        return redirect(indicator)
    return _reading_form(request, project, indicator, form, _("Change the reading"))


def _reading_form(request, project, indicator, form, heading):
    return render(
        request,
        "reporting/indicator_form.html",
        {
            "project": project,
            "section": "indicators",
            "form": form,
            "heading": heading,
            "caption": indicator.name,
            "cancel_url": indicator.get_absolute_url(),
            "breadcrumbs": _project_crumbs(
                project, _indicators_crumb(project), (indicator.name, indicator.get_absolute_url()), (heading, None)
            ),
        },
    )


def reading_delete(request, pk, indicator_pk, reading_pk):
    project, indicator, reading = reading_for_editing(request.user, pk, indicator_pk, reading_pk)
    if request.method == "POST":
        reading.delete()
        messages.success(request, _("Reading deleted."))
        return redirect(indicator)
    return render(
        request,
        "confirm_delete.html",
        {
            "project": project,
            "section": "indicators",
            "heading": _("Delete the reading of %(date)s?") % {"date": reading.recorded_on.strftime("%-d %B %Y")},
            "warning": _("This cannot be undone."),
            "cancel_url": indicator.get_absolute_url(),
            "breadcrumbs": _project_crumbs(
                project, _indicators_crumb(project), (indicator.name, indicator.get_absolute_url()), (_("Delete"), None)
            ),
        },
    )


# --- Equality monitoring ---------------------------------------------------------------------


def monitoring(request, pk):
    project = project_for_editing(request.user, pk)
    if request.method == "POST":
        count = services.monitoring_invite(project=project)
        if count:
            messages.success(
                request, _("The equality monitoring form is being emailed to %(n)s people.") % {"n": count}
            )
        else:
            messages.info(request, _("Everyone with an email address has already been asked."))
        return redirect("reporting:monitoring", project.pk)
    invitations = MonitoringInvitation.objects.filter(project=project)
    return render(
        request,
        "reporting/monitoring.html",
        {
            "project": project,
            "section": "report",
            "invited": invitations.count(),
            "breadcrumbs": _project_crumbs(
                project,
                (_("Report"), reverse("reporting:project_report", args=[project.pk])),
                (_("Equality monitoring"), None),
            ),
        },
    )


@login_not_required
def monitoring_answer(request, token):
    try:
        invitation = invitation_find(MonitoringInvitation.objects.select_related("project__organisation"), token)
    except LinkInvalid:
        raise Http404 from None
    project = invitation.project
    context = {"project": project, "organisation": project.organisation}
    if invitation.completed:
        return render(request, "reporting/monitoring_done.html", {**context, "already": True})
    form = MonitoringForm(request.POST or None, organisation=project.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.monitoring_answer(token=token, answers=form.cleaned_data)
        except LinkInvalid:
            raise Http404 from None
        except LinkUsed:
            return render(request, "reporting/monitoring_done.html", {**context, "already": True})
        return render(request, "reporting/monitoring_done.html", context)
    return render(request, "reporting/monitoring_form.html", {**context, "form": form})


def population(request):
    organisation = organisation_for_admin(request.user)
    form = PopulationForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        services.population_save(organisation=organisation, shares=form.shares())
        messages.success(request, _("Population profile saved."))
        return redirect("reporting:population")
    return render(
        request,
        "reporting/population.html",
        {"form": form, "breadcrumbs": [_reports_crumb(), (_("Population profile"), None)]},
    )
