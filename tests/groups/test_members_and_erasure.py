import pytest
from django.urls import reverse

from groups import services
from groups.models import AccessRecord, Applicant, Group, Membership, Person
from outbox.models import OutgoingEmail
from tests.factories import (
    AccessRecordFactory,
    ApplicantFactory,
    ExpenseClaimFactory,
    GroupFactory,
    MembershipFactory,
    PersonFactory,
    ProjectRoleFactory,
    RecruitmentRoundFactory,
    TrainingRecordFactory,
)
from tests.html import rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(project):
    return GroupFactory(project=project)


def add_url(group):
    return reverse("groups:member_add", args=[group.project_id, group.pk])


MEMBER = {
    "member_type": "carer",
    "position": "member",
    "joined_on": "2026-11-01",
    "preferred_contact": "email",
    "preferred_format": "standard",
}


def test_new_person_is_added_as_a_member(client, officer, group):
    client.force_login(officer)

    client.post(add_url(group), {**MEMBER, "name": "Cara Carer", "email": "Cara@Example.org"})

    membership = Membership.objects.get()
    assert membership.person.name == "Cara Carer"
    assert membership.person.email == "cara@example.org"
    assert membership.member_type == "carer"


def test_person_is_stored_once_and_matched_by_email_across_groups(client, officer, group, project):
    other = GroupFactory(project=project)
    client.force_login(officer)
    client.post(add_url(group), {**MEMBER, "name": "Cara Carer", "email": "cara@example.org"})

    client.post(add_url(other), {**MEMBER, "name": "C. Carer", "email": "CARA@example.org"})

    assert Person.objects.count() == 1
    assert Membership.objects.filter(person__email="cara@example.org").count() == 2


def test_existing_person_can_be_chosen(client, officer, group):
    person = PersonFactory(organisation=group.project.organisation)
    client.force_login(officer)

    client.post(add_url(group), {**MEMBER, "existing_person": person.pk})

    assert Membership.objects.get().person == person


def test_adding_someone_twice_gets_a_clear_message(client, officer, group):
    membership = MembershipFactory(group=group)
    client.force_login(officer)

    response = client.post(add_url(group), {**MEMBER, "existing_person": membership.person.pk})

    assert response.status_code == 200
    assert Membership.objects.count() == 1


def test_another_organisations_person_cannot_be_chosen(client, officer, group):
    stranger = PersonFactory()
    client.force_login(officer)

    client.post(add_url(group), {**MEMBER, "existing_person": stranger.pk})

    assert not Membership.objects.exists()


def test_first_call_is_recorded_as_done_with_a_note(client, officer, group):
    membership = MembershipFactory(group=group)
    client.force_login(officer)
    url = reverse("groups:member_edit", args=[group.project_id, group.pk, membership.pk])
    data = {
        name: getattr(membership.person, name)
        for name in ["name", "email", "phone", "postal_address", "preferred_contact", "preferred_format"]
    }

    client.post(
        url,
        {
            **data,
            "member_type": "resident",
            "position": "member",
            "joined_on": membership.joined_on,
            "first_call_done": "on",
            "first_call_note": "Prefers mornings",
        },
    )

    membership.refresh_from_db()
    assert membership.first_call_done and membership.first_call_note == "Prefers mornings"


def test_group_page_shows_who_has_had_co_production_training_and_when(client, officer, group):
    import datetime as dt

    trained = MembershipFactory(group=group, person__name="Tessa Trained")
    TrainingRecordFactory(membership=trained, kind="informal", trained_on=dt.date(2026, 3, 2))
    TrainingRecordFactory(membership=trained, kind="formal", trained_on=dt.date(2026, 5, 4))
    MembershipFactory(group=group, person__name="Uma Untrained")
    client.force_login(officer)
    training = {row[0]: row[-1] for row in rows(client.get(group.get_absolute_url()), "table")}
    assert training["Tessa Trained"] == "Last on 4 May 2026"
    assert training["Uma Untrained"] == "None recorded"


def test_erasing_a_member_removes_personal_data_and_keeps_the_counts(client, officer, group):
    membership = MembershipFactory(group=group, person__name="Erin Erase", person__phone="01635 000000")
    MembershipFactory(group=group, member_type="staff")
    person = membership.person
    AccessRecordFactory(membership=membership, details="Uses a wheelchair")
    ExpenseClaimFactory(membership=membership, note="Taxi from Thatcham")
    TrainingRecordFactory(membership=membership)
    applicant = ApplicantFactory(round=RecruitmentRoundFactory(group=group), person=person, interest="My story")
    services.application_link_mint(applicant=applicant)
    OutgoingEmail.objects.create(key="k1", kind="x", recipient=person.email, person=person, params={"a": 1})
    client.force_login(officer)

    client.post(reverse("groups:member_erase", args=[group.project_id, group.pk, membership.pk]))

    person.refresh_from_db()
    assert person.erased_at is not None
    assert (person.name, person.email, person.phone) == ("Erased person", "", "")
    record = AccessRecord.objects.get(membership=membership)
    assert not record.large_print and not record.transport and record.details == ""
    applicant.refresh_from_db()
    assert applicant.interest == "" and applicant.application_token_hash is None
    assert OutgoingEmail.objects.get(key="k1").recipient == ""
    assert membership.expense_claims.get().note == ""
    balance = Group.objects.with_balance().get(pk=group.pk)
    assert (balance.council_count, balance.resident_count) == (1, 1)
    assert Applicant.objects.filter(round__group=group).count() == 1


def test_only_the_lead_officer_can_erase(client, group):
    membership = MembershipFactory(group=group)
    support = ProjectRoleFactory(project=group.project, role="support").user
    client.force_login(support)

    response = client.post(reverse("groups:member_erase", args=[group.project_id, group.pk, membership.pk]))

    assert response.status_code == 403
    membership.person.refresh_from_db()
    assert membership.person.erased_at is None


def test_expense_claims_are_recorded_and_move_through_statuses(client, officer, group):
    membership = MembershipFactory(group=group)
    client.force_login(officer)
    client.post(
        reverse("groups:claim_add", args=[group.project_id, group.pk]),
        {"membership": membership.pk, "claimed_on": "2026-11-20", "kind": "care", "amount": "30.00"},
    )
    claim = membership.expense_claims.get()

    client.post(reverse("groups:claim_status", args=[group.project_id, group.pk, claim.pk]), {"status": "paid"})

    claim.refresh_from_db()
    assert (claim.kind, str(claim.amount), claim.status) == ("care", "30.00", "paid")
    page = client.get(reverse("groups:expenses", args=[group.project_id, group.pk])).content.decode()
    assert "Paid: 1 claim, £30.00" in page


def test_a_negative_claim_is_refused(client, officer, group):
    membership = MembershipFactory(group=group)
    client.force_login(officer)

    client.post(
        reverse("groups:claim_add", args=[group.project_id, group.pk]),
        {"membership": membership.pk, "claimed_on": "2026-11-20", "kind": "travel", "amount": "-5"},
    )

    assert not membership.expense_claims.exists()
