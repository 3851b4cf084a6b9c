import random
from collections import defaultdict

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.csv import csv_response
from projects.permissions import can_edit_project, project_for_editing, project_for_viewing

from . import guide, services
from .forms import AnswerForm, InviteForm, PaperAudienceForm, QuestionnaireForm, StatementAddForm, StatementRewordForm
from .models import Answer, Audience, Questionnaire, Response
from .permissions import questionnaire_for_editing, questionnaire_for_viewing
from .results import questionnaire_results


def _crumbs(project, *more):
    return [
        (_("Projects"), reverse("projects:list")),
        (project.title, reverse("projects:detail", args=[project.pk])),
        (_("Questionnaires"), reverse("outcomes:list", args=[project.pk])),
        *more,
    ]


def _context(questionnaire, *crumbs, **extra):
    project = questionnaire.project
    return {
        "project": project,
        "questionnaire": questionnaire,
        "section": "questionnaires",
        "breadcrumbs": _crumbs(project, (questionnaire.title, questionnaire.get_absolute_url()), *crumbs),
        **extra,
    }


def questionnaire_list(request, project_pk):
    project = project_for_viewing(request.user, project_pk)
    questionnaires = project.questionnaires.with_counts().select_related("repeats")
    return render(
        request,
        "outcomes/questionnaire_list.html",
        {
            "project": project,
            "questionnaires": questionnaires,
            "can_edit": can_edit_project(request.user, project),
            "today": timezone.localdate(),
            "section": "questionnaires",
            "breadcrumbs": _crumbs(project)[:-1] + [(_("Questionnaires"), None)],
        },
    )


def questionnaire_create(request, project_pk):
    project = project_for_editing(request.user, project_pk)
    form = QuestionnaireForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        questionnaire = services.questionnaire_create(project=project, **form.cleaned_data)
        messages.success(request, _("Questionnaire created. Check the statements, then invite people."))
        return redirect(questionnaire)
    return render(
        request,
        "outcomes/questionnaire_form.html",
        {
            "project": project,
            "form": form,
            "section": "questionnaires",
            "breadcrumbs": _crumbs(project, (_("New questionnaire"), None)),
        },
    )


def questionnaire_detail(request, project_pk, pk):
    questionnaire = questionnaire_for_viewing(request.user, project_pk, pk)
    counts = Questionnaire.objects.filter(pk=questionnaire.pk).with_counts().values("invited", "answered").get()
    statements = list(questionnaire.statements.select_related("outcome"))
    return render(
        request,
        "outcomes/questionnaire_detail.html",
        _context(
            questionnaire,
            can_edit=can_edit_project(request.user, questionnaire.project),
            counts=counts,
            has_answers=questionnaire.responses.exists(),
            audiences=[
                (label, [s for s in statements if s.audience in (guide.BOTH, value)])
                for value, label in Audience.choices
            ],
            scale=[label for _value, label in guide.SCALE],
            breadcrumbs=_crumbs(questionnaire.project, (questionnaire.title, None)),
        ),
    )


def questionnaire_edit(request, project_pk, pk):
    questionnaire = questionnaire_for_editing(request.user, project_pk, pk)
    form = QuestionnaireForm(request.POST or None, instance=questionnaire, project=questionnaire.project)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Questionnaire saved."))
        return redirect(questionnaire)
    return render(request, "outcomes/questionnaire_form.html", _context(questionnaire, (_("Change"), None), form=form))


def statement_add(request, project_pk, pk):
    questionnaire = questionnaire_for_editing(request.user, project_pk, pk)
    form = StatementAddForm(request.POST or None, project=questionnaire.project)
    if request.method == "POST" and form.is_valid():
        try:
            services.statement_add(questionnaire=questionnaire, **form.cleaned_data)
        except services.QuestionnaireHasAnswers as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Statement added."))
        return redirect(questionnaire)
    return render(
        request, "outcomes/statement_form.html", _context(questionnaire, (_("Add a statement"), None), form=form)
    )


def statement_edit(request, project_pk, pk, statement_pk):
    questionnaire = questionnaire_for_editing(request.user, project_pk, pk)
    statement = get_object_or_404(questionnaire.statements, pk=statement_pk)
    form = StatementRewordForm(request.POST or None, instance=statement)
    if request.method == "POST" and form.is_valid():
        try:
            services.statement_reword(statement=statement, **form.cleaned_data)
        except services.QuestionnaireHasAnswers as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Statement reworded for this project."))
        return redirect(questionnaire)
    return render(
        request,
        "outcomes/statement_form.html",
        _context(questionnaire, (_("Reword a statement"), None), form=form, statement=statement),
    )


def statement_remove(request, project_pk, pk, statement_pk):
    questionnaire = questionnaire_for_editing(request.user, project_pk, pk)
    statement = get_object_or_404(questionnaire.statements, pk=statement_pk)
    if request.method == "POST":
        try:
            services.statement_remove(statement=statement)
        except services.QuestionnaireHasAnswers as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Statement removed."))
        return redirect(questionnaire)
    return render(
        request,
        "outcomes/statement_remove.html",
        _context(questionnaire, (_("Remove a statement"), None), statement=statement),
    )


def invite(request, project_pk, pk):
    questionnaire = questionnaire_for_editing(request.user, project_pk, pk)
    form = InviteForm(request.POST or None, project=questionnaire.project)
    if request.method == "POST" and form.is_valid():
        invited = services.invitations_create(questionnaire=questionnaire, **form.cleaned_data)
        messages.success(
            request,
            _("%(count)s people invited. Each gets an email with their own link.") % {"count": invited},
        )
        return redirect(questionnaire)
    return render(request, "outcomes/invite.html", _context(questionnaire, (_("Invite people"), None), form=form))


