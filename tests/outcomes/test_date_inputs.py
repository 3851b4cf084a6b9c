import datetime as dt

from django.urls import reverse

from tests.factories import QuestionnaireFactory


def test_editing_a_questionnaire_shows_its_stored_dates(client, officer, project):
    questionnaire = QuestionnaireFactory(project=project, opens_on=dt.date(2027, 6, 1), closes_on=dt.date(2027, 6, 30))
    client.force_login(officer)
    page = client.get(reverse("outcomes:edit", args=[project.pk, questionnaire.pk])).text
    assert 'value="2027-06-01"' in page
    assert 'value="2027-06-30"' in page
