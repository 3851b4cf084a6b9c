"""Writes for outcome questionnaires: making them, inviting, reminding, answering, resealing;
tallying them for reports once closed is in ``tallies``."""

import uuid
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.models import Membership, Person
from outbox.services import email_queue

from .. import guide
from ..anonymity import (
    LinkInvalid,
    LinkUsed,
    compiled_update,
    invitation_redeem,
    link_hash,
    responses_reseal,
    statements_run,
    token_new,
)
from ..forms import AnswerForm
from ..models import (
    Answer,
    Audience,
    Invitation,
    Questionnaire,
    Response,
    Statement,
)
from ..prepared import Prepared, compiled_insert
from .tallies import questionnaire_tally as questionnaire_tally
from .tallies import questionnaires_tally as questionnaires_tally

RESEAL_DELAY = timedelta(minutes=1)


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
        statements = [
            Statement(
                questionnaire=questionnaire,
                kind=s.kind,
                audience=s.audience,
                outcome_number=s.outcome_number,
                outcome=s.outcome,
                text=s.text,
                required=s.required,
                key=s.key,
                position=s.position,
            )
            for s in repeats.statements.all()
        ]
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
            kind="questionnaire_invitation",
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
            kind="questionnaire_reminder",
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


def _response_build(*, questionnaire, audience, answers):
    """An anonymous response and its answers, not yet saved: the questionnaire, the audience,
    today's date and the answers. Nothing about who, how or exactly when.
    ``answers`` is [(statement_id, value, text)]."""
    response = Response(questionnaire=questionnaire, audience=audience, answered_on=timezone.localdate())
    rows = [
        Answer(response=response, statement_id=statement_id, value=value, text=text)
        for statement_id, value, text in answers
    ]
    return response, rows


# Flags the questionnaire for resealing; changes its row only if the flag was not already set.
_RESEAL_FLAG = Prepared(
    lambda questionnaire_id: compiled_update(
        Questionnaire.objects.filter(pk=questionnaire_id, reseal_due=False), reseal_due=True
    ),
    int,
)


def _response_writes(response, answers):
    """The statements that store a response: compiled now, run by _response_save inside the
    transaction (see anonymity.compiled_update for why). The last one flags the
    questionnaire for resealing, and changes a row only if the flag was not already set."""
    return [*compiled_insert([response]), *compiled_insert(answers), _RESEAL_FLAG.statement(response.questionnaire_id)]


def _response_save(response, answers, *, writes=None):
    """Two inserts and one conditional update, and usually nothing else (call inside a
    transaction). ``writes``: the same, compiled earlier by _response_writes. Only the first
    submission after a reseal sets the flag (and queues the reseal): later ones neither write
    the questionnaire row nor wait for it."""
    if statements_run(writes or _response_writes(response, answers)):
        from ..tasks import questionnaire_reseal_task

        questionnaire_reseal_task.using(run_after=timezone.now() + RESEAL_DELAY).enqueue(response.questionnaire_id)
    return response


_INVITATION_FIELDS = [f.attname for f in Invitation._meta.concrete_fields]
_QUESTIONNAIRE_FIELDS = [f.attname for f in Questionnaire._meta.concrete_fields]
_STATEMENT_FIELDS = [f.attname for f in Statement._meta.concrete_fields]
# The submit's two reads, compiled once (see prepared.py): the invitation with its
# questionnaire, by the token's hash; the statements asked of an audience, in order.
_INVITATION = Prepared(
    lambda hashed: (
        Invitation.objects.filter(token_hash=hashed)
        .order_by()
        .values_list(*_INVITATION_FIELDS, *(f"questionnaire__{name}" for name in _QUESTIONNAIRE_FIELDS))
    ),
    str,
)
_STATEMENTS = Prepared(
    lambda questionnaire_id, audience: (
        Statement.objects.filter(questionnaire_id=questionnaire_id)
        .for_audience(audience)
        .values_list(*_STATEMENT_FIELDS)
    ),
    int,
    str,
)


def _invitation_with_questionnaire(token):
    """As ``invitation_find(Invitation.objects.select_related("questionnaire"), token)``."""
    rows = _INVITATION.rows(link_hash(token))
    if not rows:
        raise LinkInvalid
    [row] = rows
    split = len(_INVITATION_FIELDS)
    invitation = Invitation.from_db("default", _INVITATION_FIELDS, row[:split])
    invitation.questionnaire = Questionnaire.from_db("default", _QUESTIONNAIRE_FIELDS, row[split:])
    return invitation


def _statements_for(questionnaire, audience):
    """As ``questionnaire.statements.for_audience(audience)``."""
    return [
        Statement.from_db("default", _STATEMENT_FIELDS, row) for row in _STATEMENTS.rows(questionnaire.pk, audience)
    ]


def response_submit(*, token, data):
    """Answer through an emailed link. Raises LinkInvalid, LinkUsed, QuestionnaireClosed or
    AnswersInvalid; in every one of those cases nothing is stored.

    The invitation is read once and the answers checked first, outside any transaction; then
    one short transaction marks the invitation answered under its row lock (only if it still
    has this token and was not answered) and stores the response. Keeping the reads and checks
    out of the transaction keeps write locks short (SQLite has one writer)."""
    invitation = _invitation_with_questionnaire(token)
    if invitation.completed:
        raise LinkUsed
    questionnaire = invitation.questionnaire
    if not questionnaire.is_open():
        raise QuestionnaireClosed
    form = AnswerForm(
        data,
        statements=_statements_for(questionnaire, invitation.audience),
        allow_prefer_not_to_say=questionnaire.allow_prefer_not_to_say,
    )
    if not form.is_valid():
        raise AnswersInvalid(form, questionnaire)
    response, answers = _response_build(
        questionnaire=questionnaire, audience=invitation.audience, answers=form.answers()
    )
    writes = _response_writes(response, answers)
    return invitation_redeem(
        Invitation.objects.all(),
        token,
        lambda _invitation: _response_save(response, answers, writes=writes),
        found=invitation,
    )


@transaction.atomic
def response_record_paper(*, questionnaire, audience, answers):
    """A paper questionnaire typed in by staff: stored exactly like an online answer. Refused
    once the questionnaire has closed (raises QuestionnaireClosed): its results are final then,
    and adding one more answer to shown results could show that one person's answers."""
    if questionnaire.is_closed():
        raise QuestionnaireClosed
    return _response_save(*_response_build(questionnaire=questionnaire, audience=audience, answers=answers))


def questionnaire_reseal(*, questionnaire_id):
    """Rewrite a questionnaire's responses together in a fresh transaction (see
    anonymity.responses_reseal): afterwards no response shares a PostgreSQL transaction id
    (xmin) with the invitation marked answered beside it, and the physical order is shuffled.

    The flag is cleared first, in its own statement, so a submission that arrives while this
    runs sets it again and is resealed next time."""
    if not Questionnaire.objects.filter(pk=questionnaire_id, reseal_due=True).update(reseal_due=False):
        return False
    try:
        responses_reseal(
            Response.objects.filter(questionnaire_id=questionnaire_id),
            Answer.objects.filter(response__questionnaire_id=questionnaire_id),
        )
    except Exception:
        Questionnaire.objects.filter(pk=questionnaire_id).update(reseal_due=True)
        raise
    return True
