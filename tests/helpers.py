"""Helpers several test modules share (factories live in tests/factories.py, HTML reading in
tests/html.py). A test module never imports from another test module: what two need lives here."""

import io

from django.urls import reverse
from pypdf import PdfReader

from reporting.models import ReportExport


def pdf_text(pdf_bytes):
    """The PDF's reader and all its text, with runs of whitespace collapsed to single spaces
    (table cells wrap words onto several lines)."""
    reader = PdfReader(io.BytesIO(pdf_bytes))
    return reader, " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def report_export(client, user, data, run_tasks):
    """Ask for a PDF report as ``user`` and let the worker make it; the export as stored."""
    client.force_login(user)
    response = client.post(reverse("reporting:export_create"), data)
    assert response.status_code == 302
    run_tasks()
    return ReportExport.objects.latest("pk")
