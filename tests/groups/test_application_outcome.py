"""Applicants hear the outcome, as the public page promised, in kind words; and the public
page gives a real contact."""

import email
from email import policy

from django.core import mail
from django.urls import reverse

from groups import services
from groups.models import Applicant
from tests.factories import ApplicantFactory, GroupFactory, RecruitmentRoundFactory
from tests.html import text_of


def _read(message):
    parsed = email.message_from_bytes(message.message().as_bytes(), policy=policy.default)
    return parsed, parsed.get_body(("plain",)).get_content(), parsed.get_body(("html",)).get_content()


def _applicant(project, **fields):
    group = GroupFactory(project=project, name="Library steering group", reply_to="library@newbury.example")
    round = RecruitmentRoundFactory(group=group, title="Join the library steering group")
    return ApplicantFactory(round=round, status=Applicant.Status.APPLIED, **fields)


def test_a_selected_applicant_is_welcomed_and_told_about_the_call_before_the_first_meeting(
    db, officer, project, run_tasks
):
    applicant = _applicant(project)
    services.applicant_decide(applicant=applicant, decision="select", note="", by=officer)
    run_tasks()
    (message,) = [m for m in mail.outbox if m.to == [applicant.person.email]]
    parsed, text, html = _read(message)
    assert parsed["Subject"] == "Welcome to the group: Join the library steering group"
    assert parsed["Reply-To"] == "library@newbury.example"
    assert "you have been chosen to join Library steering group" in text
    assert "short chat" in text and "short chat" in html


def test_an_applicant_not_chosen_hears_so_kindly_once(db, officer, project, run_tasks):
    applicant = _applicant(project)
    services.applicant_decide(applicant=applicant, decision="shortlist", note="", by=officer)
    run_tasks()
    assert not mail.outbox  # shortlisting is not an outcome
    services.applicant_decide(applicant=applicant, decision="not_taking_part", reason="timing", note="", by=officer)
    services.applicant_decide(applicant=applicant, decision="not_taking_part", reason="timing", note="", by=officer)
    run_tasks()
    (message,) = mail.outbox
    _parsed, text, _html = _read(message)
    assert "Thank you for applying to Join the library steering group" in text
    assert "not been able to offer you a place" in text
    assert "other ways to take part" in text


def test_the_public_page_gives_the_groups_contact(client, db, project):
    applicant = _applicant(project)
    round = applicant.round
    round.is_open = True
    round.save()
    page = client.get(reverse("groups_public:join", args=[round.slug]))
    assert "email library@newbury.example and we will help" in " ".join(text_of(page, "main").split())
