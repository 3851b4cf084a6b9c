import math

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.csv import csv_response
from core.views import ScopedCreateView, ScopedDeleteView, ScopedUpdateView
from projects.permissions import can_edit_project, project_for_editing, project_for_viewing

from . import services
from .figures import projects_filtered
from .forms import DashboardFilterForm, IndicatorForm, PopulationForm, ReadingForm
from .models import Indicator, IndicatorReading, MonitoringInvitation, ReportExport
from .permissions import (
    export_for_viewing,
    indicator_for_viewing,
    organisation_for_population,
    projects_for_reports,
    report_for_viewing,
)
from .report import across_report, dashboard_sections, filters_described, project_report, projects_page, report_csv_rows
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
    rows = report_csv_rows(across_report(selected, organisation), _("All projects"))
    return csv_response(rows, filename="reports-all-projects.csv")


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
    rows = report_csv_rows(project_report(project), project.title)
    return csv_response(rows, filename=f"report-project-{project.pk}.csv")


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
    export = export_for_viewing(request.user, pk)
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
    export = export_for_viewing(request.user, pk)
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


class IndicatorPage:
    """Changing a project's service indicators and their readings: the project first (for
    those who may edit it), then its own indicators only."""

    heading = ""

    def check_access(self, request, pk, **kwargs):
        self.project = project_for_editing(request.user, pk)

    def get_heading(self):
        return self.heading

    def crumbs(self, heading):
        """The breadcrumbs after "Service indicators"."""
        return [(self.object.name, self.object.get_absolute_url()), (heading, None)]

    def cancel_url(self):
        return self.object.get_absolute_url()

    def get_context_data(self, **kwargs):
        heading = self.get_heading()
        return super().get_context_data(
            project=self.project,
            section="indicators",
            heading=heading,
            cancel_url=self.cancel_url(),
            breadcrumbs=_project_crumbs(self.project, _indicators_crumb(self.project), *self.crumbs(heading)),
            **kwargs,
        )


class Indicators(IndicatorPage):
    model = Indicator
    form_class = IndicatorForm
    pk_url_kwarg = "indicator_pk"
    template_name = "reporting/indicator_form.html"

    def get_queryset(self):
        return self.project.indicators.all()

    def form_kwargs(self):
        return {"project": self.project}


class IndicatorCreate(Indicators, ScopedCreateView):
    heading = gettext_lazy("Add a service indicator")
    success_message = gettext_lazy("Indicator added. Now record its readings.")

    def save(self, form):
        form.instance.project = self.project
        return form.save()

    def crumbs(self, heading):
        return [(_("Add"), None)]

    def cancel_url(self):
        return reverse("reporting:indicator_list", args=[self.project.pk])


class IndicatorEdit(Indicators, ScopedUpdateView):
    success_message = gettext_lazy("Indicator saved.")

    def get_heading(self):
        return _("Change %(name)s") % {"name": self.object.name}

    def crumbs(self, heading):
        return super().crumbs(_("Change"))


class IndicatorDelete(Indicators, ScopedDeleteView):
    template_name = "confirm_delete.html"
    success_message = gettext_lazy("Indicator deleted.")

    def get_heading(self):
        return _("Delete %(name)s?") % {"name": self.object.name}

    def crumbs(self, heading):
        return super().crumbs(_("Delete"))

    def get_success_url(self):
        return reverse("reporting:indicator_list", args=[self.project.pk])

    def get_context_data(self, **kwargs):
        warning = _("Its %(count)s readings will be deleted too. This cannot be undone.") % {
            "count": self.object.readings.count()
        }
        return super().get_context_data(warning=warning, **kwargs)


class Readings(IndicatorPage):
    """An indicator's readings: the indicator among the project's own, the reading among its own."""

    model = IndicatorReading
    form_class = ReadingForm
    pk_url_kwarg = "reading_pk"
    template_name = "reporting/indicator_form.html"

    def check_access(self, request, pk, indicator_pk, **kwargs):
        super().check_access(request, pk)
        self.indicator = get_object_or_404(self.project.indicators.all(), pk=indicator_pk)

    def get_queryset(self):
        return self.indicator.readings.all()

    def form_kwargs(self):
        return {"indicator": self.indicator}

    def crumbs(self, heading):
        return [(self.indicator.name, self.indicator.get_absolute_url()), (heading, None)]

    def cancel_url(self):
        return self.indicator.get_absolute_url()

    def get_success_url(self):
        return self.indicator.get_absolute_url()

    def get_context_data(self, **kwargs):
        return super().get_context_data(caption=self.indicator.name, **kwargs)


class ReadingCreate(Readings, ScopedCreateView):
    heading = gettext_lazy("Record a reading")
    success_message = gettext_lazy("Reading recorded.")

    def save(self, form):
        form.instance.indicator = self.indicator
        return form.save()


class ReadingEdit(Readings, ScopedUpdateView):
    heading = gettext_lazy("Change the reading")
    success_message = gettext_lazy("Reading saved.")


class ReadingDelete(Readings, ScopedDeleteView):
    template_name = "confirm_delete.html"
    success_message = gettext_lazy("Reading deleted.")

    def get_heading(self):
        return _("Delete the reading of %(date)s?") % {"date": self.object.recorded_on.strftime("%-d %B %Y")}

    def crumbs(self, heading):
        return super().crumbs(_("Delete"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(warning=_("This cannot be undone."), **kwargs)


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


def population(request):
    organisation = organisation_for_population(request.user)
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
