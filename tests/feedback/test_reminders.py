"""One reminder before a reflection round closes, only to members who have not answered."""

import datetime as dt
import re
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from core.anonymity import LinkInvalid
from feedback import services
from feedback.models import ReflectionInvitation
from tests.factories import MembershipFactory, ReflectionRoundFactory

LONDON = ZoneInfo("Europe/London")
OPENS = dt.datetime(2026, 3, 2, 9, 0, tzinfo=LONDON)
ANSWER = {"equality": 4, "difference": 5, "inclusive": 3}


def _token(message):
    return urlsplit(re.search(r"https?://\S+/r/reflection/\S+/", message.body).group(0)).path.split("/")[-2]


def _open_round(days_open):
    with time_machine.travel(OPENS - dt.timedelta(hours=1), tick=False):
        round = ReflectionRoundFactory(status="planned", opens_at=OPENS, closes_at=OPENS + dt.timedelta(days=days_open))
        members = [
            MembershipFactory(group=round.group, joined_on=OPENS.date() - dt.timedelta(days=30)) for _ in range(3)
        ]
    return round, [membership.person for membership in members]


# The worker closes the connection between tasks; on PostgreSQL that needs a real transaction.
@pytest.mark.django_db(transaction=True)
def test_one_reminder_goes_two_days_before_closing_only_to_members_who_have_not_answered(run_tasks, client):
    round, (answered, waiting, also_waiting) = _open_round(days_open=7)
    with time_machine.travel(OPENS + dt.timedelta(minutes=5), tick=False):
        services.rounds_tick()
        run_tasks()
        tokens = {message.to[0]: _token(message) for message in mail.outbox}
        services.answer_by_link(token=tokens[answered.email], cleaned=ANSWER)
    mail.outbox.clear()

    with time_machine.travel(OPENS + dt.timedelta(days=4, hours=23), tick=False):
        services.rounds_tick()  # not yet: 2 days before closing is day 5
        run_tasks()
    assert not mail.outbox

    with time_machine.travel(OPENS + dt.timedelta(days=5, minutes=10), tick=False):
        services.rounds_tick()
        run_tasks()
        assert sorted(message.to[0] for message in mail.outbox) == sorted([waiting.email, also_waiting.email])
        reminder = next(message for message in mail.outbox if message.to == [waiting.email])
        assert "reminder" in reminder.subject.lower()
        # The reminder's link is new and works; the first link no longer does.
        new_token = _token(reminder)
        assert new_token != tokens[waiting.email]
        with pytest.raises(LinkInvalid):
            services.answer_by_link(token=tokens[waiting.email], cleaned=ANSWER)
        assert client.get(f"/r/reflection/{new_token}/").status_code == 200
        services.answer_by_link(token=new_token, cleaned=ANSWER)

    mail.outbox.clear()
    with time_machine.travel(OPENS + dt.timedelta(days=6), tick=False):
        services.rounds_tick()  # never a second reminder
        run_tasks()
    assert not mail.outbox
    assert ReflectionInvitation.objects.get(person=also_waiting).reminders_sent == 1
    assert ReflectionInvitation.objects.get(person=answered).reminders_sent == 0


@pytest.mark.django_db(transaction=True)
def test_a_short_round_reminds_half_way(run_tasks):
    round, _people = _open_round(days_open=2)
    with time_machine.travel(OPENS + dt.timedelta(minutes=5), tick=False):
        services.rounds_tick()
        run_tasks()
    mail.outbox.clear()
    with time_machine.travel(OPENS + dt.timedelta(hours=23), tick=False):
        services.rounds_tick()
        run_tasks()
    assert not mail.outbox
    with time_machine.travel(OPENS + dt.timedelta(hours=24, minutes=5), tick=False):
        services.rounds_tick()
        run_tasks()
    assert len(mail.outbox) == 3


@pytest.mark.django_db(transaction=True)
def test_a_reminder_queued_for_someone_who_then_answers_is_not_sent(run_tasks):
    round, (person, *_others) = _open_round(days_open=7)
    with time_machine.travel(OPENS + dt.timedelta(minutes=5), tick=False):
        services.rounds_tick()
        run_tasks()
        token = next(_token(m) for m in mail.outbox if m.to == [person.email])
    mail.outbox.clear()
    with time_machine.travel(OPENS + dt.timedelta(days=5, minutes=10), tick=False):
        services.rounds_tick()
        services.answer_by_link(token=token, cleaned=ANSWER)  # answers before the worker sends
        run_tasks()
    assert person.email not in [message.to[0] for message in mail.outbox]
    assert len(mail.outbox) == 2
