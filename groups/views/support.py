from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms import ClaimStatusForm, ExpenseClaimForm, ExpensesPolicyForm
from ..models import ExpenseClaim
from ..permissions import group_for_editing
from .common import group_context


def expenses(request, project_pk, pk):
    group = group_for_editing(request.user, project_pk, pk)
    claims = ExpenseClaim.objects.filter(membership__group=group).select_related("membership__person")
    by_status = claims.totals_by_status()
    totals = [
        (label, by_status[value]["n"], by_status[value]["total"])
        for value, label in ExpenseClaim.Status.choices
        if value in by_status
    ]
    return render(
        request,
        "groups/expenses.html",
        group_context(
            group,
            (_("Support and expenses"), None),
            claims=claims,
            totals=totals,
            statuses=ExpenseClaim.Status.choices,
        ),
    )


def expenses_policy(request, project_pk, pk):
    group = group_for_editing(request.user, project_pk, pk)
    form = ExpensesPolicyForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Support and expenses policy saved."))
        return redirect("groups:expenses", group.project_id, group.pk)
    return render(
        request,
        "groups/form_page.html",
        group_context(
            group,
            (_("Support and expenses"), reverse("groups:expenses", args=[group.project_id, group.pk])),
            (_("Policy"), None),
            form=form,
            title=_("Agreed support and expenses policy"),
            intro=_("One of the guide's standard objectives: agree support and expenses for members of the group."),
        ),
    )


def claim_add(request, project_pk, pk):
    group = group_for_editing(request.user, project_pk, pk)
    form = ExpenseClaimForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Claim recorded."))
        return redirect("groups:expenses", group.project_id, group.pk)
    return render(
        request,
        "groups/form_page.html",
        group_context(
            group,
            (_("Support and expenses"), reverse("groups:expenses", args=[group.project_id, group.pk])),
            (_("New claim"), None),
            form=form,
            title=_("Record an expenses claim"),
        ),
    )


@require_POST
def claim_status(request, project_pk, pk, claim_pk):
    group = group_for_editing(request.user, project_pk, pk)
    claim = get_object_or_404(ExpenseClaim, membership__group=group, pk=claim_pk)
    form = ClaimStatusForm(request.POST, instance=claim)
    if form.is_valid():
        form.save()
        messages.success(request, _("Claim marked %(status)s.") % {"status": claim.get_status_display().lower()})
    else:
        messages.error(request, _("Choose a status for the claim."))
    return redirect("groups:expenses", group.project_id, group.pk)
