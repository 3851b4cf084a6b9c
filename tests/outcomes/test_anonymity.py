import pytest
from django.db import connection
from django.urls import reverse

from outcomes.models import Answer, Invitation, Questionnaire, Response
from outcomes.services import response_record_paper
from tests.factories import ProjectFactory, QuestionnaireFactory, invitation_with_token


def answers_for(questionnaire, audience="residents"):
    return {f"s{s.pk}": "4" for s in questionnaire.statements.for_audience(audience)}


@pytest.mark.django_db
def test_response_tables_hold_nothing_that_points_at_a_person_or_a_date():
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
                # Not even a date: the questionnaire's own period is the finest time an answer has.
                assert internal not in ("DateField", "DateTimeField", "TimeField"), f"{table}.{name} ({internal})"
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
def test_links_answered_are_told_from_paper_answers(client):
    """What settles a submit a crash interrupted: the responses given through links."""
    questionnaire = QuestionnaireFactory(project=ProjectFactory())
    for _ in range(2):
        _invitation, token = invitation_with_token(questionnaire)
        client.post(reverse("outcomes_public:questionnaire", args=[token]), answers_for(questionnaire))
    statement = questionnaire.statements.for_audience("residents").first()
    response_record_paper(questionnaire=questionnaire, audience="residents", answers=[(statement.pk, 3, "")])
    assert Response.objects.count() == 3
    assert Questionnaire.objects.get().paper_responses == 1
    assert Invitation.link_answers(questionnaire.pk) == 2
    assert Invitation.objects.filter(completed=True, reseal_due=True).count() == 2
