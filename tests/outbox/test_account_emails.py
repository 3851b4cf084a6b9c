"""allauth's password-reset and unknown-account emails, read as a mail client shows them: a
subject that says what they are, and an HTML part like every other message's."""

import re

from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory
from tests.inbox import html_source, html_visible_text, plain_text, read_sent


def test_password_reset_reads_like_our_other_messages(client, db, run_tasks):
    user = UserFactory(
        name="Siân O'Neill",
        email="sian@example.gov.uk",
        organisation__name="Smith & Jones District Council",
        organisation__email_sender="Smith & Jones <coproduction@smithjones.example>",
    )
    client.post(reverse("account_reset_password"), {"email": user.email})
    run_tasks()
    [sent] = mail.outbox
    received = read_sent(sent)
    assert received["Subject"] == "Reset your password – Smith & Jones District Council"
    assert received["From"] == "Smith & Jones <coproduction@smithjones.example>"
    assert received["Message-ID"].endswith("@smithjones.example>")
    text, shown = plain_text(received), html_visible_text(received)
    for body in (text, shown):
        assert "Dear Siân O'Neill," in body
        assert "Smith & Jones District Council's co-production service" in body
        assert "If it was not you, you can ignore this email" in body
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+", text).group(0)
    assert f'href="{link}"' in html_source(received)
    assert '<html lang="en-GB">' in html_source(received)


def test_unknown_account_email_says_so_in_its_subject_and_both_bodies(client, db, run_tasks):
    client.post(reverse("account_reset_password"), {"email": "o'neill@example.org"})
    run_tasks()
    [sent] = mail.outbox
    received = read_sent(sent)
    assert received["Subject"] == "There is no account with this email address"
    for body in (plain_text(received), html_visible_text(received)):
        assert "o'neill@example.org" in body
        assert "There is no account with this address" in body
        assert "sign up" not in body.lower()
    assert '<html lang="en-GB">' in html_source(received)
