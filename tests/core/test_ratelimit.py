"""Limits on guessing and flooding count each client behind the proxy on its own, and hold
however many requests arrive at once."""

import datetime as dt
import threading

import pytest
import time_machine
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from core.ratelimit import attempt_allowed, attempt_refund
from groups import services as group_services
from groups.models import Applicant
from tests.factories import PASSWORD, RecruitmentRoundFactory, ReflectionRoundFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
HOUR = dt.timedelta(hours=1)


@pytest.fixture
def behind_proxy(settings):
    """One TLS proxy of our own in front, appending the address it was reached from. (Only our
    setting: allauth's sign-in limits must follow it too.)"""
    settings.TRUSTED_PROXY_COUNT = 1


def via_proxy(address, forged="198.51.100.1"):
    """Request headers as our proxy passes them on; the client also sent a forged header."""
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"{forged}, {address}"}


def interest(n):
    return {
        "name": "Rita Resident",
        "email": f"person{n}@example.org",
        "phone": "",
        "member_type": "resident",
        "interest": "I care about recycling.",
        "consent": "on",
        "website": "",
    }


def test_exactly_the_limit_is_allowed_in_a_window_then_it_starts_again():
    with time_machine.travel(dt.datetime(2026, 5, 1, 9, 0, tzinfo=dt.UTC), tick=False) as traveller:
        allowed = [attempt_allowed(scope="test", value="a", limit=3, window=HOUR) for _ in range(5)]
        assert allowed == [True, True, True, False, False]
        assert attempt_allowed(scope="test", value="b", limit=3, window=HOUR)
        assert attempt_allowed(scope="other", value="a", limit=3, window=HOUR)
        traveller.shift(HOUR)
        assert attempt_allowed(scope="test", value="a", limit=3, window=HOUR)


def test_a_refunded_attempt_does_not_use_the_limit_up():
    for _ in range(5):
        assert attempt_allowed(scope="test", value="a", limit=1, window=HOUR)
        attempt_refund(scope="test", value="a", window=HOUR)


def test_one_clients_wrong_sign_ins_do_not_lock_out_another(client, officer, behind_proxy):
    login = reverse("account_login")
    for n in range(10):
        client.post(login, {"login": f"nobody{n}@example.org", "password": "wrong"}, **via_proxy("203.0.113.9"))
    refused = client.post(
        login, {"login": officer.email, "password": PASSWORD}, **via_proxy("203.0.113.9", forged="192.0.2.77")
    )
    assert "_auth_user_id" not in client.session
    assert refused.status_code == 429 or "Too many failed login attempts" in refused.text

    signed_in = client.post(login, {"login": officer.email, "password": PASSWORD}, **via_proxy("203.0.113.200"))
    assert signed_in.status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)


def test_one_clients_wrong_codes_do_not_lock_out_another_at_the_shared_device(client, behind_proxy):
    round = ReflectionRoundFactory()
    url = reverse("feedback_public:code")
    for _ in range(10):
        client.post(url, {"code": "ZZZZZZ"}, **via_proxy("203.0.113.9"))
    assert client.post(url, {"code": round.code}, **via_proxy("203.0.113.9", forged="192.0.2.77")).status_code == 429

    response = Client().post(url, {"code": round.code}, **via_proxy("203.0.113.200"))
    assert response.status_code == 302


def test_right_codes_at_a_shared_device_do_not_use_the_limit_up(client):
    round = ReflectionRoundFactory()
    for _ in range(15):
        assert Client().post(reverse("feedback_public:code"), {"code": round.code}).status_code == 302


def test_one_clients_interest_posts_do_not_stop_another(client, behind_proxy):
    round = RecruitmentRoundFactory()
    url = reverse("groups_public:join", args=[round.slug])
    for n in range(group_services.RATE_PER_IP):
        assert client.post(url, interest(n), **via_proxy("203.0.113.9")).status_code == 200
    assert client.post(url, interest(99), **via_proxy("203.0.113.9", forged="192.0.2.77")).status_code == 429

    assert client.post(url, interest(100), **via_proxy("203.0.113.200")).status_code == 200
    assert Applicant.objects.count() == group_services.RATE_PER_IP + 1


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_simultaneous_interest_posts_cannot_pass_the_limit():
    round = RecruitmentRoundFactory()
    url = reverse("groups_public:join", args=[round.slug])
    posts = 30
    barrier = threading.Barrier(posts)
    statuses = []

    def post(n):
        try:
            barrier.wait()
            statuses.append(Client().post(url, interest(n), REMOTE_ADDR="203.0.113.9").status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(n,)) for n in range(posts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(statuses) == [200] * group_services.RATE_PER_IP + [429] * (posts - group_services.RATE_PER_IP)
    assert Applicant.objects.count() == group_services.RATE_PER_IP
