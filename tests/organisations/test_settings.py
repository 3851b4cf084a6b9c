"""Organisation admins set their own organisation's name, logo, sender, retention and rules."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from organisations.models import Organisation
from tests.factories import OrganisationFactory, UserFactory
from tests.organisations.images import png_bytes


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _data(organisation, **change):
    data = {
        "name": organisation.name,
        "email_sender": organisation.email_sender,
        "retention_months": organisation.retention_months,
        "min_responses": organisation.min_responses,
        "require_mfa": "on" if organisation.require_mfa else "",
    }
    data.update(change)
    return {key: value for key, value in data.items() if value != ""}


def test_admin_changes_their_organisations_settings(client, org_admin, organisation):
    client.force_login(org_admin)
    staff_page = client.get(reverse("organisations:staff")).text
    assert reverse("organisations:settings") in staff_page
    response = client.post(
        reverse("organisations:settings"),
        _data(
            organisation,
            name="Newbury Town Council",
            email_sender="Newbury Co-production <coproduction@newbury.example>",
            retention_months=36,
            min_responses=7,
            require_mfa="on",
        ),
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Newbury Town Council"
    assert organisation.from_email == "Newbury Co-production <coproduction@newbury.example>"
    assert (organisation.retention_months, organisation.min_responses, organisation.require_mfa) == (36, 7, True)


def test_minimum_answers_is_never_below_three(client, org_admin, organisation):
    client.force_login(org_admin)
    page = client.post(reverse("organisations:settings"), _data(organisation, min_responses=2)).text
    assert "The minimum cannot be below 3" in page
    organisation.refresh_from_db()
    assert organisation.min_responses == 5


def test_email_sender_must_be_a_name_and_address(client, org_admin, organisation):
    client.force_login(org_admin)
    page = client.post(reverse("organisations:settings"), _data(organisation, email_sender="not an address")).text
    assert "Enter a name and address" in page
    organisation.refresh_from_db()
    assert organisation.email_sender == ""


def test_logo_shows_beside_the_name_for_the_organisations_staff_only(client, org_admin, organisation, officer):
    client.force_login(org_admin)
    upload = SimpleUploadedFile("crest.png", png_bytes(), content_type="image/png")
    client.post(reverse("organisations:settings"), {**_data(organisation), "logo": upload})
    organisation.refresh_from_db()
    assert organisation.logo.name.startswith("logos/") and "crest" not in organisation.logo.name

    client.force_login(officer)
    home = client.get(reverse("home")).text
    logo_url = reverse("organisations:logo", args=[organisation.pk])
    assert f'src="{logo_url}?v=' in home
    response = client.get(logo_url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == organisation.logo.open("rb").read()

    client.force_login(UserFactory(role="admin"))
    assert client.get(logo_url).status_code == 404


def test_a_file_that_is_not_an_accepted_image_is_refused(client, org_admin, organisation):
    client.force_login(org_admin)
    fake = SimpleUploadedFile("logo.png", b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", content_type="image/png")
    page = client.post(reverse("organisations:settings"), {**_data(organisation), "logo": fake}).text
    assert "is-invalid" in page
    bmp = SimpleUploadedFile("logo.bmp", png_bytes(image_format="BMP"), content_type="image/bmp")
    page = client.post(reverse("organisations:settings"), {**_data(organisation), "logo": bmp}).text
    assert "The logo must be a PNG, JPEG, GIF or WebP image." in page
    organisation.refresh_from_db()
    assert not organisation.logo


def test_replacing_the_logo_deletes_the_old_file(client, org_admin, organisation, django_capture_on_commit_callbacks):
    client.force_login(org_admin)
    first = SimpleUploadedFile("a.png", png_bytes(), content_type="image/png")
    client.post(reverse("organisations:settings"), {**_data(organisation), "logo": first})
    organisation.refresh_from_db()
    old = organisation.logo.name
    second = SimpleUploadedFile("b.gif", png_bytes(image_format="GIF"), content_type="image/gif")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("organisations:settings"), {**_data(organisation), "logo": second})
    organisation.refresh_from_db()
    assert organisation.logo.name.endswith(".gif")
    assert not organisation.logo.storage.exists(old)


def test_settings_change_only_the_admins_own_organisation(client, org_admin, organisation):
    other = OrganisationFactory(name="Reading Borough Council")
    client.force_login(org_admin)
    client.post(reverse("organisations:settings"), _data(organisation, name="Changed"))
    assert Organisation.objects.get(pk=other.pk).name == "Reading Borough Council"


def test_managers_cannot_change_settings(client, manager, organisation):
    client.force_login(manager)
    assert client.post(reverse("organisations:settings"), _data(organisation, name="Changed")).status_code == 403
    organisation.refresh_from_db()
    assert organisation.name == "West Berkshire Council"
