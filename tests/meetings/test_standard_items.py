"""The guide's standard agenda items follow the order meetings are really held in."""

import datetime as dt

import time_machine

from meetings import services
from meetings.models import Action, AgendaItem
from tests.factories import GroupFactory

from .helpers import at

NOW = at(2027, 2, 1, 9, 0)


def plan(group, start):
    return services.meeting_create(group=group, starts_at=start, ends_at=start + dt.timedelta(hours=2))


def agenda(meeting):
    return list(meeting.agenda_items.order_by("position", "pk").values_list("title", flat=True))


FIRST = ["Welcome and introductions", "Agree our ground rules", "Reflection time"]
LATER = ["Welcome and introductions", "Ground rules", "Matters arising", "Reflection time"]


def test_a_meeting_added_before_the_first_takes_over_agreeing_the_ground_rules(db):
    group = GroupFactory()
    with time_machine.travel(NOW, tick=False):
        built_first = plan(group, NOW + dt.timedelta(weeks=4))
        assert agenda(built_first) == FIRST
        earlier = plan(group, NOW + dt.timedelta(weeks=2))
    assert agenda(earlier) == FIRST
    assert agenda(built_first) == LATER


def test_open_actions_reach_the_true_next_meeting_once_it_is_added(db):
    group = GroupFactory()
    with time_machine.travel(NOW, tick=False):
        held = plan(group, NOW - dt.timedelta(weeks=1))
        Action.objects.create(meeting=held, description="Book the library room", owner="Sam")
        later = plan(group, NOW + dt.timedelta(weeks=6))
        next_meeting = plan(group, NOW + dt.timedelta(weeks=2))
    for meeting in (next_meeting, later):
        assert "Matters arising" in agenda(meeting)
        assert [a.description for a in Action.objects.matters_arising_for(meeting)] == ["Book the library room"]


def test_cancelling_the_first_meeting_moves_the_ground_rules_to_the_next(db):
    group = GroupFactory()
    with time_machine.travel(NOW, tick=False):
        first = plan(group, NOW + dt.timedelta(weeks=2))
        second = plan(group, NOW + dt.timedelta(weeks=4))
        services.meeting_cancel(meeting=first)
    assert agenda(second) == FIRST


def test_moving_a_meeting_ahead_of_the_first_swaps_their_standard_items(db):
    group = GroupFactory()
    with time_machine.travel(NOW, tick=False):
        first = plan(group, NOW + dt.timedelta(weeks=2))
        second = plan(group, NOW + dt.timedelta(weeks=4))
        start = NOW + dt.timedelta(weeks=1)
        services.meeting_update(meeting=second, starts_at=start, ends_at=start + dt.timedelta(hours=2))
    assert agenda(second) == FIRST
    assert agenda(first) == LATER


def test_an_officers_own_wording_is_left_alone(db):
    group = GroupFactory()
    with time_machine.travel(NOW, tick=False):
        first = plan(group, NOW + dt.timedelta(weeks=4))
        AgendaItem.objects.filter(meeting=first, kind=AgendaItem.Kind.GROUND_RULES).update(title="Our ground rules")
        plan(group, NOW + dt.timedelta(weeks=2))
    assert "Our ground rules" in agenda(first)
    assert "Matters arising" in agenda(first)
