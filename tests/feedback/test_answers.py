import pytest
from django.db import IntegrityError, connection
from django.urls import reverse
from django.utils.html import escape

from core import anonymity
from core.anonymity import LinkUsed, token_new
from feedback import services
from feedback.models import ReflectionAnswer, ReflectionAnswerAuthor, ReflectionInvitation, ReflectionRound
from tests.factories import (
    MembershipFactory,
    ReflectionAnswerFactory,
    ReflectionInvitationFactory,
    ReflectionRoundFactory,
)

GOOD = {
    "equality": "4",
    "equality_comment": "We are listened to.",
    "difference": "5",
    "difference_comment": "",
    "inclusive": "2",
    "inclusive_comment": "The room had no hearing loop.",
    "group_working": "Well, mostly.",
    "self_working": "I could speak up more.",
    "better": "Send papers a week ahead in large print.",
}


def _invitation(round):
    token, hashed = token_new()
    membership = MembershipFactory(group=round.group)
    invitation = ReflectionInvitationFactory(round=round, person=membership.person, token_hash=hashed)
    return invitation, token


def test_an_anonymous_answer_keeps_no_link_to_the_person(client, db):
    round = ReflectionRoundFactory(anonymous=True)
    invitation, token = _invitation(round)
    response = client.post(reverse("feedback_public:answer", args=[token]), GOOD)
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    answer = ReflectionAnswer.objects.get()
    assert (answer.equality, answer.difference, answer.inclusive) == (4, 5, 2)
    assert answer.better == GOOD["better"]
    assert not ReflectionAnswerAuthor.objects.exists()
    invitation.refresh_from_db()
    assert invitation.completed and invitation.reseal_due


def test_the_anonymous_answer_table_has_no_column_that_could_identify_anyone(db):
    """A schema-level check: the answer table refers to the round only, keeps no date or time
    (the round's date is the finest), and has a random key; nothing points at a person, an
    invitation or a token."""
    with connection.cursor() as cursor:
        columns = {
            c.name for c in connection.introspection.get_table_description(cursor, ReflectionAnswer._meta.db_table)
        }
        relations = connection.introspection.get_relations(cursor, ReflectionAnswer._meta.db_table)
    assert {relation[1] for relation in relations.values()} == {ReflectionRound._meta.db_table}
    suspicious = {
        "person",
        "invitation",
        "token",
        "ip",
        "user_agent",
        "created",
        "submitted",
        "author",
        "email",
        "time",
    }
    assert not [c for c in columns if any(word in c for word in suspicious)], columns
    field_types = {f.name: f.get_internal_type() for f in ReflectionAnswer._meta.concrete_fields}
    assert field_types["id"] == "UUIDField"
    assert not [f for f in field_types.values() if f in ("DateField", "DateTimeField", "TimeField")]


def test_a_named_answer_keeps_the_person(client, db):
    round = ReflectionRoundFactory(anonymous=False)
    invitation, token = _invitation(round)
    client.post(reverse("feedback_public:answer", args=[token]), GOOD)
    author = ReflectionAnswerAuthor.objects.get()
    assert author.person == invitation.person


