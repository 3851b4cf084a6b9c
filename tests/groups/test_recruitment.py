import re

import pytest
from django.core import mail
from django.urls import reverse

from groups import services
from groups.models import Applicant, Membership, Person
from outbox.models import OutgoingEmail
from tests.factories import ApplicantFactory, GroupFactory, PersonFactory, RecruitmentRoundFactory

pytestmark = pytest.mark.django_db

# Tests that run the worker use real transactions: on PostgreSQL the db_worker command closes
# the database connection, which would end a test's wrapping transaction.
LINK = re.compile(r"https?://\S+?(/r/apply/[A-Za-z0-9_\-]+/)")


@pytest.fixture
def round(project):
    return RecruitmentRoundFactory(group=GroupFactory(project=project, name="Waste services group"), slug="waste")


def interest(**overrides):
    return {
        "name": "Rita Resident",
        "email": "rita@example.org",
        "phone": "",
        "member_type": "resident",
        "interest": "I care about recycling.",
        "consent": "on",
        "website": "",
        **overrides,
    }


APPLICATION = {
    "experience": "I have used the tip for years.",
    "contribution": "Ideas from my street.",
    "availability": "Weekday evenings",
    "support_needed": "Large print papers",
}


def express_interest(client, round, **overrides):
    return client.post(reverse("groups_public:join", args=[round.slug]), interest(**overrides))


def emailed_link(run_tasks):
    run_tasks()
    assert len(mail.outbox) == 1
    return LINK.search(mail.outbox[0].body).group(1)


def test_public_page_shows_flyer_and_criteria_without_signing_in(client, round):
    page = client.get(f"/join/{round.slug}/").content.decode()

    assert round.flyer_text in page
    assert round.selection_criteria in page
    assert "Tell us you are interested" in page


@pytest.mark.django_db(transaction=True)
def test_resident_expresses_interest_applies_by_emailed_link_and_is_selected(client, officer, round, run_tasks):
    response = express_interest(client, round)
    assert "Thank you for your interest" in response.content.decode()
    applicant = Applicant.objects.get()
    assert applicant.person.email == "rita@example.org"
    assert applicant.status == Applicant.Status.INTERESTED

    path = emailed_link(run_tasks)
    assert mail.outbox[0].to == ["rita@example.org"]
    assert "Rita Resident" in client.get(path).content.decode()
    response = client.post(path, APPLICATION)
    assert "we have your application" in response.content.decode()
    applicant.refresh_from_db()
    assert applicant.status == Applicant.Status.APPLIED
    assert applicant.experience == APPLICATION["experience"]

    client.force_login(officer)
    url = applicant.get_absolute_url()
    client.post(url, {"decision": "shortlist", "note": "Strong lived experience."})
    client.post(url, {"decision": "select", "note": "Meets all the criteria."})

    applicant.refresh_from_db()
    assert applicant.status == Applicant.Status.SELECTED
    assert applicant.shortlist_note == "Strong lived experience."
    assert applicant.decision_note == "Meets all the criteria."
    assert applicant.decided_by == officer
    membership = Membership.objects.get(group=round.group, person=applicant.person)
    assert membership.member_type == Membership.Type.RESIDENT


@pytest.mark.django_db(transaction=True)
def test_interested_person_who_did_not_take_part_is_kept_with_reason(client, officer, round, run_tasks):
    express_interest(client, round)
    applicant = Applicant.objects.get()
    client.force_login(officer)

    client.post(
        applicant.get_absolute_url(), {"decision": "not_taking_part", "reason": "caring", "note": "Cannot get cover."}
    )

    applicant.refresh_from_db()
    assert applicant.status == Applicant.Status.NOT_TAKING_PART
    assert applicant.reason == Applicant.Reason.CARING
    assert not Membership.objects.filter(person=applicant.person).exists()
    assert Applicant.objects.filter(round=round).reason_counts() == {"caring": 1}
    page = client.get(round.get_absolute_url()).content.decode()
    assert "Caring responsibilities: 1" in page


def test_not_taking_part_needs_a_reason(client, officer, round):
    applicant = ApplicantFactory(round=round)
    client.force_login(officer)

    response = client.post(applicant.get_absolute_url(), {"decision": "not_taking_part", "note": "No"})

    assert "Choose why they are not taking part" in response.content.decode()
    applicant.refresh_from_db()
    assert applicant.status == Applicant.Status.INTERESTED


