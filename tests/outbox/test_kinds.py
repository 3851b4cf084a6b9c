"""Plain lookups, no registries: an email kind ``<app>.<message>`` is the function ``<message>``
in ``<app>/emails.py``, and the periodic jobs are the list in settings.PERIODIC_JOBS."""

import importlib

import pytest
from django.apps import apps
from django.utils.module_loading import import_string

from outbox.models import OutgoingEmail
from outbox.rendering import message_renderer
from outbox.services import email_queue
from tests.inbox import email_kinds


def test_every_kind_is_named_app_dot_message_and_found_by_that_name():
    kinds = email_kinds()
    assert "meetings.agenda_pack" in kinds and "organisations.account_email" in kinds
    for kind in kinds:
        app, message = kind.split(".")
        assert message_renderer(kind) is getattr(importlib.import_module(f"{app}.emails"), message)


@pytest.mark.parametrize(
    "kind", ["meetings.no_such_message", "agenda-pack", "meetings._context", "nowhere.agenda_pack"]
)
def test_an_unknown_kind_is_refused_when_queued(db, kind):
    with pytest.raises(ValueError, match="kind"):
        email_queue(kind=kind, key="k:1", recipient="sian@example.org")
    assert not OutgoingEmail.objects.exists()


def test_every_periodic_job_is_a_plain_function_with_a_period(settings):
    assert settings.PERIODIC_JOBS
    for path, minutes in settings.PERIODIC_JOBS:
        assert callable(import_string(path)) and minutes >= 1, path
    assert len({path for path, _ in settings.PERIODIC_JOBS}) == len(settings.PERIODIC_JOBS)


def test_stored_messages_get_the_new_kind_names_and_a_message_id(db):
    migration = importlib.import_module("outbox.migrations.0003_message_ids_and_app_dot_message_kinds")
    for kind in migration.RENAMED:
        OutgoingEmail.objects.create(key=kind, kind=kind, recipient="a@example.org")
    # A row stored before Message-IDs were kept.
    OutgoingEmail.objects.filter(key="account-email").update(message_id="")
    migration.forwards(apps, None)
    stored = dict(OutgoingEmail.objects.values_list("key", "kind"))
    assert stored == {
        "questionnaire_invitation": "outcomes.questionnaire_invitation",
        "questionnaire_reminder": "outcomes.questionnaire_reminder",
        "staff-invitation": "organisations.staff_invitation",
        "account-email": "organisations.account_email",
        "groups-application-link": "groups.application_link",
    }
    assert set(stored.values()) <= set(email_kinds())
    assert OutgoingEmail.objects.get(key="account-email").message_id.endswith(">")
