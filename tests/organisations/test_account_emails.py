"""allauth's own emails go through the outbox: queued in the request, rebuilt by the worker."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from organisations.adapters import AccountAdapter
from outbox.models import OutgoingEmail


def _path(link):
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def test_password_reset_is_sent_by_the_worker_with_a_working_link(client, officer, run_tasks):
    officer.organisation.email_sender = "Council Co-production <coproduction@council.example>"
    officer.organisation.save()
    response = client.post(reverse("account_reset_password"), {"email": officer.email})
    assert response.status_code == 302
    assert not mail.outbox  # nothing is sent inside the request
    row = OutgoingEmail.objects.get()
    assert row.recipient == officer.email
    assert row.params == {"template_prefix": "account/email/password_reset_key", "user_id": officer.pk}

    run_tasks()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [officer.email]
    assert message.from_email == "Council Co-production <coproduction@council.example>"
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+", message.body).group(0)
    key = link.rstrip("/").rsplit("/", 1)[1]
    # The key was made by the worker; nothing in the outbox holds it.
    stored = [str(v) for v in OutgoingEmail.objects.values_list("key", "params", "last_error", "topic").get()]
    assert not any(key.split("-", 1)[1] in value for value in stored)

    form_page = client.get(_path(link), follow=True)
    assert "Choose your password" in form_page.text
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else _path(link)
    client.post(set_url, {"password1": "a long new password 42", "password2": "a long new password 42"})
    officer.refresh_from_db()
    assert officer.check_password("a long new password 42")


def test_reset_for_an_unknown_address_says_there_is_no_account_and_offers_no_sign_up(client, db, run_tasks):
    client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert not mail.outbox
    run_tasks()
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "There is no account with this address" in body
    assert "sign up" not in body.lower()


def test_reset_email_for_a_user_deactivated_before_sending_is_not_sent(client, officer, run_tasks):
    client.post(reverse("account_reset_password"), {"email": officer.email})
    officer.is_active = False
    officer.save()
    run_tasks()
    assert not mail.outbox
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.SKIPPED


def test_notice_is_queued_with_the_user_and_no_request_details(officer, run_tasks, rf, settings):
    from allauth.core.context import request_context

    settings.ACCOUNT_EMAIL_NOTIFICATIONS = True  # off in our settings; the adapter must still cope

    request = rf.get("/", REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Secret Browser")
    with request_context(request):
        AccountAdapter(request).send_notification_mail("account/email/password_changed", officer, email=officer.email)
    assert OutgoingEmail.objects.get().params == {
        "template_prefix": "account/email/password_changed",
        "user_id": officer.pk,
    }
    run_tasks()
    assert len(mail.outbox) == 1
    assert "Secret Browser" not in mail.outbox[0].body and "203.0.113.9" not in mail.outbox[0].body


def test_messages_carrying_a_code_are_refused_rather_than_stored(officer):
    with pytest.raises(ImproperlyConfigured):
        AccountAdapter().send_mail("account/email/login_code", officer.email, {"user": officer, "code": "ABC123"})
    assert not OutgoingEmail.objects.exists()
