import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from groups.models import Membership
from outcomes import guide
from outcomes.models import Answer, Invitation, Response, Statement
from outcomes.services import invitations_create, reminders_send
from tests.factories import GroupFactory, MembershipFactory, QuestionnaireFactory, invitation_with_token


def answers_for(questionnaire, audience="residents", value="4"):
    return {f"s{s.pk}": value for s in questionnaire.statements.for_audience(audience).filter(kind="likert")}


@pytest.fixture
def questionnaire(project):
    return QuestionnaireFactory(project=project)


def url(token):
    return reverse("outcomes_public:questionnaire", args=[token])


def test_built_in_versions_use_the_guides_words_for_the_organisation(questionnaire):
    residents = list(questionnaire.statements.for_audience("residents").values_list("text", "outcome_number"))
    council = list(questionnaire.statements.for_audience("council").values_list("text", "outcome_number"))
    assert ("I have been able to influence the work of this project.", 1) in residents
    assert ("I would like to be part of more co-produced work with West Berkshire Council.", 2) in residents
    assert ("I think more services in West Berkshire should be co-produced.", 2) in council
    assert (
        "I am confident about working in partnership with West Berkshire Council staff and councillors",
        4,
    ) in residents
    assert ("I am confident about working in partnership with West Berkshire residents", 4) in council
    assert len(residents) == len(council) == 6


def test_resident_sees_the_scale_and_what_is_stored(client, questionnaire):
    invitation, token = invitation_with_token(questionnaire)
    page = client.get(url(token)).content.decode()
    for _value, label in guide.SCALE:
        assert str(label) in page
    assert "Prefer not to say" in page
    assert "<fieldset" in page and "<legend" in page
    assert "We do not keep: your name, your email address" in page
    # Who sees what, truthfully: the project team can download the answers one line each.
    assert "only ever shown as totals" not in page
    assert "one line for each person, with no name" in page
    invitation.refresh_from_db()
    assert not invitation.completed


def test_resident_answers_once_and_the_response_has_no_trace_of_them(client, questionnaire):
    invitation, token = invitation_with_token(questionnaire)
    data = answers_for(questionnaire)
    response = client.post(url(token), data)
    assert response.status_code == 302 and response.url == reverse("outcomes_public:thanks")
    invitation.refresh_from_db()
    assert invitation.completed
    stored = Response.objects.get()
    assert stored.audience == "residents"
    assert Answer.objects.count() == len(data)
    again = client.post(url(token), data)
    assert "You have already answered" in again.content.decode()
    assert Response.objects.count() == 1
    assert "You have already answered" in client.get(url(token)).content.decode()


def test_unknown_or_tampered_link_says_so_and_stores_nothing(client, questionnaire):
    _invitation, token = invitation_with_token(questionnaire)
    for bad in ["nonsense-token-that-is-long-enough", token[:-1] + ("A" if token[-1] != "A" else "B")]:
        response = client.post(url(bad), answers_for(questionnaire))
        assert response.status_code == 404
        assert "This link does not work" in response.content.decode()
    assert not Response.objects.exists()


def test_closed_questionnaire_says_so_and_stores_nothing(client, questionnaire):
    invitation, token = invitation_with_token(questionnaire)
    with time_machine.travel(questionnaire.closes_on + dt.timedelta(days=1)):
        assert "has closed" in client.get(url(token)).content.decode()
        assert "has closed" in client.post(url(token), answers_for(questionnaire)).content.decode()
    assert not Response.objects.exists()
    invitation.refresh_from_db()
    assert not invitation.completed


