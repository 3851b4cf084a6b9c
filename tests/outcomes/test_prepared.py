"""The submit's statements, compiled once by the ORM and run again with new values."""

import datetime as dt
import uuid

import pytest

from outcomes.anonymity import compiled_update, statements_run
from outcomes.models import Answer, Questionnaire, Response
from outcomes.prepared import Prepared, compiled_insert
from tests.factories import QuestionnaireFactory

pytestmark = pytest.mark.django_db


def _response(questionnaire, day):
    return Response(id=uuid.uuid4(), questionnaire=questionnaire, audience="residents", answered_on=day)


def test_a_prepared_select_returns_each_call_s_own_rows_with_dates_as_dates():
    first = QuestionnaireFactory(opens_on=dt.date(2026, 3, 1), closes_on=dt.date(2026, 3, 31))
    second = QuestionnaireFactory(opens_on=dt.date(2026, 5, 1), closes_on=dt.date(2026, 5, 9))
    dates = Prepared(lambda pk: Questionnaire.objects.filter(pk=pk).values_list("opens_on", "closes_on"), int)

    assert dates.rows(first.pk) == [[dt.date(2026, 3, 1), dt.date(2026, 3, 31)]]
    assert dates.rows(second.pk) == [[dt.date(2026, 5, 1), dt.date(2026, 5, 9)]]
    assert dates.rows(0) == []


def test_a_prepared_update_changes_only_the_row_it_is_given():
    first, second = QuestionnaireFactory(), QuestionnaireFactory()
    flag = Prepared(
        lambda pk: compiled_update(Questionnaire.objects.filter(pk=pk, reseal_due=False), reseal_due=True), int
    )

    assert statements_run([flag.statement(second.pk)]) == 1
    assert statements_run([flag.statement(second.pk)]) == 0  # already set: the condition holds it

    assert list(Questionnaire.objects.filter(reseal_due=True)) == [second]
    assert not Questionnaire.objects.get(pk=first.pk).reseal_due


def test_inserts_of_the_same_shape_store_each_one_s_own_values():
    questionnaire = QuestionnaireFactory()
    statement_ids = list(questionnaire.statements.values_list("pk", flat=True)[:2])
    for value, day in [(1, dt.date(2026, 4, 1)), (5, dt.date(2026, 4, 2))]:
        response = _response(questionnaire, day)
        answers = [Answer(id=uuid.uuid4(), response=response, statement_id=pk, value=value) for pk in statement_ids]
        statements_run([*compiled_insert([response]), *compiled_insert(answers)])

    stored = {r.answered_on: sorted(r.answers.values_list("value", flat=True)) for r in Response.objects.all()}
    assert stored == {dt.date(2026, 4, 1): [1, 1], dt.date(2026, 4, 2): [5, 5]}


def test_a_marker_the_statement_does_not_use_is_refused():
    unused = Prepared(lambda pk: Questionnaire.objects.filter(title="x").values_list("pk"), int)

    with pytest.raises(ValueError):
        unused.rows(1)
