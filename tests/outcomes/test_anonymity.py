import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from outcomes.models import Answer, Invitation, Questionnaire, Response
from outcomes.services import questionnaire_reseal
from tests.factories import ProjectFactory, QuestionnaireFactory, invitation_with_token

postgres_only = pytest.mark.skipif(
    "postgresql" not in connection.vendor and connection.vendor != "postgresql", reason="needs PostgreSQL"
)


def answers_for(questionnaire, audience="residents"):
    return {f"s{s.pk}": "4" for s in questionnaire.statements.for_audience(audience)}


@pytest.mark.django_db
def test_response_tables_hold_nothing_that_points_at_a_person_or_a_time():
    forbidden_targets = {Invitation, Invitation._meta.get_field("person").related_model}
    with connection.cursor() as cursor:
        for model in (Response, Answer):
            table = model._meta.db_table
            columns = connection.introspection.get_table_description(cursor, table)
            relations = connection.introspection.get_relations(cursor, table)
            for column in columns:
                name = column.name.lower()
                assert not any(word in name for word in ("person", "invitation", "token", "user", "ip", "agent")), (
                    f"{table}.{name}"
                )
                internal = connection.introspection.get_field_type(column.type_code, column)
                assert internal not in ("DateTimeField", "TimeField"), f"{table}.{name} holds a time ({internal})"
            targets = {relation[1] for relation in relations.values()}
            assert targets <= {Questionnaire._meta.db_table, Response._meta.db_table, "outcomes_statement"}, targets
            assert not targets & {m._meta.db_table for m in forbidden_targets}
    for model in (Response, Answer):
        assert model._meta.pk.get_internal_type() == "UUIDField"


@pytest.mark.django_db
def test_response_ids_are_random(client):
    project = ProjectFactory()
    questionnaire = QuestionnaireFactory(project=project)
    ids = []
    for _ in range(3):
        _invitation, token = invitation_with_token(questionnaire)
        client.post(reverse("outcomes_public:questionnaire", args=[token]), answers_for(questionnaire))
    ids = [r.id for r in Response.objects.all()]
    assert len(ids) == 3 and all(i.version == 4 for i in ids)


@pytest.mark.django_db
def test_submission_flags_the_questionnaire_and_resealing_keeps_every_answer(client):
    questionnaire = QuestionnaireFactory(project=ProjectFactory())
    for _ in range(3):
        _invitation, token = invitation_with_token(questionnaire)
        client.post(reverse("outcomes_public:questionnaire", args=[token]), answers_for(questionnaire))
    before = sorted(Answer.objects.values_list("response_id", "statement_id", "value"))
    questionnaire.refresh_from_db()
    assert questionnaire.reseal_due
    assert questionnaire_reseal(questionnaire_id=questionnaire.pk)
    questionnaire.refresh_from_db()
    assert not questionnaire.reseal_due
    assert sorted(Answer.objects.values_list("response_id", "statement_id", "value")) == before
    assert not questionnaire_reseal(questionnaire_id=questionnaire.pk)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_submissions_of_one_link_at_once_store_one_response():
    questionnaire = QuestionnaireFactory(project=ProjectFactory())
    _invitation, token = invitation_with_token(questionnaire)
    data = answers_for(questionnaire)
    path = reverse("outcomes_public:questionnaire", args=[token])
    barrier = threading.Barrier(4)
    statuses = []

    def submit():
        try:
            barrier.wait()
            statuses.append(Client().post(path, data).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 200, 200, 302]
    assert Response.objects.count() == 1
    assert Answer.objects.count() == len(data)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_after_resealing_no_response_shares_a_transaction_id_with_its_invitation():
    questionnaire = QuestionnaireFactory(project=ProjectFactory())
    client = Client()
    for _ in range(3):
        _invitation, token = invitation_with_token(questionnaire)
        client.post(reverse("outcomes_public:questionnaire", args=[token]), answers_for(questionnaire))

    def xmins(table):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT xmin::text FROM {table}")  # noqa: S608 - fixed table names
            return {row[0] for row in cursor.fetchall()}

    invitations = xmins(Invitation._meta.db_table)
    assert xmins(Response._meta.db_table) <= invitations  # the risk is real before resealing
    questionnaire_reseal(questionnaire_id=questionnaire.pk)
    assert not xmins(Response._meta.db_table) & invitations
    assert not xmins(Answer._meta.db_table) & invitations
    assert len(xmins(Response._meta.db_table)) == 1