@pytest.mark.parametrize(
    "spoil, message",
    [
        (lambda q, d: d.update({next(iter(d)): "9"}), "Choose one of the answers on the scale."),
        (lambda q, d: d.pop(next(iter(d))), "Choose how much you agree or disagree."),
        (lambda q, d: d.update({"s999999": "4"}), "not in this questionnaire"),
    ],
    ids=["outside-scale", "missing", "forged-statement"],
)
def test_bad_answers_give_a_clear_message_and_store_nothing(client, questionnaire, spoil, message):
    invitation, token = invitation_with_token(questionnaire)
    data = answers_for(questionnaire)
    spoil(questionnaire, data)
    response = client.post(url(token), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "There is a problem" in response.content.decode()
    assert not Response.objects.exists() and not Answer.objects.exists()
    invitation.refresh_from_db()
    assert not invitation.completed


def test_statement_from_the_other_version_is_refused(client, questionnaire):
    _invitation, token = invitation_with_token(questionnaire, audience="residents")
    data = answers_for(questionnaire)
    council_only = questionnaire.statements.get(audience="council")
    data[f"s{council_only.pk}"] = "5"
    assert "not in this questionnaire" in client.post(url(token), data).content.decode()
    assert not Response.objects.exists()


def test_huge_free_text_is_refused(client, questionnaire, officer):
    from outcomes.services import statement_add

    question = statement_add(questionnaire=questionnaire, kind="text", audience="both", text="What would you change?")
    _invitation, token = invitation_with_token(questionnaire)
    data = answers_for(questionnaire) | {f"s{question.pk}": "x" * 100_000}
    response = client.post(url(token), data)
    assert "2000 characters or fewer" in response.content.decode()
    assert not Response.objects.exists()
    data[f"s{question.pk}"] = "More evening meetings"
    client.post(url(token), data)
    assert Answer.objects.get(statement=question).text == "More evening meetings"


def test_prefer_not_to_say_is_optional(client, questionnaire):
    questionnaire.allow_prefer_not_to_say = False
    questionnaire.save()
    _invitation, token = invitation_with_token(questionnaire)
    assert "Prefer not to say" not in client.get(url(token)).content.decode()
    response = client.post(url(token), answers_for(questionnaire, value="0"))
    assert "Choose one of the answers on the scale." in response.content.decode()


# The worker closes database connections: on PostgreSQL that needs a real transaction.
@pytest.mark.django_db(transaction=True)
def test_invitations_go_by_audience_and_links_work(client, questionnaire, run_tasks):
    group = GroupFactory(project=questionnaire.project)
    resident = MembershipFactory(group=group, member_type=Membership.Type.CARER)
    councillor = MembershipFactory(group=group, member_type=Membership.Type.COUNCILLOR)
    expert = MembershipFactory(group=group, member_type=Membership.Type.EXPERT)
    MembershipFactory(group=group, left_on=timezone.localdate() - dt.timedelta(days=1))
    invited = invitations_create(
        questionnaire=questionnaire, group=group, experts_as="", people=[("Sam", "sam@example.org")]
    )
    assert invited == 3
    audiences = dict(Invitation.objects.values_list("person__email", "audience"))
    assert audiences == {
        resident.person.email: "residents",
        councillor.person.email: "council",
        "sam@example.org": "residents",
    }
    assert expert.person.email not in audiences
    run_tasks()
    assert len(mail.outbox) == 3
    message = next(m for m in mail.outbox if m.to == [councillor.person.email])
    link = next(word for word in message.body.split() if "/r/questionnaire/" in word)
    page = client.get(link.split("127.0.0.1:8000")[-1]).content.decode()
    assert "West Berkshire residents" in page
    from outbox.models import OutgoingEmail

    token = link.rstrip("/").rsplit("/", 1)[-1]
    assert not OutgoingEmail.objects.filter(params__icontains=token).exists()
    assert invitations_create(questionnaire=questionnaire, group=group) == 0


# The worker closes database connections: on PostgreSQL that needs a real transaction.
@pytest.mark.django_db(transaction=True)
def test_reminders_go_only_to_those_who_have_not_answered_at_most_n_times(client, questionnaire, run_tasks):
    questionnaire.max_reminders = 2
    questionnaire.save()
    answered, token = invitation_with_token(questionnaire)
    waiting, _token = invitation_with_token(questionnaire)
    client.post(url(token), answers_for(questionnaire))
    for days in (2, 4, 6):
        with time_machine.travel(timezone.now() + dt.timedelta(days=days)):
            reminders_send(questionnaire=questionnaire)
    run_tasks()
    recipients = [m.to[0] for m in mail.outbox]
    assert recipients == [waiting.person.email, waiting.person.email]
    assert all("Reminder" in m.subject for m in mail.outbox)


def test_pressing_send_reminders_twice_sends_one_reminder(client, officer, questionnaire, run_tasks):
    waiting, _token = invitation_with_token(questionnaire)
    remind = reverse("outcomes:remind", args=[questionnaire.project_id, questionnaire.pk])
    with time_machine.travel(timezone.now() + dt.timedelta(days=2)):
        client.force_login(officer)
        client.post(remind)
        page = client.post(remind, follow=True).content.decode()
    run_tasks()
    assert [m.to[0] for m in mail.outbox] == [waiting.person.email]
    assert "No reminders were due" in page


def test_automatic_reminders_follow_the_interval(questionnaire, run_tasks):
    from outcomes.services import reminders_due

    waiting, _token = invitation_with_token(questionnaire)
    assert reminders_due() == 0
    with time_machine.travel(timezone.now() + dt.timedelta(days=8)):
        assert reminders_due() == 1
        assert reminders_due() == 0


def test_officer_sees_invited_and_answered_counts_only(client, officer, questionnaire):
    _a, token = invitation_with_token(questionnaire)
    invitation_with_token(questionnaire)
    client.post(url(token), answers_for(questionnaire))
    client.force_login(officer)
    page = client.get(questionnaire.get_absolute_url()).content.decode()
    assert 'Invited</dt><dd class="col-sm-9">2' in page.replace("\n", "")
    assert 'Answered</dt><dd class="col-sm-9">1' in page.replace("\n", "")


def test_officer_adds_service_statement_and_rewords_without_changing_the_template(client, officer, questionnaire):
    client.force_login(officer)
    service = questionnaire.project.outcomes.get(number=5) if questionnaire.project.outcomes.exists() else None
    if service is None:
        from tests.factories import OutcomeFactory

        service = OutcomeFactory(project=questionnaire.project, number=5)
    response = client.post(
        reverse("outcomes:statement_add", args=[questionnaire.project.pk, questionnaire.pk]),
        {
            "kind": "likert",
            "text": "The new recycling service is easy to use.",
            "audience": "both",
            "outcome": service.pk,
            "required": "on",
        },
    )
    assert response.status_code == 302
    assert Statement.objects.get(text__startswith="The new recycling").outcome_number == 5
    statement = questionnaire.statements.get(key="heard")
    client.post(
        reverse("outcomes:statement_edit", args=[questionnaire.project.pk, questionnaire.pk, statement.pk]),
        {"text": "My views were heard.", "required": "on"},
    )
    statement.refresh_from_db()
    assert statement.text == "My views were heard."
    other = QuestionnaireFactory(project=questionnaire.project)
    assert other.statements.get(key="heard").text == "My views and ideas were heard and considered."


def test_staff_enter_paper_answers_anonymously(client, officer, questionnaire):
    client.force_login(officer)
    path = reverse("outcomes:paper", args=[questionnaire.project.pk, questionnaire.pk])
    response = client.post(path, {"audience": "council", **answers_for(questionnaire, "council", "5")})
    assert response.status_code == 302
    stored = Response.objects.get()
    assert stored.audience == "council"
    assert set(Answer.objects.values_list("value", flat=True)) == {5}
    assert not Invitation.objects.exists()


def test_officer_creates_a_repeat_that_copies_statements(client, officer, questionnaire):
    client.force_login(officer)
    today = timezone.localdate()
    response = client.post(
        reverse("outcomes:create", args=[questionnaire.project.pk]),
        {
            "title": "End",
            "point": "end",
            "opens_on": today,
            "closes_on": today + dt.timedelta(days=7),
            "repeats": questionnaire.pk,
            "allow_prefer_not_to_say": "on",
            "max_reminders": 2,
            "reminder_every_days": 7,
        },
    )
    assert response.status_code == 302
    repeat = questionnaire.repeated_by.get()
    assert sorted(repeat.statements.values_list("key", flat=True)) == sorted(
        questionnaire.statements.values_list("key", flat=True)
    )


def test_a_blank_paper_questionnaire_is_refused_and_nothing_is_stored(client, officer, questionnaire):
    client.force_login(officer)
    path = reverse("outcomes:paper", args=[questionnaire.project.pk, questionnaire.pk])
    response = client.post(path, {"audience": "residents"})
    assert response.status_code == 200
    assert "Enter at least one answer" in response.content.decode()
    assert not Response.objects.exists()


def test_a_closed_questionnaire_with_answers_cannot_be_reopened(client, officer, project):
    """Its results have been visible: reopening it and comparing the results before and after
    one more answer would show that one person's answers."""
    from tests.factories import responses_add

    today = timezone.localdate()
    closed = QuestionnaireFactory(
        project=project, opens_on=today - dt.timedelta(days=20), closes_on=today - dt.timedelta(days=1)
    )
    responses_add(closed, count=5)
    client.force_login(officer)
    response = client.post(
        reverse("outcomes:edit", args=[project.pk, closed.pk]),
        {
            "title": closed.title,
            "point": closed.point,
            "opens_on": closed.opens_on,
            "closes_on": today + dt.timedelta(days=7),
            "max_reminders": 2,
            "reminder_every_days": 7,
        },
    )
    assert response.status_code == 200
    assert "cannot be opened again" in response.content.decode()
    closed.refresh_from_db()
    assert closed.closes_on == today - dt.timedelta(days=1)


def test_a_closed_questionnaire_offers_no_paper_entry_or_invitations(client, officer, questionnaire):
    today = timezone.localdate()
    questionnaire.opens_on = today - dt.timedelta(days=20)
    questionnaire.closes_on = today - dt.timedelta(days=1)
    questionnaire.save()
    client.force_login(officer)
    page = client.get(questionnaire.get_absolute_url()).content.decode()
    assert "Enter paper answers" not in page
    assert "Invite people" not in page
    assert "Results" in page
