"""Every CSV download, read as a spreadsheet reads it: no cell runs as a formula, and accented
letters and the pound sign survive Excel (which needs the byte order mark to read UTF-8)."""

import csv
import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse

from core.csv import csv_safe
from outcomes.services import statement_add
from tests.factories import ProjectRoleFactory, QuestionnaireFactory, responses_add

FORMULA = '=HYPERLINK("http://x","y")'
NAME = "Zoë's £5 garden fund"


def spreadsheet_rows(response):
    """The cells as a spreadsheet shows them; fails unless the file starts with the BOM."""
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def assert_no_formula(rows):
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
            assert not cell.startswith("-") or cell.lstrip("-").replace(".", "", 1).isdigit(), cell


@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=1", "\r=1", FORMULA])
def test_text_a_spreadsheet_would_run_is_shown_as_text(text):
    assert csv_safe(text) == "'" + text


@pytest.mark.parametrize("value, shown", [(-5, "-5"), ("-2.5", "-2.5"), (12, "12"), (None, ""), (NAME, NAME)])
def test_numbers_and_plain_text_are_left_alone(value, shown):
    assert csv_safe(value) == shown


def test_answers_csv_neutralises_the_title_and_statements_and_keeps_accents(client, officer, project):
    questionnaire = QuestionnaireFactory(project=project, title=FORMULA)
    statement_add(questionnaire=questionnaire, kind="text", audience="both", text=FORMULA)
    responses_add(questionnaire, count=5, text=NAME)
    with time_machine.travel(questionnaire.closes_on + dt.timedelta(days=1, hours=12)):
        client.force_login(officer)
        response = client.get(reverse("outcomes:csv", args=[project.pk, questionnaire.pk]))

    rows = spreadsheet_rows(response)

    assert rows[0][0] == "Questionnaire"
    assert "'" + FORMULA in rows[0]
    assert {row[0] for row in rows[1:]} == {"'" + FORMULA}
    assert all(NAME in row for row in rows[1:])
    assert_no_formula(rows)


@pytest.mark.parametrize("title", [FORMULA, NAME])
def test_report_csvs_neutralise_project_titles_and_keep_accents(client, manager, title):
    project = ProjectRoleFactory(user=manager, project__organisation=manager.organisation, role="lead").project
    project.title = title
    project.save()
    client.force_login(manager)

    for url in (reverse("reporting:project_report_csv", args=[project.pk]), reverse("reporting:dashboard_csv")):
        rows = spreadsheet_rows(client.get(url))
        assert rows[0] == ["section", "project", "measure", "category", "value"]
        assert_no_formula(rows)
        assert any(csv_safe(title) in row for row in rows[1:]), url
