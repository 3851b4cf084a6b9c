"""The anonymous-link machinery for all three kinds of anonymous answer: questionnaires,
anonymous reflection rounds and equality monitoring. What a resident sees, what is stored, and
(on PostgreSQL) what a database superuser could read from the tables' pages."""

import threading
import time
from dataclasses import dataclass
from unittest import mock

import pytest
from django.db import OperationalError, connection, connections
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from core import anonymity
from core.anonymity import token_new
from feedback.models import ReflectionAnswer, ReflectionInvitation
from feedback.tasks import reflection_answers_reseal
from outcomes.models import Answer, Invitation, Response
from outcomes.tasks import questionnaires_reseal
from reporting.models import MonitoringInvitation, MonitoringResponse
from reporting.tasks import monitoring_answers_reseal
from tests.factories import (
    MembershipFactory,
    MonitoringInvitationFactory,
    ProjectFactory,
    QuestionnaireFactory,
    ReflectionInvitationFactory,
    ReflectionRoundFactory,
    invitation_with_token,
)

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
REFLECTION = {"equality": "4", "difference": "5", "inclusive": "2", "better": "Papers a week ahead."}


@dataclass
class Kind:
    """One kind of anonymous answer: how to invite someone, what their link posts, where it goes."""

    name: str
    invitation: type
    answers: tuple  # answer models, parents first
    reseal: object  # the periodic job

    def scope(self):
        if self.invitation is Invitation:
            return QuestionnaireFactory(project=ProjectFactory())
        if self.invitation is ReflectionInvitation:
            return ReflectionRoundFactory(anonymous=True)
        return ProjectFactory()

    def invite(self, scope):
        """An invitation in ``scope`` and the token its emailed link carries."""
        if self.invitation is Invitation:
            return invitation_with_token(scope)
        token, hashed = token_new()
        if self.invitation is ReflectionInvitation:
            person = MembershipFactory(group=scope.group).person
            return ReflectionInvitationFactory(round=scope, person=person, token_hash=hashed), token
        return MonitoringInvitationFactory(project=scope, token_hash=hashed), token

    def url(self, token):
        names = {Invitation: "outcomes_public:questionnaire", ReflectionInvitation: "feedback_public:answer"}
        return reverse(names.get(self.invitation, "reporting_public:monitoring_answer"), args=[token])

    def data(self, scope):
        if self.invitation is Invitation:
            return {f"s{s.pk}": "4" for s in scope.statements.for_audience("residents")}
        return REFLECTION if self.invitation is ReflectionInvitation else {"sex": "female"}

    def submit(self, client, scope, token):
        return client.post(self.url(token), self.data(scope))

    def stored(self):
        return self.answers[0].objects.count()


KINDS = [
    Kind("questionnaire", Invitation, (Response, Answer), questionnaires_reseal),
    Kind("reflection", ReflectionInvitation, (ReflectionAnswer,), reflection_answers_reseal),
    Kind("monitoring", MonitoringInvitation, (MonitoringResponse,), monitoring_answers_reseal),
]
kinds = pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])


def used(kind, client, token):
    """True when the link's page says it has been used."""
    return "already answered" in client.get(kind.url(token)).content.decode().replace("\u2019", "'")


def submit_until_answered(kind, scope, token):
    """Submit as a resident would, pressing again while SQLite's test database says a table is
    locked: it is a shared in-memory cache, whose locks fail at once where a database file's
    wait (timeout 20 s). A failed submit stored nothing (one transaction), so this is fair."""
    for _attempt in range(500):
        try:
            return kind.submit(Client(), scope, token)
        except OperationalError as error:
            if "locked" not in str(error):
                raise
            time.sleep(0.01)
    raise AssertionError("never got through")


@kinds
@pytest.mark.django_db(transaction=True)
def test_twenty_submits_of_one_link_at_once_store_one_answer(kind):
    scope = kind.scope()
    _invitation, token = kind.invite(scope)
    barrier = threading.Barrier(20)
    errors = []

    def submit():
        try:
            barrier.wait()
            submit_until_answered(kind, scope, token)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert kind.stored() == 1
    assert kind.invitation.objects.get().completed


class Crash(BaseException):
    """The process dying: nothing of ours catches it (a BaseException, as SystemExit is)."""