def test_an_answer_outside_the_scale_is_refused_and_nothing_is_stored(client, db):
    round = ReflectionRoundFactory()
    invitation, token = _invitation(round)
    response = client.post(reverse("feedback_public:answer", args=[token]), {**GOOD, "equality": "6"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not ReflectionAnswer.objects.exists()
    invitation.refresh_from_db()
    assert not invitation.completed


def test_the_database_refuses_a_rating_outside_the_scale(db):
    with pytest.raises(IntegrityError):
        ReflectionAnswerFactory(equality=0)


def test_a_reused_link_stores_nothing_more(client, db):
    round = ReflectionRoundFactory()
    _invitation_row, token = _invitation(round)
    url = reverse("feedback_public:answer", args=[token])
    client.post(url, GOOD)
    response = client.post(url, {**GOOD, "equality": "1"})
    assert response.status_code == 410
    assert "already answered" in response.content.decode()
    assert ReflectionAnswer.objects.count() == 1
    assert client.get(url).status_code == 410


def test_an_unknown_link_is_not_found(client, db):
    assert client.get(reverse("feedback_public:answer", args=["x" * 43])).status_code == 404


def test_a_link_for_a_closed_round_takes_no_answer(client, db):
    round = ReflectionRoundFactory()
    _invitation_row, token = _invitation(round)
    services.round_close(round=round)
    response = client.post(reverse("feedback_public:answer", args=[token]), GOOD)
    assert response.status_code == 410
    assert "closed" in response.content.decode()
    assert not ReflectionAnswer.objects.exists()


def test_at_the_meeting_a_member_answers_on_the_shared_device_with_the_code(client, db):
    round = ReflectionRoundFactory(code="KM4TQX", anonymous=True)
    first, _ = _invitation(round)
    second, second_token = _invitation(round)
    response = client.post(reverse("feedback_public:code"), {"code": " km4-tqx "})
    assert response.status_code == 302
    page = client.get(reverse("feedback_public:code_answer")).content.decode()
    assert escape(first.person.name) in page and escape(second.person.name) in page
    response = client.post(reverse("feedback_public:code_answer"), {**GOOD, "who": str(second.pk)})
    assert "hand the device to the next person" in response.content.decode()
    assert ReflectionAnswer.objects.count() == 1
    assert not ReflectionAnswerAuthor.objects.exists()
    # The person who answered is no longer offered, and their emailed link no longer works.
    page = client.get(reverse("feedback_public:code_answer")).content.decode()
    assert escape(second.person.name) not in page and escape(first.person.name) in page
    assert client.get(reverse("feedback_public:answer", args=[second_token])).status_code in (404, 410)
    # Choosing them again (say, from a stale page) stores nothing.
    response = client.post(reverse("feedback_public:code_answer"), {**GOOD, "who": str(second.pk)})
    assert ReflectionAnswer.objects.count() == 1


def test_answering_twice_through_the_service_is_refused(db):
    round = ReflectionRoundFactory()
    invitation, _token = _invitation(round)
    cleaned = {"equality": 3, "difference": 3, "inclusive": 3}
    services.answer_by_code(round=round, invitation_id=invitation.pk, cleaned=cleaned)
    with pytest.raises(LinkUsed):
        services.answer_by_code(round=round, invitation_id=invitation.pk, cleaned=cleaned)
    assert ReflectionAnswer.objects.count() == 1


def test_a_code_for_a_closed_round_is_refused(client, db):
    round = ReflectionRoundFactory(code="KM4TQX")
    _invitation(round)
    ReflectionRound.objects.filter(pk=round.pk).update(status="closed")
    response = client.post(reverse("feedback_public:code"), {"code": "KM4TQX"})
    assert response.status_code == 200
    assert "not recognised, or its round has closed" in response.content.decode()
    assert client.get(reverse("feedback_public:code_answer")).status_code == 302


def test_the_shared_device_stops_taking_answers_when_the_round_closes(client, db):
    round = ReflectionRoundFactory(code="KM4TQX")
    invitation, _ = _invitation(round)
    client.post(reverse("feedback_public:code"), {"code": "KM4TQX"})
    services.round_close(round=round)
    response = client.post(reverse("feedback_public:code_answer"), {**GOOD, "who": str(invitation.pk)})
    assert response.status_code == 302
    assert not ReflectionAnswer.objects.exists()


def test_guessing_codes_is_rate_limited(client, db):
    round = ReflectionRoundFactory(code="KM4TQX")
    _invitation(round)
    for _attempt in range(10):
        client.post(reverse("feedback_public:code"), {"code": "AAAAAA"})
    response = client.post(reverse("feedback_public:code"), {"code": "KM4TQX"})
    assert response.status_code == 429
    assert "Too many wrong codes" in response.content.decode()


def test_resealing_a_named_round_keeps_its_authors(client, db):
    round = ReflectionRoundFactory(anonymous=False)
    invitation, token = _invitation(round)
    client.post(reverse("feedback_public:answer", args=[token]), GOOD)
    anonymity.scope_reseal(ReflectionInvitation, round.pk)
    assert ReflectionAnswerAuthor.objects.get().person == invitation.person
    assert not ReflectionInvitation.objects.filter(reseal_due=True).exists()


def test_a_link_used_up_on_the_shared_device_says_already_answered(client, db):
    """Answered at the meeting with the code, the member's emailed link says so (it once
    said "not recognised", as if the link were wrong)."""
    round = ReflectionRoundFactory(code="KM4TQX")
    invitation, token = _invitation(round)
    client.post(reverse("feedback_public:code"), {"code": "KM4TQX"})
    client.post(reverse("feedback_public:code_answer"), {**GOOD, "who": str(invitation.pk)})
    response = client.get(reverse("feedback_public:answer", args=[token]))
    assert response.status_code == 410
    assert "You have already answered" in response.content.decode()
