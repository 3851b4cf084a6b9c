import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outcomes.models import Answer
from outcomes.services import statement_add
from tests.factories import QuestionnaireFactory, responses_add
from tests.html import parse, texts


@pytest.fixture
def questionnaire(project):
    return QuestionnaireFactory(project=project)


def after_close(questionnaire):
    return time_machine.travel(questionnaire.closes_on + dt.timedelta(days=1, hours=12))


def results_page(client, questionnaire):
    return client.get(reverse("outcomes:results", args=[questionnaire.project.pk, questionnaire.pk]))


def csv_response(client, questionnaire):
    return client.get(reverse("outcomes:csv", args=[questionnaire.project.pk, questionnaire.pk]))


def test_only_the_response_rate_shows_while_open(client, officer, questionnaire):
    responses_add(questionnaire, count=6)
    client.force_login(officer)
    page = results_page(client, questionnaire).content.decode()
    assert "Results show once the questionnaire closes" in page
    assert "<svg" not in page
    assert "once the questionnaire has closed" in csv_response(client, questionnaire).content.decode()


@pytest.mark.parametrize("count, shown", [(0, False), (4, False), (5, True)])
def test_results_are_withheld_below_the_minimum(client, officer, questionnaire, count, shown):
    responses_add(questionnaire, count=count, value=5)
    with after_close(questionnaire):
        client.force_login(officer)
        page = results_page(client, questionnaire).content.decode()
        csv = csv_response(client, questionnaire)
    assert ("<svg" in page) is shown
    assert ("Results are withheld" in page) is not shown
    if shown:
        assert csv["Content-Type"].startswith("text/csv")
        lines = csv.content.decode().strip().splitlines()
        assert len(lines) == 1 + count
        assert "Agree strongly" in lines[1]
        assert "5 (100%)" in page and "100%" in page
    else:
        assert "withheld to keep them anonymous" in csv.content.decode()
        assert "at least 5 must answer" in page


def test_an_audience_below_the_minimum_is_withheld_beside_one_above(client, officer, questionnaire):
    responses_add(questionnaire, audience="residents", count=6, value=4)
    responses_add(questionnaire, audience="council", count=2, value=2)
    with after_close(questionnaire):
        client.force_login(officer)
        page = results_page(client, questionnaire).content.decode()
        csv = csv_response(client, questionnaire).content.decode()
    assert "Withheld: 2 answered, fewer than the 5 needed." in page
    assert "Council staff and councillors" not in csv.split("\n", 1)[1]
    assert len(csv.strip().splitlines()) == 7


def test_counts_percentages_and_agreeing(client, officer, questionnaire):
    responses_add(questionnaire, count=3, value=5)
    responses_add(questionnaire, count=1, value=4)
    responses_add(questionnaire, count=4, value=1)
    with after_close(questionnaire):
        client.force_login(officer)
        page = results_page(client, questionnaire).content.decode()
    assert "4 (50%)" in page and "3 (38%)" in page and "1 (12%)" in page
    assert "<td>50%</td>" in page


def test_free_text_is_listed_alphabetically_and_withheld_when_few(client, officer, questionnaire):
    question = statement_add(questionnaire=questionnaire, kind="text", audience="both", text="What should change?")
    for text in ["Zebra crossings", "Apples", "More buses", "Evening meetings", "Bigger print"]:
        responses_add(questionnaire, count=1, text=text)
    with after_close(questionnaire):
        client.force_login(officer)
        page = results_page(client, questionnaire).content.decode()
    written = ["Apples", "Bigger print", "Evening meetings", "More buses", "Zebra crossings"]
    assert [item for item in texts(page, "li") if item in written] == written
    Answer.objects.filter(statement=question).exclude(text="Apples").delete()
    with after_close(questionnaire):
        page = results_page(client, questionnaire).content.decode()
    assert "Apples" not in page and "fewer than 5 people wrote an answer" in page


def test_start_and_end_are_compared(client, officer, project):
    today = dt.date.today()
    start = QuestionnaireFactory(
        project=project, point="start", opens_on=today - dt.timedelta(days=60), closes_on=today - dt.timedelta(days=50)
    )
    end = QuestionnaireFactory(project=project, repeats=start, point="end")
    responses_add(start, count=5, value=2)
    responses_add(end, count=5, value=5)
    with after_close(end):
        client.force_login(officer)
        page = results_page(client, end).content.decode()
    assert "Compared with" in page
    compared = [[cell.text for cell in row.select("td")] for row in parse(page).select("tr")]
    assert ["0% (5)", "100% (5)"] in compared


def test_results_page_queries_do_not_grow_with_answers(client, officer, project):
    small = QuestionnaireFactory(project=project)
    big = QuestionnaireFactory(project=project)
    responses_add(small, count=10)
    responses_add(big, count=2000, value=3)
    responses_add(big, audience="council", count=500, value=5)
    counts = []
    with after_close(big):
        client.force_login(officer)
        for questionnaire in (small, big):
            results_page(client, questionnaire)  # warm the session and caches
            with CaptureQueriesContext(connection) as queries:
                assert results_page(client, questionnaire).status_code == 200
            counts.append(len(queries))
    assert counts[0] == counts[1]


def test_likert_counts_cover_projects_in_one_query(project, django_assert_num_queries):
    from projects.models import Project

    questionnaire = QuestionnaireFactory(project=project)
    responses_add(questionnaire, count=6, value=4)
    with django_assert_num_queries(1):
        rows = list(Answer.objects.for_projects(Project.objects.all()).likert_counts())
    row = next(r for r in rows if r["statement_key"] == "influence")
    assert row == row | {
        "project_id": project.pk,
        "point": "end",
        "audience": "residents",
        "outcome_number": 1,
        "value": 4,
        "count": 6,
    }


def test_csv_withholds_what_the_page_withholds(client, officer, questionnaire):
    question = statement_add(questionnaire=questionnaire, kind="text", audience="both", text="What should change?")
    optional = statement_add(
        questionnaire=questionnaire,
        kind="likert",
        audience="both",
        text="The service is better.",
        outcome=questionnaire.project.outcomes.filter(number=5).first()
        or questionnaire.project.outcomes.create(number=5, title="Better services"),
        required=False,
    )
    responses_add(questionnaire, count=6, text="Evening meetings")
    # Only two people wrote an answer and two answered the optional statement: fewer than 5.
    Answer.objects.filter(statement=question).exclude(pk__in=Answer.objects.filter(statement=question)[:2]).delete()
    Answer.objects.filter(statement=optional).exclude(pk__in=Answer.objects.filter(statement=optional)[:2]).delete()
    with after_close(questionnaire):
        client.force_login(officer)
        page = results_page(client, questionnaire).content.decode()
        csv = csv_response(client, questionnaire).content.decode()
    assert "Evening meetings" not in page
    assert "Evening meetings" not in csv
    rows = csv.strip().splitlines()
    assert len(rows) == 7
    header = rows[0].split(",")
    column = header.index("The service is better.")
    assert {row.split(",")[column] for row in rows[1:]} == {"Withheld"}