def test_reasons_are_counted_in_the_database(round):
    for reason in ["timing", "timing", "transport", "not_selected"]:
        ApplicantFactory(round=round, status=Applicant.Status.NOT_TAKING_PART, reason=reason)
    ApplicantFactory(round=round)

    assert Applicant.objects.reason_counts() == {"timing": 2, "transport": 1, "not_selected": 1}


def test_malformed_email_gets_a_clear_message_and_stores_nothing(client, round):
    response = express_interest(client, round, email="rita-at-example")

    assert "Enter a valid email address" in response.content.decode()
    assert not Applicant.objects.exists()
    assert not Person.objects.exists()
    assert not OutgoingEmail.objects.exists()


def test_oversized_field_gets_a_clear_message_and_stores_nothing(client, round):
    response = express_interest(client, round, interest="x" * 1001)

    assert "at most 1000 characters" in response.content.decode()
    assert not Applicant.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_second_identical_submission_is_merged_not_doubled(client, round, run_tasks):
    express_interest(client, round)
    response = express_interest(client, round, email="RITA@example.org")

    assert "You have already told us you are interested" in response.content.decode()
    assert Applicant.objects.count() == 1
    assert Person.objects.count() == 1
    assert OutgoingEmail.objects.count() == 1
    run_tasks()
    assert len(mail.outbox) == 1


def test_public_form_matches_existing_person_by_email_without_changing_their_details(client, round):
    person = PersonFactory(organisation=round.group.project.organisation, name="Rita Real", email="rita@example.org")

    express_interest(client, round, name="Someone Else")

    person.refresh_from_db()
    assert person.name == "Rita Real"
    assert Applicant.objects.get().person == person


def test_honeypot_filled_in_stores_nothing(client, round):
    response = express_interest(client, round, website="http://spam.example")

    assert response.status_code == 200
    assert not Applicant.objects.exists()
    assert not OutgoingEmail.objects.exists()


def test_rate_limit_per_ip_address(client, round):
    for n in range(services.RATE_PER_IP):
        assert express_interest(client, round, email=f"p{n}@example.org").status_code == 200

    response = express_interest(client, round, email="one-more@example.org")

    assert response.status_code == 429
    assert "Please try again later" in response.content.decode()
    assert Applicant.objects.count() == services.RATE_PER_IP


def test_rate_limit_per_email_across_addresses(client, round):
    url = reverse("groups_public:join", args=[round.slug])
    for n in range(services.RATE_PER_EMAIL):
        client.post(url, interest(), REMOTE_ADDR=f"10.0.0.{n}")

    response = client.post(url, interest(), REMOTE_ADDR="10.0.1.1")

    assert response.status_code == 429
    assert Applicant.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_reused_application_link_gets_a_kind_message_and_stores_nothing(client, round, run_tasks):
    express_interest(client, round)
    path = emailed_link(run_tasks)
    client.post(path, APPLICATION)

    response = client.post(path, {**APPLICATION, "experience": "Changed my mind"})

    assert response.status_code == 410
    assert "This link has already been used" in response.content.decode()
    assert Applicant.objects.get().experience == APPLICATION["experience"]
    assert client.get(path).status_code == 410


@pytest.mark.django_db(transaction=True)
def test_forged_application_link_gets_a_kind_message_and_stores_nothing(client, round, run_tasks):
    express_interest(client, round)
    run_tasks()

    response = client.post("/r/apply/forged-token-abcdefghijklmnop/", APPLICATION)

    assert response.status_code == 404
    assert "We do not recognise this link" in response.content.decode()
    applicant = Applicant.objects.get()
    assert applicant.status == Applicant.Status.INTERESTED
    assert applicant.experience == ""


@pytest.mark.django_db(transaction=True)
def test_application_token_is_stored_only_as_a_hash(client, round, run_tasks):
    express_interest(client, round)
    path = emailed_link(run_tasks)
    token = path.rstrip("/").rsplit("/", 1)[1]

    applicant = Applicant.objects.get()
    assert applicant.application_token_hash != token
    assert token not in str(OutgoingEmail.objects.get().params)


@pytest.mark.django_db(transaction=True)
def test_application_missing_answers_gets_messages_and_link_stays_usable(client, round, run_tasks):
    express_interest(client, round)
    path = emailed_link(run_tasks)

    response = client.post(path, {**APPLICATION, "experience": ""})

    assert "There is a problem" in response.content.decode()
    assert Applicant.objects.get().status == Applicant.Status.INTERESTED
    assert client.post(path, APPLICATION).status_code == 200


def test_closed_round_takes_no_interest(client, round):
    round.is_open = False
    round.save()

    response = express_interest(client, round)

    assert "closed" in response.content.decode()
    assert not Applicant.objects.exists()
