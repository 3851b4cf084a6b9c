import datetime as dt
from zoneinfo import ZoneInfo

from django.core import mail

from tests.factories import MembershipFactory

LONDON = ZoneInfo("Europe/London")


def at(*args):
    return dt.datetime(*args, tzinfo=LONDON)


def add_members(group, n, **person):
    return [
        MembershipFactory(
            group=group, joined_on=dt.date(2026, 1, 1), **{f"person__{k}": v for k, v in person.items()}
        ).person
        for _ in range(n)
    ]


def packs():
    return [m for m in mail.outbox if m.subject.startswith("Agenda and papers")]


def recipients(messages):
    return sorted(r for m in messages for r in m.to)
