"""Pages, CSVs and PDFs holding personal data, and resident pages at secret addresses, are never
kept by a browser's disk cache or a proxy."""

import datetime as dt

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.urls import URLResolver, get_resolver, reverse

from tests.factories import GroupFactory, MeetingFactory, QuestionnaireFactory, responses_add
from tests.organisations.images import png_bytes

pytestmark = pytest.mark.django_db


def assert_not_stored(response):
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives, response["Cache-Control"]


def test_staff_pages_csvs_and_pdfs_are_not_stored(client, officer, project):
    meeting = MeetingFactory(group=GroupFactory(project=project))
    questionnaire = QuestionnaireFactory(project=project)
    responses_add(questionnaire, count=5)
    with time_machine.travel(questionnaire.closes_on + dt.timedelta(days=1, hours=12)):
        client.force_login(officer)
        responses = [
            client.get(reverse("projects:list")),
            client.get(reverse("outcomes:csv", args=[project.pk, questionnaire.pk])),
            client.get(reverse("reporting:project_report_csv", args=[project.pk])),
            client.get(reverse("meetings:agenda_pdf", args=[project.pk, meeting.pk])),
        ]
    assert [r["Content-Type"].split(";")[0] for r in responses] == [
        "text/html",
        "text/csv",
        "text/csv",
        "application/pdf",
    ]
    for response in responses:
        assert response.status_code == 200
        assert_not_stored(response)


def _token_routes(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _token_routes(pattern.url_patterns, inner)
        elif "token" in pattern.pattern.regex.groupindex:
            yield namespace + pattern.name, set(pattern.pattern.regex.groupindex)


def test_resident_pages_at_secret_addresses_are_not_stored(client):
    urls = [
        reverse(name, kwargs={param: "not-a-real-token" if param == "token" else 1 for param in params})
        for name, params in _token_routes(get_resolver().url_patterns)
    ]
    assert len(urls) >= 6
    for url in urls:
        assert_not_stored(client.get(url))


def test_a_view_that_sets_its_own_caching_keeps_it(client, officer, organisation):
    organisation.logo.save("crest.png", ContentFile(png_bytes()))
    client.force_login(officer)
    response = client.get(reverse("organisations:logo", args=[organisation.pk]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, max-age=86400"
