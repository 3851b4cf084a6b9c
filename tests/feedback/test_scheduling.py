import datetime as dt
import re
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from core.anonymity import token_hash
from feedback import services
from feedback.forms import SetupForm
from feedback.models import ReflectionInvitation, ReflectionRound, ReflectionSetup
from outbox.models import OutgoingEmail
from tests.factories import GroupFactory, MeetingFactory, MembershipFactory, ReflectionSetupFactory

LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2026, 1, 5, 10, 0, tzinfo=LONDON)
# Fortnightly meetings; the first (10 January) is the group's first meeting.
MEETING_DAYS = [
    dt.date(2026, 1, 10),
    dt.date(2026, 1, 24),
    dt.date(2026, 2, 7),
    dt.date(2026, 2, 21),
    dt.date(2026, 3, 7),
]


def _at(day, hour=14):
    return dt.datetime.combine(day, dt.time(hour), tzinfo=LONDON)


@pytest.fixture
def group(db):
    group = GroupFactory()
    for day in MEETING_DAYS:
        MeetingFactory(group=group, starts_at=_at(day), ends_at=_at(day, 16))
    return group


def _setup(group, frequency, **kwargs):
    return ReflectionSetupFactory(group=group, frequency=frequency, starts_on=dt.date(2026, 1, 1), **kwargs)


def _round_days(group):
    return [r.date for r in group.reflection_rounds.order_by("date")]


@time_machine.travel(NOW, tick=False)
def test_every_meeting_plans_a_round_for_each_meeting_but_the_first(group):
    _setup(group, ReflectionSetup.Frequency.EVERY_MEETING)
    services.rounds_schedule(group=group)
    assert _round_days(group) == MEETING_DAYS[1:]
    second = group.reflection_rounds.order_by("date").first()
    assert second.meeting.starts_at == _at(MEETING_DAYS[1])
    assert second.opens_at == _at(MEETING_DAYS[1])
    assert second.closes_at == _at(MEETING_DAYS[1], 16) + dt.timedelta(days=7)
    assert second.status == ReflectionRound.Status.PLANNED


@time_machine.travel(NOW, tick=False)
def test_monthly_plans_one_round_per_month_at_its_first_meeting_never_the_first_meeting(group):
    _setup(group, ReflectionSetup.Frequency.MONTHLY)
    services.rounds_schedule(group=group)
    assert _round_days(group) == [dt.date(2026, 1, 24), dt.date(2026, 2, 7), dt.date(2026, 3, 7)]


@time_machine.travel(NOW, tick=False)
def test_chosen_points_plan_rounds_for_the_chosen_meetings_and_dates_only(group):
    setup = _setup(group, ReflectionSetup.Frequency.CHOSEN)
    first, *_rest = group.meetings.order_by("starts_at")
    feb = group.meetings.get(starts_at=_at(dt.date(2026, 2, 7)))
    setup.points.create(meeting=feb)
    setup.points.create(date=dt.date(2026, 3, 20))
    setup.points.create(meeting=first)  # never at the first meeting, even if chosen
    services.rounds_schedule(group=group)
    assert _round_days(group) == [dt.date(2026, 2, 7), dt.date(2026, 3, 20)]
    date_round = group.reflection_rounds.get(date=dt.date(2026, 3, 20))
    assert date_round.meeting is None
    assert date_round.opens_at == dt.datetime(2026, 3, 20, 9, 0, tzinfo=LONDON)


@time_machine.travel(NOW, tick=False)
def test_a_cancelled_first_meeting_makes_the_next_one_first(group):
    group.meetings.filter(starts_at=_at(MEETING_DAYS[0])).update(status="cancelled")
    _setup(group, ReflectionSetup.Frequency.EVERY_MEETING)
    services.rounds_schedule(group=group)
    assert _round_days(group) == MEETING_DAYS[2:]


@time_machine.travel(NOW, tick=False)
def test_scheduling_again_changes_nothing_and_drops_rounds_for_cancelled_meetings(group):
    _setup(group, ReflectionSetup.Frequency.EVERY_MEETING)
    services.rounds_schedule(group=group)
    assert services.rounds_schedule(group=group) == []
    group.meetings.filter(starts_at=_at(MEETING_DAYS[2])).update(status="cancelled")
    services.rounds_schedule(group=group)
    assert _round_days(group) == [MEETING_DAYS[1], MEETING_DAYS[3], MEETING_DAYS[4]]


@time_machine.travel(NOW, tick=False)
def test_no_round_is_planned_for_meetings_before_the_start_date(group):
    _setup(group, ReflectionSetup.Frequency.EVERY_MEETING).__class__.objects.filter(group=group).update(
        starts_on=dt.date(2026, 2, 1)
    )
    group.refresh_from_db()
    services.rounds_schedule(group=group)
    assert _round_days(group) == MEETING_DAYS[2:]


