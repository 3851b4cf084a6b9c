"""Writes for outcome questionnaires: making them, inviting, reminding, answering; tallying
them for reports once closed is in ``tallies``."""

import uuid
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core.anonymity import LinkUsed, invitation_find, invitation_redeem, token_new
from groups.models import Membership, Person
from outbox.services import email_queue

from .. import guide
from ..forms import AnswerForm
from ..models import (
    Answer,
    Audience,
    Invitation,
    Questionnaire,
    Response,
    Statement,
)
from .tallies import questionnaire_tally as questionnaire_tally
from .tallies import questionnaires_tally as questionnaires_tally


class QuestionnaireClosed(Exception):
    """The questionnaire is not open today: nothing is stored."""


class AnswersInvalid(Exception):
    """The answers did not pass the form's checks: nothing is stored."""

    def __init__(self, form, questionnaire):
        super().__init__("invalid answers")
        self.form = form
        self.questionnaire = questionnaire


class QuestionnaireHasAnswers(Exception):
    """Statements cannot change once someone has answered."""


@transaction.atomic
def questionnaire_create(*, project, repeats=None, **fields):
    """A questionnaire with the guide's statements for both audiences, or, when it repeats an
    earlier one, a copy of that one's statements (same keys, so the two can be compared)."""
    questionnaire = Questionnaire.objects.create(project=project, repeats=repeats, **fields)
    if repeats is not None:
        statements = [s.copy_for(questionnaire) for s in repeats.statements.all()]
    else:
        words = guide.words_for(project.organisation)
        statements = [
            Statement(
                questionnaire=questionnaire,
                kind=Statement.Kind.LIKERT,
                audience=audience,
                outcome_number=number,
                outcome=project.outcomes.filter(number=number).first(),
                text=str(text).format(**words),
                key=key,
                position=position,
            )
            for position, (key, number, audience, text) in enumerate(guide.STATEMENTS)
        ]
    Statement.objects.bulk_create(statements)
    return questionnaire


def _guard_unanswered(questionnaire):
    if questionnaire.responses.exists():
        raise QuestionnaireHasAnswers(
            _("People have already answered this questionnaire, so its statements can no longer change.")
        )


@transaction.atomic
def statement_add(*, questionnaire, kind, audience, text, outcome=None, required=True):
    _guard_unanswered(questionnaire)
    last = questionnaire.statements.order_by("-position").values_list("position", flat=True).first()
    return Statement.objects.create(
        questionnaire=questionnaire,
        kind=kind,
        audience=audience,
        text=text,
        outcome=outcome,
        outcome_number=outcome.number if outcome else (5 if kind == Statement.Kind.LIKERT else None),
        required=required if kind == Statement.Kind.LIKERT else False,
        key=f"custom-{uuid.uuid4().hex[:12]}",
        position=(last or 0) + 1,
    )


@transaction.atomic
def statement_reword(*, statement, text, required=None):
    """Change a statement's words for this project only; the guide's template stays as it is."""
    _guard_unanswered(statement.questionnaire)
    statement.text = text
    fields = ["text"]
    if required is not None:
        statement.required = required
        fields.append("required")
    statement.save(update_fields=fields)
    return statement


@transaction.atomic
def statement_remove(*, statement):
    _guard_unanswered(statement.questionnaire)
    statement.delete()


@transaction.atomic
def questionnaire_close(*, questionnaire, now=None):
    """Close an open questionnaire now ("Close now"), instead of backdating its dates: its
    closing date becomes today, the record says it was closed early, nobody can answer from
    now on, and it is tallied like any closed questionnaire. QuestionnaireClosed if it is
    not open."""
    now = now or timezone.now()
    questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    if not questionnaire.is_open(timezone.localdate(now)):
        raise QuestionnaireClosed
    questionnaire.closes_on, questionnaire.closed_early_at = timezone.localdate(now), now
    questionnaire.save(update_fields=["closes_on", "closed_early_at"])
    return questionnaire


def audience_for(member_type, experts_as):
    if member_type in Membership.COUNCIL_TYPES:
        return Audience.COUNCIL
    if member_type in Membership.RESIDENT_TYPES:
        return Audience.RESIDENTS
    return experts_as or None


@transaction.atomic
def invitations_create(*, questionnaire, group=None, experts_as="", people=(), audience=Audience.RESIDENTS):
    """Invite a group's current members (each by their audience) and people added by email
    (``people`` is a list of (name, email) in ``audience``). Each is emailed their own link;
    someone already invited is not invited twice. Returns how many were newly invited."""
    organisation = questionnaire.project.organisation
    wanted = {}
    if group is not None:
        memberships = group.memberships.current().select_related("person").exclude(person__email="")
        for membership in memberships.filter(person__erased_at__isnull=True):
            member_audience = audience_for(membership.member_type, experts_as)
            if member_audience:
                wanted.setdefault(membership.person.pk, (membership.person, member_audience))
    for name, email in people:
        person = Person.objects.filter(organisation=organisation, email__iexact=email).first()
        if person is None:
            person = Person.objects.create(organisation=organisation, name=name or email, email=email)
        wanted.setdefault(person.pk, (person, audience))
    already = set(questionnaire.invitations.filter(person_id__in=wanted).values_list("person_id", flat=True))
    invitations = Invitation.objects.bulk_create(
        # The token here is thrown away: the emailed link carries one minted when it is sent.
        Invitation(questionnaire=questionnaire, person=person, audience=person_audience, token_hash=token_new()[1])
        for pk, (person, person_audience) in wanted.items()
        if pk not in already
    )
    now = timezone.now()
    for invitation in Invitation.objects.filter(questionnaire=questionnaire, sent_at__isnull=True).select_related(
        "person"
    ):
        email_queue(
            kind="outcomes.questionnaire_invitation",
            key=f"questionnaire-invitation:q{questionnaire.pk}:i{invitation.pk}",
            recipient=invitation.person.email,
            params={"invitation": invitation.pk},
            organisation=organisation,
            person=invitation.person,
            topic=f"questionnaire:{questionnaire.pk}",
            run_after=_opening_time(questionnaire),
        )
    Invitation.objects.filter(questionnaire=questionnaire, sent_at__isnull=True).update(sent_at=now)
    return len(invitations)


