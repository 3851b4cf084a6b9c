"""Personal data goes once every project a person took part in ended longer ago than the
organisation keeps it; the rows stay, so counts stay right."""

import datetime as dt

import time_machine

from groups.models import Membership, Person
from groups.tasks import personal_data_retention
from tests.factories import (
    ApplicantFactory,
    GroupFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    ProjectFactory,
)

START = dt.date(2025, 1, 6)


def _group(organisation, end_date):
    project = ProjectFactory(organisation=organisation, start_date=START, end_date=end_date)
    return GroupFactory(project=project)


def _member(group, person=None, **extra):
    return MembershipFactory(group=group, joined_on=START, **({"person": person} if person else {}), **extra).person


def test_people_are_erased_once_every_project_they_were_in_ended_past_the_retention_period(db):
    organisation = OrganisationFactory(retention_months=24)
    ended = _group(organisation, dt.date(2025, 6, 30))
    ended_later = _group(organisation, dt.date(2025, 12, 31))
    ongoing = _group(organisation, None)
    only_old = _member(ended)
    also_later = _member(ended, person=None)
    _member(ended_later, person=also_later)
    also_ongoing = _member(ended)
    _member(ongoing, person=also_ongoing)
    applicant_only = ApplicantFactory(round__group=ended).person
    members_before = Membership.objects.filter(group=ended).count()

    with time_machine.travel(dt.datetime(2027, 6, 30, 12, tzinfo=dt.UTC), tick=False):
        personal_data_retention()  # exactly 24 months after: not yet
    assert not Person.objects.filter(erased_at__isnull=False).exists()

    with time_machine.travel(dt.datetime(2027, 7, 2, 12, tzinfo=dt.UTC), tick=False):
        personal_data_retention()
    erased = set(Person.objects.filter(erased_at__isnull=False))
    assert erased == {only_old, applicant_only}
    only_old.refresh_from_db()
    assert only_old.email == "" and only_old.name == "Erased person"
    assert Membership.objects.filter(group=ended).count() == members_before  # counts stay right

    with time_machine.travel(dt.datetime(2028, 1, 2, 12, tzinfo=dt.UTC), tick=False):
        personal_data_retention()
    assert also_later in set(Person.objects.filter(erased_at__isnull=False))
    also_ongoing.refresh_from_db()
    assert also_ongoing.erased_at is None and also_ongoing.email  # one project has not ended


def test_each_organisation_keeps_data_for_its_own_period(db):
    short = OrganisationFactory(retention_months=6)
    long = OrganisationFactory(retention_months=36)
    short_person = _member(_group(short, dt.date(2025, 6, 30)))
    long_person = _member(_group(long, dt.date(2025, 6, 30)))
    with time_machine.travel(dt.datetime(2026, 2, 1, 12, tzinfo=dt.UTC), tick=False):
        personal_data_retention()
    short_person.refresh_from_db()
    long_person.refresh_from_db()
    assert short_person.erased_at is not None
    assert long_person.erased_at is None


def test_people_in_no_group_are_left_alone(db):
    person = PersonFactory()
    with time_machine.travel(dt.datetime(2040, 1, 1, 12, tzinfo=dt.UTC), tick=False):
        personal_data_retention()
    person.refresh_from_db()
    assert person.erased_at is None


def test_retention_runs_daily_from_the_heartbeat(settings):
    assert dict(settings.PERIODIC_JOBS)["groups.tasks.personal_data_retention"] == 24 * 60
