"""allauth's pages in our layout: every one a member of staff meets passes axe."""

import re
import time

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code(secret):
    """The code an authenticator app shows now. A code is good for its 30-second period only
    (no tolerance): one read in the last seconds of a period could reach the server in the
    next one, so wait for a fresh period first (the test raced the clock one run in twenty)."""
    if time.time() % 30 > 20:
        time.sleep(30 - time.time() % 30 + 0.1)
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def test_password_reset_pages_are_accessible(page, assert_accessible, officer):
    page.goto("/accounts/login/")
    assert_accessible(page)
    page.get_by_role("link", name="Forgot your password?").click()
    assert_accessible(page)
    page.get_by_label("Email").fill(officer.email)
    page.get_by_role("button", name=re.compile("reset", re.I)).click()
    page.wait_for_url("**/password/reset/done/")
    assert_accessible(page)

    key = f"{user_pk_to_url_str(officer)}-{default_token_generator.make_token(officer)}"
    page.goto(f"/accounts/password/reset/key/{key}/")
    assert_accessible(page)
    assert page.get_by_role("heading", name="Choose your password").is_visible()
    page.locator("#id_password1").fill("a brand new password 7")
    page.locator("#id_password2").fill("a different password 8")
    page.get_by_role("button", name="Save password").click()
    assert page.get_by_text("You must type the same password each time.").first.is_visible()
    assert_accessible(page)
    page.locator("#id_password1").fill("a brand new password 7")
    page.locator("#id_password2").fill("a brand new password 7")
    page.get_by_role("button", name="Save password").click()
    page.wait_for_url("**/password/reset/key/done/")
    assert_accessible(page)

    page.goto("/accounts/password/reset/key/1-not-a-key/")
    assert_accessible(page)
    assert page.get_by_role("heading", name="This link has expired").is_visible()


def test_failed_sign_in_and_sign_out_are_accessible(page, sign_in, assert_accessible, officer):
    sign_in(page, officer, password="not the password")
    assert page.get_by_text("There is a problem").is_visible()
    assert_accessible(page)
    sign_in(page, officer)
    page.goto("/accounts/logout/")
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/")
    assert_accessible(page)


def test_two_factor_set_up_and_sign_in_are_accessible(page, sign_in, assert_accessible, officer):
    officer.organisation.require_mfa = True
    officer.organisation.save()
    sign_in(page, officer)
    # Sent to set up two-factor authentication first; allauth asks for the password again.
    page.wait_for_url("**/accounts/reauthenticate/**")
    assert_accessible(page)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/2fa/totp/activate/")
    assert_accessible(page)
    secret = page.get_by_label("Authenticator secret").input_value()
    page.get_by_label("Authenticator code").fill("000000")
    page.get_by_role("button", name="Activate").click()
    assert_accessible(page)  # the wrong code, explained
    page.get_by_label("Authenticator code").fill(_code(secret))
    page.get_by_role("button", name="Activate").click()
    page.wait_for_url(re.compile(r"/accounts/2fa/(?!totp/activate)"))
    assert_accessible(page)
    page.goto("/accounts/2fa/recovery-codes/")
    assert_accessible(page)

    page.context.clear_cookies()
    sign_in(page, officer)
    page.wait_for_url("**/accounts/2fa/authenticate/")
    assert_accessible(page)
    page.get_by_label("Code").fill(_code(secret))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/$"))
    assert_accessible(page)
