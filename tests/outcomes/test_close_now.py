""" "Close now": an officer closes an open questionnaire without backdating anything."""

import datetime as dt

import time_machine
from django.urls import reverse

from outcomes.models import Questionnaire, Response, StatementTally
from outcomes.services import questionnaires_tally
from tests.factories import QuestionnaireFactory, invitation_with_token, responses_add
from tests.html import text_of

NOW = dt.datetime(2027, 3, 10, 14, 30, tzinfo=dt.UTC)
TODAY = dt.date(2027, 3, 10)


def _answers(questionnaire):
    return {f"s{s.pk}": "4" for s in questionnaire.statements.for_audience("residents").filter(kind="likert")}


def _open_questionnaire(project):
    return QuestionnaireFactory(
        project=project, opens_on=TODAY - dt.timedelta(days=7), closes_on=TODAY + dt.timedelta(days=7)
    )


def test_closing_now_keeps_the_opening_date_and_records_the_real_closing_day(client, officer, project):
    with time_machine.travel(NOW, tick=False):
        questionnaire = _open_questionnaire(project)
        client.force_login(officer)
        response = client.post(reverse("outcomes:close", args=[project.pk, questionnaire.pk]), follow=True)
        page = text_of(response, "body")
    stored = Questionnaire.objects.get(pk=questionnaire.pk)
    assert stored.opens_on == TODAY - dt.timedelta(days=7)
    assert stored.closes_on == TODAY
    assert stored.closed_early_at == NOW
    assert "Questionnaire closed. Nobody can answer it from now on." in page
    assert "closed early on 10 March 2027, 14:30" in page
    assert "Close now" not in page


def test_a_resident_cannot_answer_once_it_is_closed_the_same_day(client, officer, project):
    with time_machine.travel(NOW, tick=False):
        questionnaire = _open_questionnaire(project)
        _invitation, token = invitation_with_token(questionnaire)
        client.force_login(officer)
        client.post(reverse("outcomes:close", args=[project.pk, questionnaire.pk]))
        client.logout()
        url = reverse("outcomes_public:questionnaire", args=[token])
        opened = client.get(url)
        sent = client.post(url, _answers(questionnaire))
    assert "has closed" in text_of(opened, "main")
    assert "has closed" in text_of(sent, "main")
    assert Response.objects.count() == 0


def test_a_questionnaire_closed_now_is_tallied_and_its_results_shown(client, officer, project):
    with time_machine.travel(NOW, tick=False):
        questionnaire = _open_questionnaire(project)
        responses_add(questionnaire, count=5, value=4)
        client.force_login(officer)
        client.post(reverse("outcomes:close", args=[project.pk, questionnaire.pk]))
        questionnaires_tally()
    assert StatementTally.objects.filter(questionnaire=questionnaire).exists()
    assert Questionnaire.objects.get(pk=questionnaire.pk).tallied_closes_on == TODAY


def test_one_that_has_not_opened_cannot_be_closed(client, officer, project):
    with time_machine.travel(NOW, tick=False):
        questionnaire = QuestionnaireFactory(
            project=project, opens_on=TODAY + dt.timedelta(days=1), closes_on=TODAY + dt.timedelta(days=8)
        )
        client.force_login(officer)
        response = client.post(reverse("outcomes:close", args=[project.pk, questionnaire.pk]), follow=True)
    assert "Only an open questionnaire can be closed." in text_of(response, "body")
    stored = Questionnaire.objects.get(pk=questionnaire.pk)
    assert (stored.closes_on, stored.closed_early_at) == (TODAY + dt.timedelta(days=8), None)


def test_closed_early_without_answers_it_can_be_given_a_new_closing_date(client, officer, project):
    with time_machine.travel(NOW, tick=False):
        questionnaire = _open_questionnaire(project)
        client.force_login(officer)
        client.post(reverse("outcomes:close", args=[project.pk, questionnaire.pk]))
        form = client.get(reverse("outcomes:edit", args=[project.pk, questionnaire.pk])).context["form"]
        data = {k: v for k, v in form.initial.items() if v is not None and k != "repeats"}
        data.update(closes_on=(TODAY + dt.timedelta(days=3)).isoformat(), opens_on=data["opens_on"].isoformat())
        client.post(reverse("outcomes:edit", args=[project.pk, questionnaire.pk]), data)
        stored = Questionnaire.objects.get(pk=questionnaire.pk)
        assert stored.is_open()
    assert stored.closed_early_at is None