@time_machine.travel(NOW, tick=False)
def test_the_set_up_form_refuses_a_date_at_the_first_meeting_and_suggests_a_later_one(group):
    data = {
        "frequency": "chosen",
        "anonymous": "True",
        "starts_on": "2026-01-01",
        "days_open": "7",
        "chosen_date_1": "2026-01-10",
        "chosen_date_2": "2026-03-20",
        **{
            f"question_{k}": "Question"
            for k in ["equality", "difference", "inclusive", "group_working", "self_working", "better"]
        },
    }
    form = SetupForm(data, instance=ReflectionSetup(group=group), group=group)
    assert not form.is_valid()
    assert "first meeting (10 January 2026)" in str(form.errors["chosen_date_1"])
    assert "We suggest a later one, such as 24 January 2026" in str(form.errors["chosen_date_1"])
    # The first meeting is not offered at all.
    assert [m.starts_at.date() for m in form.fields["chosen_meetings"].queryset] == MEETING_DAYS[1:]


@time_machine.travel(NOW, tick=False)
def test_the_set_up_form_asks_for_two_or_three_points(group):
    data = {
        "frequency": "chosen",
        "anonymous": "False",
        "starts_on": "2026-01-01",
        "days_open": "7",
        "chosen_date_1": "2026-03-20",
        **{
            f"question_{k}": "Question"
            for k in ["equality", "difference", "inclusive", "group_working", "self_working", "better"]
        },
    }
    form = SetupForm(data, instance=ReflectionSetup(group=group), group=group)
    assert not form.is_valid()
    assert "Choose two or three points" in str(form.errors["chosen_meetings"])


# The worker closes the connection between tasks; on PostgreSQL that needs a real transaction.
@pytest.mark.django_db(transaction=True)
def test_the_periodic_job_opens_due_rounds_and_emails_every_member_a_working_link(group, client, run_tasks):
    with time_machine.travel(NOW, tick=False):
        _setup(group, ReflectionSetup.Frequency.EVERY_MEETING)
        resident = MembershipFactory(group=group, member_type="resident", joined_on=dt.date(2025, 12, 1)).person
        MembershipFactory(group=group, member_type="councillor", joined_on=dt.date(2025, 12, 1))
        MembershipFactory(group=group, member_type="expert", joined_on=dt.date(2025, 12, 1))
        services.rounds_tick()
        assert not ReflectionRound.objects.filter(status="open").exists()
    with time_machine.travel(_at(MEETING_DAYS[1], 14) + dt.timedelta(minutes=5), tick=False):
        services.rounds_tick()
        round = ReflectionRound.objects.get(status="open")
        assert round.date == MEETING_DAYS[1]
        assert re.fullmatch(r"[ACDEFGHJKMNPQRTUVWXY34679]{6}", round.code)
        assert ReflectionInvitation.objects.filter(round=round).count() == 3
        run_tasks()
        assert len(mail.outbox) == 3
        message = next(m for m in mail.outbox if m.to == [resident.email])
        link = re.search(r"http://[^\s]+/r/reflection/[^\s/]+/", message.body).group(0)
        token = urlsplit(link).path.rstrip("/").rsplit("/", 1)[-1]
        # Only the token's hash is stored; the queued email holds ids only.
        assert ReflectionInvitation.objects.get(round=round, person=resident).token_hash == token_hash(token)
        assert not OutgoingEmail.objects.filter(params__icontains=token).exists()
        assert {tuple(e.params) for e in OutgoingEmail.objects.all()} == {("invitation_id",)}
        response = client.get(urlsplit(link).path)
        assert response.status_code == 200
        assert "How is" in response.content.decode()
    with time_machine.travel(_at(MEETING_DAYS[1], 16) + dt.timedelta(days=7, minutes=1), tick=False):
        services.rounds_tick()
        round.refresh_from_db()
        assert round.status == ReflectionRound.Status.CLOSED
        assert round.code is None


@time_machine.travel(NOW, tick=False)
def test_saving_the_set_up_plans_the_rounds_and_keeps_adjusted_questions(group, client):
    from tests.factories import ProjectRoleFactory

    lead = ProjectRoleFactory(project=group.project, role="lead").user
    client.force_login(lead)
    feb = group.meetings.get(starts_at=_at(dt.date(2026, 2, 7)))
    questions = {
        f"question_{k}": f"Our {k} question"
        for k in ["equality", "difference", "inclusive", "group_working", "self_working", "better"]
    }
    response = client.post(
        f"/projects/{group.project.pk}/reflection/{group.pk}/set-up/",
        {
            "frequency": "chosen",
            "anonymous": "False",
            "starts_on": "2026-01-01",
            "days_open": "5",
            "chosen_meetings": [feb.pk],
            "chosen_date_1": "2026-03-20",
            **questions,
        },
    )
    assert response.status_code == 302
    setup = ReflectionSetup.objects.get(group=group)
    assert not setup.anonymous and setup.questions["equality"] == "Our equality question"
    assert _round_days(group) == [dt.date(2026, 2, 7), dt.date(2026, 3, 20)]
