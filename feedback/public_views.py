"""Pages for members without an account: the emailed link and the shared device at a meeting.

Shared device: anyone in the room may answer on it after typing the round's code, but each
answer uses up one member's invitation. The person chooses their name from those who have
not answered yet, so one person cannot answer many times (their name is gone from the list,
and their emailed link stops working), and a round never gets more answers than members.
In an anonymous round the name is only used to use up the invitation: it is not stored
with the answer."""

from datetime import timedelta

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core.anonymity import LinkInvalid, LinkUsed, invitation_find
from core.ratelimit import attempt_allowed, attempt_refund, client_key

from . import services
from .forms import AnswerForm, CodeForm
from .models import ReflectionInvitation, ReflectionRound

SESSION_KEY = "reflect_round"
# Wrong codes allowed per address before the code form refuses for a while.
CODE_TRIES = 10
CODE_WINDOW = timedelta(minutes=15)


def _invitations():
    return ReflectionInvitation.objects.select_related("round__group__project__organisation", "round__meeting")


def _stopped(request, title, text, status):
    return render(request, "feedback/public/stopped.html", {"title": title, "text": text}, status=status)


def _used(request):
    return _stopped(
        request,
        _("You have already answered"),
        _("This link has been used to answer, so it cannot be used again. Thank you for taking part."),
        410,
    )


def _closed(request):
    return _stopped(
        request,
        _("This round has closed"),
        _("Answers for this round are no longer being collected. You will get a new link for the next round."),
        410,
    )


@login_not_required
@never_cache
def answer(request, token):
    try:
        invitation = invitation_find(_invitations(), token)
    except LinkInvalid:
        return _stopped(
            request,
            _("Link not recognised"),
            _("Check that you copied the whole link from your email, or ask the person who runs your group."),
            404,
        )
    if invitation.completed:
        return _used(request)
    round = invitation.round
    if round.status != ReflectionRound.Status.OPEN:
        return _closed(request)
    form = AnswerForm(request.POST or None, questions=round.questions)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_by_link(token=token, cleaned=form.cleaned_data)
        except LinkUsed:
            return _used(request)
        except LinkInvalid:
            return _closed(request)
        return render(request, "feedback/public/thanks.html", {"round": round})
    return render(
        request,
        "feedback/public/answer.html",
        {"form": form, "round": round, "group": round.group, "minimum": round.group.project.organisation.min_responses},
    )


@login_not_required
@never_cache
def code_enter(request):
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        # Every try is counted before the code is looked at, and a right one given back: a burst
        # of guesses at once cannot get past the limit.
        if not attempt_allowed(scope="feedback.code", value=client_key(request), limit=CODE_TRIES, window=CODE_WINDOW):
            form.add_error("code", _("Too many wrong codes. Wait 15 minutes, then try again."))
            status = 429
        else:
            code = services.code_normalise(form.cleaned_data["code"])
            round = ReflectionRound.objects.filter(
                code=code, status=ReflectionRound.Status.OPEN, closes_at__gt=timezone.now()
            ).first()
            if round is None:
                form.add_error("code", _("That code is not recognised, or its round has closed."))
            else:
                attempt_refund(scope="feedback.code", value=client_key(request), window=CODE_WINDOW)
                request.session[SESSION_KEY] = round.pk
                return redirect("feedback_public:code_answer")
    return render(request, "feedback/public/code.html", {"form": form}, status=status)


def _session_round(request):
    pk = request.session.get(SESSION_KEY)
    if not pk:
        return None
    return (
        ReflectionRound.objects.select_related("group__project__organisation")
        .filter(pk=pk, status=ReflectionRound.Status.OPEN, closes_at__gt=timezone.now())
        .first()
    )


@login_not_required
@never_cache
def code_answer(request):
    round = _session_round(request)
    if round is None:
        request.session.pop(SESSION_KEY, None)
        return redirect("feedback_public:code")
    people = [(i.pk, i.person.name) for i in round.invitations.filter(completed=False).select_related("person")]
    if not people:
        return _stopped(
            request, _("Everyone has answered"), _("Every member of the group has answered this round. Thank you."), 200
        )
    form = AnswerForm(request.POST or None, questions=round.questions, people=people)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_by_code(round=round, invitation_id=form.cleaned_data["who"], cleaned=form.cleaned_data)
        except (LinkUsed, LinkInvalid):
            form.add_error("who", _("That person has already answered. Choose your own name."))
        else:
            return render(request, "feedback/public/thanks.html", {"round": round, "shared_device": True})
    return render(
        request,
        "feedback/public/answer.html",
        {
            "form": form,
            "round": round,
            "group": round.group,
            "minimum": round.group.project.organisation.min_responses,
            "shared_device": True,
        },
    )
