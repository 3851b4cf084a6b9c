"""Reports print the guide's statements as the questionnaire showed them: with the
organisation's own names, never the placeholders' words "area" and "council"."""

import csv
import datetime as dt
import io

from django.urls import reverse
from django.utils import timezone

from tests.factories import OrganisationFactory, ProjectFactory, QuestionnaireFactory, UserFactory, responses_add
from tests.helpers import pdf_text, report_export
from tests.html import text_of

TODAY = timezone.localdate()
SHOWN = "I think more services in Vale of Glamorgan should be co-produced"
PLACEHOLDER = "more services in area should"


def _world():
    organisation = OrganisationFactory(name="Vale of Glamorgan Council", min_responses=5)
    project = ProjectFactory(organisation=organisation, title="Libraries")
    questionnaire = QuestionnaireFactory(
        project=project, opens_on=TODAY - dt.timedelta(days=20), closes_on=TODAY - dt.timedelta(days=1)
    )
    responses_add(questionnaire, count=5, value=4)
    manager = UserFactory(organisation=organisation, role="manager")
    return project, manager


def _page_text(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return " ".join(text_of(response, "main").split())


def test_the_questionnaire_itself_shows_the_organisations_names(db):
    project, _manager = _world()
    texts = [s.text for s in project.questionnaires.get().statements.all()]
    assert any(SHOWN in text for text in texts)


def test_dashboard_and_project_report_pages_print_the_statement_with_the_organisations_names(client, db):
    project, manager = _world()
    client.force_login(manager)
    for url in (reverse("reporting:dashboard") + "?fresh=1", reverse("reporting:project_report", args=[project.pk])):
        text = _page_text(client, url)
        assert SHOWN in text, url
        assert PLACEHOLDER not in text
        assert "co-produced work with Vale of Glamorgan Council" in text


def test_the_report_csv_opened_as_a_spreadsheet_has_the_organisations_names(client, db):
    project, manager = _world()
    client.force_login(manager)
    raw = client.get(reverse("reporting:project_report_csv", args=[project.pk])).content
    cells = [cell for row in csv.reader(io.StringIO(raw.decode("utf-8-sig"))) for cell in row]
    assert any(SHOWN in cell for cell in cells)
    assert not any(PLACEHOLDER in cell for cell in cells)


def test_the_pdf_report_has_the_organisations_names_in_each_statement(client, db, run_tasks):
    project, manager = _world()
    export = report_export(client, manager, {"scope": "project", "project": project.pk}, run_tasks)
    _reader, text = pdf_text(export.file.read())
    assert "Vale of Glamorgan should be co-produced" in text
    assert PLACEHOLDER not in text
