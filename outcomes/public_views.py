"""The resident's side: the questionnaire page behind an emailed link.

Opening the page never uses the link up (email scanners open links first); only a valid
final submit does. Nothing is stored for a used, unknown or closed link."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.anonymity import LinkInvalid, LinkUsed, invitation_find

from . import guide
from .forms import AnswerForm
from .models import Invitation
from .services import AnswersInvalid, QuestionnaireClosed, response_submit


def _page(request, template, questionnaire=None, status=200, **context):
    organisation = questionnaire.project.organisation if questionnaire else None
    context.update(questionnaire=questionnaire, organisation=organisation)
    return render(request, f"outcomes/respond/{template}.html", context, status=status)


def _form_page(request, questionnaire, form, status=200):
    return _page(
        request,
        "form",
        questionnaire,
        status=status,
        form=form,
        introduction=guide.INTRODUCTION,
        min_responses=questionnaire.project.organisation.min_responses,
    )


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def questionnaire_answer(request, token):
    if request.method == "POST":
        try:
            response_submit(token=token, data=request.POST)
        except LinkInvalid:
            return _page(request, "invalid", status=404)
        except LinkUsed:
            return _page(request, "used")
        except QuestionnaireClosed:
            return _page(request, "closed")
        except AnswersInvalid as invalid:
            return _form_page(request, invalid.questionnaire, invalid.form)
        return redirect("outcomes_public:thanks")

    try:
        invitation = invitation_find(Invitation.objects.select_related("questionnaire__project__organisation"), token)
    except LinkInvalid:
        return _page(request, "invalid", status=404)
    questionnaire = invitation.questionnaire
    if invitation.completed:
        return _page(request, "used", questionnaire)
    if not questionnaire.is_open():
        return _page(request, "closed", questionnaire)
    form = AnswerForm(
        statements=questionnaire.statements.for_audience(invitation.audience),
        allow_prefer_not_to_say=questionnaire.allow_prefer_not_to_say,
    )
    return _form_page(request, questionnaire, form)


@login_not_required
@never_cache
def thanks(request):
    return _page(request, "thanks")
