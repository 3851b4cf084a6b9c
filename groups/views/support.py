from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings.models import Meeting

from .. import services
from ..forms import ClaimStatusForm, ExpenseClaimForm, ExpensesPolicyForm
from ..models import ExpenseClaim, Person
from ..permissions import group_for_access, group_for_editing
from .common import group_context

UPCOMING_MEETINGS_SHOWN = 6


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


# A person's preferred format for papers, and the access requirement that asks for the same.
PAPER_FORMAT_NEEDS = {
    Person.Format.LARGE_PRINT: "large_print",
    Person.Format.EASY_READ: "easy_read",
    Person.Format.AUDIO: "audio",
    Person.Format.PAPER: "paper_by_post",
}


def _member_needs(membership, first_meeting):
    """What one member needs for a meeting, in words the secretariat can act on."""
    needs = []
    person = membership.person
    record = getattr(membership, "access", None)
    if record is None or not record.consent_given:
        record = None
    # The preferred format and the access record often say the same thing: say it once.
    format_field = PAPER_FORMAT_NEEDS.get(person.preferred_format)
    if format_field and not (record is not None and getattr(record, format_field)):
        needs.append(_("Papers: %(format)s") % {"format": person.get_preferred_format_display()})
    if record is not None:
        needs.extend(record.needs())
    if first_meeting and not membership.first_call_done:
        needs.append(_("A call before the first meeting (not done yet)"))
    return needs


def logistics(request, project_pk, pk):
    """For each upcoming meeting: who needs what, so the secretariat can act on it."""
    group = group_for_access(request.user, project_pk, pk)
    today = timezone.localdate()
    meetings = list(
        Meeting.objects.filter(group=group, status=Meeting.Status.SCHEDULED, starts_at__gte=timezone.now()).order_by(
            "starts_at"
        )[:UPCOMING_MEETINGS_SHOWN]
    )
    first_meeting_pk = Meeting.objects.filter(group=group).order_by("starts_at").values_list("pk", flat=True).first()
    memberships = list(
        group.memberships.filter(Q(left_on__isnull=True) | Q(left_on__gte=today))
        .select_related("person", "access")
        .order_by("person__name")
    )
    plans, shown = [], set()
    for meeting in meetings:
        on = timezone.localtime(meeting.starts_at).date()
        rows = []
        for membership in memberships:
            if membership.joined_on > on or (membership.left_on and membership.left_on < on):
                continue
            needs = _member_needs(membership, meeting.pk == first_meeting_pk)
            if needs:
                rows.append((membership, needs))
                shown.add(membership.person)
        plans.append((meeting, rows))
    services.access_views_log(
        viewer=request.user, group=group, people=sorted(shown, key=lambda p: p.pk), where="logistics"
    )
    return render(
        request,
        "groups/logistics.html",
        group_context(group, (_("Meeting logistics"), None), plans=plans),
    )