@kinds
@pytest.mark.parametrize("step", ["_answer_store", "_mark_answered"], ids=["before-answer", "after-answer"])
@pytest.mark.django_db(transaction=True)
def test_a_crash_between_the_writes_loses_no_answer_and_never_lets_a_link_answer_twice(kind, step):
    scope = kind.scope()
    invitation, token = kind.invite(scope)
    client = Client(raise_request_exception=True)
    with mock.patch.object(anonymity, step, side_effect=Crash), pytest.raises(Crash):
        kind.submit(client, scope, token)
    if step == "_answer_store" or connection.vendor != "postgresql":
        # Nothing was stored (on SQLite the redeem is one transaction): the link works again.
        assert kind.stored() == 0
        kind.submit(client, scope, token)
    # The answer is stored exactly once, and the link cannot be used again.
    assert kind.stored() == 1
    kind.submit(client, scope, token)
    assert kind.stored() == 1
    assert used(kind, client, token)
    invitation.refresh_from_db()
    assert invitation.completed and not invitation.in_flight


@kinds
@pytest.mark.postgres
@postgres_only  # on SQLite a redeem is one transaction: nothing is ever left in flight
@pytest.mark.django_db(transaction=True)
def test_the_reseal_job_settles_an_answer_a_crash_left_in_flight(kind):
    scope = kind.scope()
    invitation, token = kind.invite(scope)
    with mock.patch.object(anonymity, "_mark_answered", side_effect=Crash), pytest.raises(Crash):
        kind.submit(Client(raise_request_exception=True), scope, token)
    kind.reseal()
    invitation.refresh_from_db()
    assert kind.stored() == 1
    assert invitation.completed and not invitation.in_flight and not invitation.reseal_due


@kinds
@pytest.mark.django_db(transaction=True)
def test_the_reseal_keeps_every_answer_and_answered_invitation_and_clears_what_is_due(kind):
    scope = kind.scope()
    for _ in range(3):
        _invitation, token = kind.invite(scope)
        kind.submit(Client(), scope, token)
    kind.invite(scope)  # not answered
    before = [
        sorted(map(str, m.objects.values_list(*[f.attname for f in m._meta.concrete_fields]))) for m in kind.answers
    ]
    assert kind.invitation.objects.filter(reseal_due=True).count() == 3
    kind.reseal()
    after = [
        sorted(map(str, m.objects.values_list(*[f.attname for f in m._meta.concrete_fields]))) for m in kind.answers
    ]
    assert after == before
    assert kind.invitation.objects.filter(completed=True).count() == 3
    assert not kind.invitation.objects.filter(reseal_due=True).exists()
    assert anonymity.invitations_reseal(kind.invitation) == 0  # nothing left to do


@kinds
@pytest.mark.django_db
def test_a_submit_queues_no_task(kind, client):
    """A task row's times and transaction id would record the moment of the answer."""
    scope = kind.scope()
    _invitation, token = kind.invite(scope)
    kind.submit(client, scope, token)
    assert kind.stored() == 1
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db
def test_sqlite_overwrites_deleted_rows():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA secure_delete")
        assert cursor.fetchone()[0] == 1


# --- what a database superuser sees (PostgreSQL) ---------------------------------------------


def _pageinspect():
    with connection.cursor() as cursor:
        try:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pageinspect")
        except Exception:  # noqa: BLE001 - not installed here: read live rows only
            return False
    return True


def versions(model):
    """Every row version on every page of the table, dead or alive, as (xmin, xmax): what a
    superuser reads with pageinspect. Without the extension, the live rows' xmin only."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if not _pageinspect():
            cursor.execute(f"SELECT xmin::text, '0' FROM {table}")  # noqa: S608 - fixed table names
            return cursor.fetchall()
        cursor.execute("SELECT pg_relation_size(%s) / current_setting('block_size')::int", [table])
        pages = cursor.fetchone()[0]
        found = []
        for page in range(pages):
            cursor.execute(
                "SELECT t_xmin::text, t_xmax::text FROM heap_page_items(get_raw_page(%s, %s)) WHERE lp_flags = 1",
                [table, page],
            )
            found += cursor.fetchall()
        return found


def xids(model):
    return {xid for pair in versions(model) for xid in pair if xid not in (None, "0")}


def assert_no_shared_transaction(kind):
    invitations = xids(kind.invitation)
    for model in kind.answers:
        answers = xids(model)
        assert answers, f"{model.__name__}: no row versions read"
        assert not answers & invitations, f"{model.__name__} shares transaction ids with {kind.invitation.__name__}"


@kinds
@pytest.mark.postgres
@postgres_only
@pytest.mark.django_db(transaction=True)
def test_no_answer_version_shares_a_transaction_id_with_an_invitation_version(kind):
    scope = kind.scope()
    for _ in range(3):
        _invitation, token = kind.invite(scope)
        kind.submit(Client(), scope, token)
    assert kind.stored() == 3
    assert_no_shared_transaction(kind)
    kind.reseal()
    assert_no_shared_transaction(kind)
    # The reseal's VACUUM left no dead versions: every version on the pages is a live row.
    for model in (kind.invitation, *kind.answers):
        assert len(versions(model)) == model._base_manager.count(), model.__name__