def _opening_time(questionnaire):
    """Invitations made before the questionnaire opens go out on the morning it opens."""
    if questionnaire.has_opened():
        return None
    day = questionnaire.opens_on
    return timezone.make_aware(timezone.datetime(day.year, day.month, day.day, 8, 0))


# Nobody is emailed twice within this time: a second press of "Send reminders" (or a
# double click) must not use up someone's reminders at once.
REMINDER_GAP = timedelta(days=1)


@transaction.atomic
def reminders_send(*, questionnaire, now=None):
    """Remind everyone invited who has not answered, has had fewer than the most reminders
    allowed, and was not emailed in the last day. Returns how many reminders were queued."""
    now = now or timezone.now()
    if not questionnaire.is_open(timezone.localdate(now)):
        return 0
    recent = now - REMINDER_GAP
    due = list(
        questionnaire.invitations.select_for_update()
        .filter(
            completed=False,
            sent_at__isnull=False,
            sent_at__lte=recent,
            reminders_sent__lt=questionnaire.max_reminders,
        )
        .exclude(last_reminded_at__gt=recent)
        .select_related("person")
        .exclude(person__email="")
    )
    for invitation in due:
        number = invitation.reminders_sent + 1
        email_queue(
            kind="outcomes.questionnaire_reminder",
            key=f"questionnaire-reminder:i{invitation.pk}:n{number}",
            recipient=invitation.person.email,
            params={"invitation": invitation.pk},
            organisation=questionnaire.project.organisation,
            person=invitation.person,
            topic=f"questionnaire:{questionnaire.pk}",
        )
    Invitation.objects.filter(pk__in=[i.pk for i in due]).update(
        reminders_sent=F("reminders_sent") + 1, last_reminded_at=now
    )
    return len(due)


def reminders_due(*, now=None):
    """Automatic reminders: for open questionnaires that send them, when the last email to
    those who have not answered went out at least the chosen number of days ago."""
    now = now or timezone.now()
    sent = 0
    for questionnaire in Questionnaire.objects.open_on(timezone.localdate(now)).filter(reminder_every_days__gt=0):
        cutoff = now - timedelta(days=questionnaire.reminder_every_days)
        waiting = questionnaire.invitations.filter(
            completed=False, sent_at__lte=cutoff, reminders_sent__lt=questionnaire.max_reminders
        ).exclude(last_reminded_at__gt=cutoff)
        if waiting.exists():
            sent += reminders_send(questionnaire=questionnaire, now=now)
    return sent


def _response_save(*, questionnaire, audience, answers):
    """Store an anonymous response and its answers: the questionnaire, the audience and the
    answers, nothing about who, how or when (one INSERT and one bulk INSERT).
    ``answers`` is [(statement_id, value, text)]."""
    response = Response.objects.create(questionnaire=questionnaire, audience=audience)
    Answer.objects.bulk_create(
        Answer(response=response, statement_id=statement_id, value=value, text=text)
        for statement_id, value, text in answers
    )
    return response


def response_submit(*, token, data):
    """Answer through an emailed link. Raises LinkInvalid, LinkUsed, QuestionnaireClosed or
    AnswersInvalid; in every one of those cases nothing is stored.

    The invitation is read and the answers checked first, outside any lock; then
    core.anonymity.invitation_redeem uses the link up and stores the response."""
    invitations = Invitation.objects.select_related("questionnaire")
    invitation = invitation_find(invitations, token)
    if invitation.completed:
        raise LinkUsed
    questionnaire = invitation.questionnaire
    if not questionnaire.is_open():
        raise QuestionnaireClosed
    form = AnswerForm(
        data,
        statements=questionnaire.statements.for_audience(invitation.audience),
        allow_prefer_not_to_say=questionnaire.allow_prefer_not_to_say,
    )
    if not form.is_valid():
        raise AnswersInvalid(form, questionnaire)
    answers = form.answers()
    return invitation_redeem(
        Invitation.objects.all(),
        invitation,
        lambda invitation: _response_save(questionnaire=questionnaire, audience=invitation.audience, answers=answers),
        token=token,
    )


@transaction.atomic
def response_record_paper(*, questionnaire, audience, answers):
    """A paper questionnaire typed in by staff: stored exactly like an online answer, and
    counted (so the answers given through links are known: see Invitation.link_answers).
    Refused once the questionnaire has closed (raises QuestionnaireClosed): its results are
    final then, and adding one more answer to shown results could show that one person's
    answers."""
    if questionnaire.is_closed():
        raise QuestionnaireClosed
    Questionnaire.objects.filter(pk=questionnaire.pk).update(paper_responses=F("paper_responses") + 1)
    return _response_save(questionnaire=questionnaire, audience=audience, answers=answers)
