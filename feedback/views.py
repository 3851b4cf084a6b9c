"""Staff pages: the Reflection tab, set-up, rounds, the chairs' dashboard and presentation view."""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.charts import diverging_likert, line_chart
from outcomes.guide import SCALE, SCALE_LABELS
from projects.permissions import project_for_viewing

from . import dashboard, services
from .forms import SetupForm, WeDidForm
from .guide import PRINCIPLE_KEYS
from .models import ReflectionAnswer, ReflectionRound, ReflectionSetup, WeDid
from .permissions import can_run_reflection, can_see_results, group_for_results, group_for_running


def _crumbs(project, *rest):
    return [
        (_("Projects"), reverse("projects:list")),
        (project.title, reverse("projects:detail", args=[project.pk])),
        (_("Reflection"), reverse("feedback:overview", args=[project.pk])),
        *rest,
    ]


def overview(request, project_pk):
    project = project_for_viewing(request.user, project_pk)
    groups = list(project.groups.select_related("reflection_setup").order_by("name"))
    rounds = (
        ReflectionRound.objects.filter(group__project=project)
        .annotate(answered=Count("invitations", filter=Q(invitations__completed=True)), invited=Count("invitations"))
        .select_related("meeting")
        .order_by("date", "pk")
    )
    by_group = {}
    for round in rounds:
        by_group.setdefault(round.group_id, []).append(round)
    for group in groups:
        group.rounds = by_group.get(group.pk, [])
        group.can_run = can_run_reflection(request.user, group)
        group.can_see_results = can_see_results(request.user, group)
    return render(
        request,
        "feedback/overview.html",
        {
            "project": project,
            "groups": groups,
            "section": "feedback",
            "breadcrumbs": _crumbs(project)[:-1] + [(_("Reflection"), None)],
        },
    )


def setup(request, project_pk, group_pk):
    group = group_for_running(request.user, project_pk, group_pk)
    project = group.project
    instance = getattr(group, "reflection_setup", None)
    if instance is None:
        from django.utils import timezone

        instance = ReflectionSetup(group=group, starts_on=timezone.localdate())
    form = SetupForm(request.POST or None, instance=instance, group=group)
    if request.method == "POST" and form.is_valid():
        services.setup_save(
            setup=form.save(),
            points_meetings=form.cleaned_data["chosen_meetings"],
            points_dates=form.chosen_dates(),
        )
        messages.success(request, _("Reflection set up. Rounds are planned from the group's meetings."))
        return redirect("feedback:overview", project.pk)
    return render(
        request,
        "feedback/setup.html",
        {
            "project": project,
            "group": group,
            "form": form,
            "section": "feedback",
            "breadcrumbs": _crumbs(project, (_("Set up reflection for %(group)s") % {"group": group.name}, None)),
        },
    )


def _round(group, round_pk):
    return get_object_or_404(ReflectionRound.objects.select_related("meeting"), group=group, pk=round_pk)


def round_detail(request, project_pk, group_pk, round_pk):
    group = group_for_running(request.user, project_pk, group_pk)
    round = _round(group, round_pk)
    counts = round.invitations.aggregate(invited=Count("pk"), answered=Count("pk", filter=Q(completed=True)))
    return render(
        request,
        "feedback/round_detail.html",
        {
            "project": group.project,
            "group": group,
            "round": round,
            **counts,
            "can_see_results": can_see_results(request.user, group),
            "section": "feedback",
            "breadcrumbs": _crumbs(group.project, (_("Round of %(date)s") % {"date": f"{round.date:%-d %B %Y}"}, None)),
        },
    )


@require_POST
def round_open(request, project_pk, group_pk, round_pk):
    group = group_for_running(request.user, project_pk, group_pk)
    round = _round(group, round_pk)
    if services.round_open(round=round):
        messages.success(request, _("The round is open. Invitations are on their way."))
    return redirect("feedback:round", group.project_id, group.pk, round.pk)


@require_POST
def round_close(request, project_pk, group_pk, round_pk):
    group = group_for_running(request.user, project_pk, group_pk)
    round = _round(group, round_pk)
    if services.round_close(round=round):
        messages.success(request, _("The round is closed. Its code no longer works."))
    return redirect("feedback:round", group.project_id, group.pk, round.pk)


