import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.html import escape

from organisations.models import Organisation, User
from outbox.models import OutgoingEmail
from tests.factories import PASSWORD, OrganisationFactory, UserFactory


@pytest.fixture
def admin_client(client, org_admin):
    client.force_login(org_admin)
    return client


def _invite(client, **change):
    data = {"name": "Jo Evans", "email": "Jo.Evans@westberks.example", "role": "officer", **change}
    return client.post(reverse("organisations:staff_invite"), data)


def test_admin_invites_staff_who_then_choose_a_password_and_sign_in(admin_client, organisation, run_tasks):
    response = _invite(admin_client)
    assert response.status_code == 302
    user = User.objects.get(email="jo.evans@westberks.example")
    assert user.organisation == organisation and user.role == "officer"
    assert not user.has_usable_password()
    assert OutgoingEmail.objects.get(kind="organisations.staff_invitation").recipient == user.email
    assert not mail.outbox  # nothing is sent inside the request

    run_tasks()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "invited" in message.subject.lower() and message.to == [user.email]
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+", message.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]

    admin_client.logout()
    form_page = admin_client.get("/" + path, follow=True)
    assert "Choose your password" in form_page.text
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else "/" + path
    admin_client.post(set_url, {"password1": "a long new password 42", "password2": "a long new password 42"})
    user.refresh_from_db()
    assert user.check_password("a long new password 42")
    signed_in = admin_client.post(
        reverse("account_login"), {"login": user.email, "password": "a long new password 42"}, follow=True
    )
    assert signed_in.context["user"] == user


def test_invitation_is_not_sent_once_a_password_is_chosen(admin_client, run_tasks):
    _invite(admin_client)
    user = User.objects.get(email="jo.evans@westberks.example")
    user.set_password(PASSWORD)
    user.save()
    run_tasks()
    assert not mail.outbox
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.SKIPPED


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"name": ""}, "This field is required."),
        ({"email": "not an email"}, "Enter a valid email address."),
        ({"name": "x" * 151}, "at most 150 characters"),
        ({"role": "superuser"}, "Select a valid choice."),
    ],
)
def test_bad_invitation_is_explained_and_nothing_is_stored(admin_client, change, message):
    count = User.objects.count()
    response = _invite(admin_client, **change)
    assert message in response.text and "There is a problem" in response.text
    assert User.objects.count() == count and not OutgoingEmail.objects.exists()


def test_an_existing_email_cannot_be_invited_again(admin_client, officer):
    response = _invite(admin_client, email=officer.email.upper())
    assert "already has an account" in response.text
    assert not OutgoingEmail.objects.exists()


def test_invitation_can_be_sent_again_until_a_password_is_chosen(admin_client, run_tasks):
    _invite(admin_client)
    user = User.objects.get(email="jo.evans@westberks.example")
    admin_client.post(reverse("organisations:staff_reinvite", args=[user.pk]))
    run_tasks()
    assert len(mail.outbox) == 2
    user.set_password(PASSWORD)
    user.save()
    response = admin_client.post(reverse("organisations:staff_reinvite", args=[user.pk]), follow=True)
    assert "has already chosen a password" in response.text
    assert OutgoingEmail.objects.count() == 2


def test_staff_page_lists_staff_and_their_state(admin_client, officer):
    _invite(admin_client)
    page = admin_client.get(reverse("organisations:staff")).text
    assert escape(officer.name) in page and "Jo Evans" in page
    assert "Invited: has not chosen a password yet" in page


def test_admin_changes_a_staff_members_role(admin_client, officer):
    response = admin_client.post(
        reverse("organisations:staff_role", args=[officer.pk]), {"role": "manager"}, follow=True
    )
    officer.refresh_from_db()
    assert officer.role == "manager"
    assert f"{escape(officer.name)} is now: Manager." in response.text


def test_admin_cannot_change_their_own_role(admin_client, org_admin):
    response = admin_client.post(
        reverse("organisations:staff_role", args=[org_admin.pk]), {"role": "officer"}, follow=True
    )
    assert "You cannot change your own role" in response.text
    org_admin.refresh_from_db()
    assert org_admin.role == "admin"


def test_a_bad_role_is_refused(admin_client, officer):
    response = admin_client.post(reverse("organisations:staff_role", args=[officer.pk]), {"role": "king"}, follow=True)
    assert "Choose a role from the list." in response.text
    officer.refresh_from_db()
    assert officer.role == "officer"


def test_another_organisations_staff_are_not_found(admin_client):
    stranger = UserFactory(organisation=OrganisationFactory())
    assert (
        admin_client.post(reverse("organisations:staff_role", args=[stranger.pk]), {"role": "admin"}).status_code == 404
    )
    stranger.refresh_from_db()
    assert stranger.role == "officer"


def test_only_admins_manage_staff(client, officer, manager):
    for user in (officer, manager):
        client.force_login(user)
        assert client.get(reverse("organisations:staff")).status_code == 403
        assert client.post(reverse("organisations:staff_role", args=[officer.pk]), {"role": "admin"}).status_code == 403
    officer.refresh_from_db()
    assert officer.role == "officer"


def test_staff_link_shows_for_admins_only(client, org_admin, officer):
    client.force_login(org_admin)
    assert reverse("organisations:staff") in client.get(reverse("home")).text
    client.force_login(officer)
    assert reverse("organisations:staff") not in client.get(reverse("home")).text


def test_there_is_no_open_sign_up(client, db):
    response = client.post(
        "/accounts/signup/", {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert "Sign Up Closed" in response.text
    assert not User.objects.filter(email="new@example.org").exists()


def test_failed_sign_ins_are_rate_limited(client, officer):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": officer.email, "password": "wrong password"})
    response = client.post(reverse("account_login"), {"login": officer.email, "password": PASSWORD})
    assert "Too many failed login attempts" in response.text
    assert "_auth_user_id" not in client.session


def test_sign_in_page_has_no_sign_up_link_and_offers_a_password_reset(client, db):
    page = client.get(reverse("account_login")).text
    assert "/accounts/signup/" not in page
    assert reverse("account_reset_password") in page
    assert "form-control" in page and 'for="id_login"' in page


def test_new_organisations_require_two_factor_authentication(db):
    assert Organisation(name="Newbury Town Council", slug="newbury").require_mfa is True


def test_staff_of_an_organisation_requiring_mfa_set_it_up_first(client, organisation, officer):
    organisation.require_mfa = True
    organisation.save()
    signed_in = client.post(reverse("account_login"), {"login": officer.email, "password": PASSWORD})
    assert signed_in.status_code == 302
    response = client.get(reverse("projects:list"))
    assert response.status_code == 302 and response.url == reverse("mfa_activate_totp")
    assert client.get(reverse("accessibility")).status_code == 200
    # allauth asks for the password again before an authenticator is added (MFA_REAUTHENTICATION_REQUIRED).
    confirm = client.get(reverse("mfa_activate_totp"))
    assert confirm.url.startswith(reverse("account_reauthenticate"))
    setup = client.post(confirm.url, {"password": PASSWORD}, follow=True)
    assert "Authenticator secret" in setup.text


def test_staff_with_an_authenticator_are_let_through(client, organisation, officer):
    from allauth.mfa.models import Authenticator

    organisation.require_mfa = True
    organisation.save()
    Authenticator.objects.create(user=officer, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(officer)
    assert client.get(reverse("projects:list")).status_code == 200


def test_organisations_without_the_requirement_do_not_redirect(client, officer):
    assert officer.organisation.require_mfa is False
    client.force_login(officer)
    assert client.get(reverse("projects:list")).status_code == 200
