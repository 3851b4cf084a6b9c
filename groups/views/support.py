from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.views import ScopedCreateView, ScopedUpdateView

from ..forms import ClaimStatusForm, ExpenseClaimForm, ExpensesPolicyForm
from ..models import ExpenseClaim
from ..permissions import group_for_editing
from .common import GroupFormPage, group_context


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


class ExpensesPage(GroupFormPage):
    """A form under the group's support and expenses page."""

    def crumbs(self):
        expenses = reverse("groups:expenses", args=[self.group.project_id, self.group.pk])
        return [(_("Support and expenses"), expenses), (self.last_crumb, None)]

    def get_success_url(self):
        return reverse("groups:expenses", args=[self.group.project_id, self.group.pk])


class ExpensesPolicyEdit(ExpensesPage, ScopedUpdateView):
    form_class = ExpensesPolicyForm
    title = gettext_lazy("Agreed support and expenses policy")
    intro = gettext_lazy("One of the guide's standard objectives: agree support and expenses for members of the group.")
    last_crumb = gettext_lazy("Policy")
    success_message = gettext_lazy("Support and expenses policy saved.")

    def get_object(self):
        return self.group


class ClaimAdd(ExpensesPage, ScopedCreateView):
    form_class = ExpenseClaimForm
    title = gettext_lazy("Record an expenses claim")
    last_crumb = gettext_lazy("New claim")
    success_message = gettext_lazy("Claim recorded.")

    def form_kwargs(self):
        return {"group": self.group}


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
