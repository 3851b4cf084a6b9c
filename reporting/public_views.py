"""Public pages (no sign-in): the equality monitoring form behind an emailed link."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import render

from core.anonymity import LinkInvalid, LinkUsed, invitation_find

from . import services
from .forms import MonitoringForm
from .models import MonitoringInvitation


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