@require_POST
def remind(request, project_pk, pk):
    questionnaire = questionnaire_for_editing(request.user, project_pk, pk)
    if not questionnaire.is_open():
        messages.error(request, _("Reminders can only be sent while the questionnaire is open."))
        return redirect(questionnaire)
    sent = services.reminders_send(questionnaire=questionnaire)
    if sent:
        messages.success(
            request,
            _("%(count)s reminders queued, only to people who have not answered.") % {"count": sent},
        )
    else:
        messages.info(
            request,
            _(
                "No reminders were due: everyone has answered, has had the most reminders allowed, "
                "or was emailed in the last day."
            ),
        )
    return redirect(questionnaire)


@require_POST
def close(request, project_pk, pk):
    questionnaire = questionnaire_for_editing(request.user, project_pk, pk)
    try:
        services.questionnaire_close(questionnaire=questionnaire)
    except services.QuestionnaireClosed:
        messages.error(request, _("Only an open questionnaire can be closed."))
    else:
        messages.success(request, _("Questionnaire closed. Nobody can answer it from now on."))
    return redirect(questionnaire)


def paper_entry(request, project_pk, pk):
    questionnaire = questionnaire_for_editing(request.user, project_pk, pk)
    chooser = PaperAudienceForm(request.POST or request.GET or None)
    audience = chooser.cleaned_data["audience"] if chooser.is_bound and chooser.is_valid() else None
    form = None
    if audience:
        form = AnswerForm(
            request.POST or None,
            statements=questionnaire.statements.for_audience(audience),
            allow_prefer_not_to_say=questionnaire.allow_prefer_not_to_say,
            paper=True,
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.response_record_paper(questionnaire=questionnaire, audience=audience, answers=form.answers())
            except services.QuestionnaireClosed:
                messages.error(request, _("This questionnaire has closed, so its results are final: no more answers."))
                return redirect(questionnaire)
            messages.success(request, _("Paper answers saved. They are stored anonymously, like online answers."))
            return redirect(f"{reverse('outcomes:paper', args=[project_pk, pk])}?audience={audience}")
    return render(
        request,
        "outcomes/paper.html",
        _context(
            questionnaire,
            (_("Enter paper answers"), None),
            chooser=chooser if audience is None else PaperAudienceForm(initial={"audience": audience}),
            form=form,
            audience=audience,
            audience_label=Audience(audience).label if audience else "",
            introduction=guide.INTRODUCTION,
        ),
    )


def results(request, project_pk, pk):
    questionnaire = questionnaire_for_viewing(request.user, project_pk, pk)
    closed = questionnaire.is_closed()
    context = _context(questionnaire, (_("Results"), None), closed=closed)
    if closed:
        compare_with = questionnaire.repeats if questionnaire.repeats_id else None
        if compare_with is not None and not compare_with.is_closed():
            compare_with = None
        context["results"] = questionnaire_results(questionnaire, compare_with=compare_with)
    else:
        context["counts"] = (
            Questionnaire.objects.filter(pk=questionnaire.pk).with_counts().values("invited", "answered").get()
        )
    return render(request, "outcomes/results.html", context)


def responses_csv(request, project_pk, pk):
    """One row per response, in random order, dated to the day; withheld below the minimum."""
    questionnaire = questionnaire_for_viewing(request.user, project_pk, pk)
    minimum = questionnaire.project.organisation.min_responses
    counts = {row["audience"]: row["responses"] for row in questionnaire.responses.counts()}
    shown = [audience for audience in Audience.values if counts.get(audience, 0) >= minimum]
    if not questionnaire.is_closed() or sum(counts.values()) < minimum or not shown:
        return render(
            request,
            "outcomes/csv_withheld.html",
            _context(
                questionnaire,
                (_("Download answers"), None),
                closed=questionnaire.is_closed(),
                min_responses=minimum,
                total=sum(counts.values()),
            ),
        )
    statements = list(questionnaire.statements.all())
    labels = dict(guide.SCALE + [guide.PREFER_NOT_TO_SAY])
    # As on the results page: a statement fewer than the minimum answered on the scale (or a
    # question fewer wrote an answer to) is withheld for that version.
    answered = {
        (row["response__audience"], row["statement_id"]): row["answered"]
        for row in Answer.objects.filter(response__questionnaire=questionnaire)
        .values("response__audience", "statement_id")
        .annotate(answered=Count("id", filter=Q(value__gte=1) | Q(value__isnull=True, text__gt="")))
        .order_by()
    }
    answers = defaultdict(dict)
    for row in Answer.objects.filter(response__questionnaire=questionnaire, response__audience__in=shown).values(
        "response_id", "statement_id", "value", "text"
    ):
        answers[row["response_id"]][row["statement_id"]] = (
            str(labels[row["value"]]) if row["value"] is not None else row["text"]
        )
    responses = list(Response.objects.filter(questionnaire=questionnaire, audience__in=shown).values("id", "audience"))
    random.SystemRandom().shuffle(responses)
    rows = [[_("Questionnaire"), _("When in the project"), _("Version")] + [statement.text for statement in statements]]
    audience_labels = dict(Audience.choices)
    for response in responses:
        given = answers.get(response["id"], {})
        rows.append(
            [
                questionnaire.title,
                questionnaire.get_point_display(),
                audience_labels[response["audience"]],
            ]
            + [
                _("Withheld")
                # Every row, answered or not: a blank beside "Withheld" would show who answered.
                if statement.audience in (guide.BOTH, response["audience"])
                and answered.get((response["audience"], statement.pk), 0) < minimum
                else given.get(statement.pk, "")
                for statement in statements
            ]
        )
    return csv_response(rows, filename=f"questionnaire-{questionnaire.pk}-answers.csv")
