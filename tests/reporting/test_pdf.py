"""PDF outcome reports: made in the background, tagged, titled, fetching nothing but our
own static files, and downloadable only by the person who asked (or their managers)."""

import re

import pytest
from django.core import mail
from django.template import engines
from django.urls import reverse

from core import pdf as pdf_module
from reporting.models import ReportExport
from tests.factories import (
    ActivityFactory,
    GroupFactory,
    IndicatorReadingFactory,
    MembershipFactory,
    ObjectiveFactory,
    OutcomeFactory,
    ProjectFactory,
    UserFactory,
)
from tests.helpers import pdf_text, report_export


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def full_project(project):
    OutcomeFactory(project=project, kind="service", title="More community groups generate their own energy")
    ActivityFactory(objective=ObjectiveFactory(project=project, title="Set up a group"), status="done")
    group = GroupFactory(project=project)
    for _ in range(3):
        MembershipFactory(group=group)
    IndicatorReadingFactory(indicator__project=project, indicator__name="Guidance note downloads", value=120)
    return project


def test_project_pdf_is_made_in_the_background_and_the_officer_is_emailed(
    client, officer, full_project, run_tasks, media
):
    export = report_export(client, officer, {"scope": "project", "project": full_project.pk}, run_tasks)
    assert export.status == "ready" and export.data_as_of
    page = client.get(export.get_absolute_url()).content.decode()
    assert "Download the PDF" in page
    response = client.get(reverse("reporting:export_download", args=[export.pk]))
    assert response["Content-Type"] == "application/pdf"
    reader, text = pdf_text(b"".join(response.streaming_content))
    for expected in [
        "Contents",
        "Aim and outcome chain",
        "Engagement",
        "Service indicators (outcome 5)",
        "Diversity",
        "Guidance note downloads",
        "More community groups generate their own energy",
        "Figures as of",
        "Page 1 of",
    ]:
        assert expected in text, expected
    assert re.search(r"People taking part \(each counted once\)\s*3", text)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert reader.metadata.title == f"Outcome report: {full_project.title}"
    assert "/StructTreeRoot" in root  # tagged
    (message,) = [m for m in mail.outbox if "ready" in m.subject]
    assert message.to == [officer.email] and export.get_absolute_url() in message.body


def test_across_projects_pdf_lists_every_visible_project(client, manager, organisation, run_tasks, media):
    ProjectFactory(organisation=organisation, title="Community energy", service_area="Environment")
    ProjectFactory(organisation=organisation, title="Library services", service_area="Culture")
    ProjectFactory(title="Not ours")
    export = report_export(client, manager, {"scope": "across", "service_area": "Environment"}, run_tasks)
    assert export.filters == {"service_area": "Environment"}
    response = client.get(reverse("reporting:export_download", args=[export.pk]))
    _reader, text = pdf_text(b"".join(response.streaming_content))
    assert "Outcome report across projects" in text and "service area: Environment" in text
    assert "Community energy" in text
    assert "Library services" not in text and "Not ours" not in text


def test_only_the_requester_and_their_managers_can_download(client, officer, full_project, run_tasks, media, manager):
    export = report_export(client, officer, {"scope": "project", "project": full_project.pk}, run_tasks)
    url = reverse("reporting:export_download", args=[export.pk])
    client.force_login(UserFactory(organisation=officer.organisation))  # another officer
    assert client.get(url).status_code == 404
    client.force_login(UserFactory(role="manager"))  # another organisation's manager
    assert client.get(url).status_code == 404
    client.force_login(manager)
    assert client.get(url).status_code == 200
    # The file itself has no public address.
    assert client.get(export.file.url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_an_officer_cannot_export_a_project_they_have_no_role_on(client, officer, organisation):
    other = ProjectFactory(organisation=organisation)
    client.force_login(officer)
    response = client.post(reverse("reporting:export_create"), {"scope": "project", "project": other.pk})
    assert response.status_code == 404
    assert not ReportExport.objects.exists()


def test_the_fetcher_refuses_files_other_hosts_and_redirects(monkeypatch, db):
    refused = []
    original = pdf_module.StaticOnlyFetcher.fetch

    def spy(self, url, headers=None):
        try:
            return original(self, url, headers)
        except pdf_module.RefusedURL:
            refused.append(url)
            raise

    monkeypatch.setattr(pdf_module.StaticOnlyFetcher, "fetch", spy)
    template = engines["django"].from_string(
        '{% extends "pdf/base.html" %}{% block title %}Fetch test{% endblock %}{% block content %}'
        '<h1>Still here</h1><img src="file:///etc/passwd" alt="x"><img src="http://127.0.0.1:8000/" alt="y">'
        '<img src="https://example.com/redirect" alt="z"><img src="/static/../../etc/passwd" alt="w">'
        "{% endblock %}"
    )
    pdf_bytes = pdf_module.pdf_from_html(template.render({}))
    _reader, text = pdf_text(pdf_bytes)
    assert "Still here" in text
    assert any(url.startswith("file://") for url in refused)
    assert any("127.0.0.1" in url for url in refused)
    assert any("example.com" in url for url in refused)
    assert any(url.endswith("/etc/passwd") and url.startswith(pdf_module.BASE_URL) for url in refused)


def test_the_fetcher_never_reaches_the_network_so_never_follows_a_redirect(db):
    """A local server answering every request with a redirect to our own stylesheet: the
    PDF renders without ever asking it, and the fetcher refuses the URL."""
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    hits = []

    class Redirector(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(302)
            self.send_header("Location", pdf_module.STATIC_PREFIX + "css/pdf.css")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Redirector)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}/logo.png"
    try:
        with pytest.raises(pdf_module.RefusedURL):
            pdf_module.StaticOnlyFetcher().fetch(url)
        template = engines["django"].from_string(
            '{% extends "pdf/base.html" %}{% block title %}Redirect test{% endblock %}{% block content %}'
            f'<h1>Rendered</h1><img src="{url}" alt="logo">{{% endblock %}}'
        )
        _reader, text = pdf_text(pdf_module.pdf_from_html(template.render({})))
    finally:
        server.shutdown()
    assert "Rendered" in text
    assert hits == []


def test_the_fetcher_serves_our_stylesheet():
    response = pdf_module.StaticOnlyFetcher().fetch(pdf_module.STATIC_PREFIX + "css/pdf.css")
    assert response.content_type == "text/css"
    assert b"@page" in response.read()


def test_a_failed_render_is_shown_as_failed(client, officer, full_project, run_tasks, media, monkeypatch):
    from reporting import report

    def broken(*args, **kwargs):
        raise RuntimeError("no fonts")

    monkeypatch.setattr(report, "export_pdf", broken)
    export = report_export(client, officer, {"scope": "project", "project": full_project.pk}, run_tasks)
    assert export.status == "failed"
    assert "could not be made" in client.get(export.get_absolute_url()).content.decode()
    assert not [m for m in mail.outbox if "ready" in m.subject]
