"""Public pages (no sign-in): the recruitment flyer with its expression-of-interest form,
and the fuller application reached by an emailed single-use link."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core.anonymity import LinkInvalid, LinkUsed
from core.ratelimit import attempt_allowed, client_key

from .. import services
from ..forms import ApplicationForm, InterestForm
from ..models import RecruitmentRound


@login_not_required
@never_cache
def join(request, slug):
    round = get_object_or_404(RecruitmentRound.objects.select_related("group__project__organisation"), slug=slug)
    context = {
        "round": round,
        "organisation": round.group.project.organisation,
        "contact": round.group.reply_to_address,
    }
    if not round.accepting(timezone.localdate()):
        return render(request, "groups/public/join_closed.html", context)
    form = InterestForm(request.POST or None)
    if request.method == "POST":
        if not attempt_allowed(
            scope="groups.interest.ip",
            value=client_key(request),
            limit=services.RATE_PER_IP,
            window=services.RATE_WINDOW,
        ):
            return render(request, "groups/public/too_many.html", context, status=429)
        if form.data.get("website"):
            # A honeypot filled in: a robot. Say thank you and store nothing.
            return render(request, "groups/public/join_thanks.html", {**context, "duplicate": False})
        if form.is_valid():
            data = form.cleaned_data
            if not attempt_allowed(
                scope="groups.interest.email",
                value=data["email"],
                limit=services.RATE_PER_EMAIL,
                window=services.RATE_WINDOW,
            ):
                return render(request, "groups/public/too_many.html", context, status=429)
            _applicant, created = services.interest_record(
                round=round,
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                member_type=data["member_type"],
                interest=data["interest"],
            )
            return render(request, "groups/public/join_thanks.html", {**context, "duplicate": not created})
    return render(request, "groups/public/join.html", {**context, "form": form})


@login_not_required
@never_cache
def apply(request, token):
    try:
        applicant = services.applicant_for_token(token)
    except LinkInvalid:
        return render(request, "groups/public/link_problem.html", {"used": False}, status=404)
    except LinkUsed:
        return render(request, "groups/public/link_problem.html", {"used": True}, status=410)
    round = applicant.round
    context = {"round": round, "organisation": round.group.project.organisation, "applicant": applicant}
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_submit(token=token, **form.cleaned_data)
        except (LinkInvalid, LinkUsed):
            return render(request, "groups/public/link_problem.html", {"used": True}, status=410)
        return render(request, "groups/public/apply_thanks.html", context)
    return render(request, "groups/public/apply.html", {**context, "form": form, "title": _("Apply to join")})
