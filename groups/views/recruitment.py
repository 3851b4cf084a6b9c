from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import services
from ..forms import DecisionForm, RoundForm
from ..models import Applicant, RecruitmentRound
from ..permissions import group_for_editing
from .common import group_context


def _round(group, round_pk):
    return get_object_or_404(RecruitmentRound, group=group, pk=round_pk)


def _round_crumb(round):
    return (round.title, round.get_absolute_url())


def round_create(request, project_pk, pk):
    group = group_for_editing(request.user, project_pk, pk)
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        round = form.save(commit=False)
        round.group = group
        round.save()
        messages.success(request, _("Recruitment round created. Its public page is ready to share."))
        return redirect(round)
    return render(
        request,
        "groups/form_page.html",
        group_context(
            group,
            (_("New recruitment round"), None),
            form=form,
            title=_("Open recruitment"),
            intro=_(
                "The guide recommends an open and transparent selection process for residents: a short flyer "
                "to gain initial interest, followed by a more detailed application. Keep it as simple and "
                "accessible as possible."
            ),
        ),
    )


def round_edit(request, project_pk, pk, round_pk):
    group = group_for_editing(request.user, project_pk, pk)
    round = _round(group, round_pk)
    form = RoundForm(request.POST or None, instance=round)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Recruitment round saved."))
        return redirect(round)
    return render(
        request,
        "groups/form_page.html",
        group_context(group, _round_crumb(round), (_("Change"), None), form=form, title=_("Change the round")),
    )


def round_detail(request, project_pk, pk, round_pk):
    group = group_for_editing(request.user, project_pk, pk)
    round = _round(group, round_pk)
    applicants = round.applicants.select_related("person")
    status_counts, reason_counts = applicants.status_counts(), applicants.reason_counts()
    return render(
        request,
        "groups/round_detail.html",
        group_context(
            group,
            (round.title, None),
            round=round,
            applicants=applicants,
            status_rows=[(label, status_counts.get(value, 0)) for value, label in Applicant.Status.choices],
            reason_rows=[
                (label, reason_counts[value]) for value, label in Applicant.Reason.choices if value in reason_counts
            ],
            public_url=request.build_absolute_uri(round.get_public_url()),
        ),
    )


def applicant_detail(request, project_pk, pk, round_pk, applicant_pk):
    group = group_for_editing(request.user, project_pk, pk)
    round = _round(group, round_pk)
    applicant = get_object_or_404(
        Applicant.objects.select_related("person", "decided_by"), round=round, pk=applicant_pk
    )
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.applicant_decide(
            applicant=applicant,
            decision=data["decision"],
            reason=data["reason"],
            note=data["note"],
            joined_on=data["joined_on"],
            by=request.user,
        )
        messages.success(request, _("Decision recorded."))
        return redirect(round)
    return render(
        request,
        "groups/applicant_detail.html",
        group_context(
            group,
            _round_crumb(round),
            (applicant.person.name, None),
            round=round,
            applicant=applicant,
            form=form,
            decision_url=reverse("groups:applicant_detail", args=[group.project_id, group.pk, round.pk, applicant.pk]),
        ),
    )