def _results(request, group, *, chart_size=(560, 240)):
    rounds = dashboard.rounds_with_results(group)
    selected = None
    wanted = request.GET.get("round", "")
    if wanted.isdigit():
        selected = next((r for r in rounds if r.pk == int(wanted)), None)
    if selected is None:
        # The latest round with results to show; else the latest with any answers; else the latest.
        shown = [r for r in rounds if r.answer_count and not r.withheld] or [r for r in rounds if r.answer_count]
        selected = shown[-1] if shown else (rounds[-1] if rounds else None)
    labels, series = dashboard.trend(rounds)
    context = {
        "project": group.project,
        "group": group,
        "rounds": rounds,
        "selected": selected,
        "minimum": group.project.organisation.min_responses,
        "drop_points": dashboard.DROP_POINTS,
        "few_share": int(dashboard.FEW_ANSWERED_SHARE * 100),
        "scale": [label for _value, label in SCALE],
        "we_did": WeDid.objects.filter(round__group=group).select_related("round", "discussed_at"),
        "section": "feedback",
    }
    if rounds:
        width, height = chart_size
        context["trend_chart"] = line_chart(
            series,
            x_labels=labels,
            title=_("Share agreeing with each principle, by round"),
            chart_id="trend",
            width=width,
            height=height,
        )
    if selected is not None and not selected.withheld and selected.answer_count:
        context["likert_chart"] = diverging_likert(
            dashboard.likert_rows(selected),
            title=_("Answers on each principle, round of %(date)s") % {"date": f"{selected.date:%-d %B %Y}"},
            chart_id="likert",
            key=SCALE_LABELS,
        )
    context["answers"] = dashboard.round_texts(selected)
    context["suggestions"] = [a for a in context["answers"] if a.better]
    context["principle_keys"] = PRINCIPLE_KEYS
    return context


def dashboard_view(request, project_pk, group_pk):
    group = group_for_results(request.user, project_pk, group_pk)
    context = _results(request, group)
    context["breadcrumbs"] = _crumbs(group.project, (_("Dashboard for %(group)s") % {"group": group.name}, None))
    return render(request, "feedback/dashboard.html", context)


def present(request, project_pk, group_pk):
    group = group_for_results(request.user, project_pk, group_pk)
    # Shown on a screen to the whole room: a chart large enough to read from the back.
    return render(request, "feedback/present.html", _results(request, group, chart_size=(960, 420)))


def we_did_create(request, project_pk, group_pk, round_pk):
    group = group_for_results(request.user, project_pk, group_pk)
    round = _round(group, round_pk)
    initial = {}
    source = request.GET.get("answer", "")
    if source:
        # Only a suggestion from a round whose results may be shown can be quoted.
        rounds = {r.pk: r for r in dashboard.rounds_with_results(group)}
        if round.pk in rounds and not rounds[round.pk].withheld:
            answer = ReflectionAnswer.objects.filter(round=round, id__in=[source] if _is_uuid(source) else []).first()
            if answer:
                initial["you_said"] = answer.better
    form = WeDidForm(request.POST or None, initial=initial, group=group, instance=WeDid(round=round))
    if request.method == "POST" and form.is_valid():
        services.we_did_save(we_did=form.save(commit=False), user=request.user)
        messages.success(request, _("Saved in “you said, we did”."))
        return redirect(reverse("feedback:dashboard", args=[group.project_id, group.pk]) + f"?round={round.pk}")
    return _we_did_page(request, group, round, form)


def we_did_edit(request, project_pk, group_pk, pk):
    group = group_for_results(request.user, project_pk, group_pk)
    we_did = get_object_or_404(WeDid.objects.select_related("round"), round__group=group, pk=pk)
    form = WeDidForm(request.POST or None, instance=we_did, group=group)
    if request.method == "POST" and form.is_valid():
        services.we_did_save(we_did=form.save(commit=False), user=request.user)
        messages.success(request, _("Saved in “you said, we did”."))
        return redirect(reverse("feedback:dashboard", args=[group.project_id, group.pk]) + f"?round={we_did.round_id}")
    return _we_did_page(request, group, we_did.round, form)


def _we_did_page(request, group, round, form):
    dashboard_url = reverse("feedback:dashboard", args=[group.project_id, group.pk])
    return render(
        request,
        "feedback/we_did_form.html",
        {
            "project": group.project,
            "group": group,
            "round": round,
            "form": form,
            "cancel_url": dashboard_url,
            "section": "feedback",
            "breadcrumbs": _crumbs(
                group.project,
                (_("Dashboard for %(group)s") % {"group": group.name}, dashboard_url),
                (_("You said, we did"), None),
            ),
        },
    )


def _is_uuid(text):
    import uuid

    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True
