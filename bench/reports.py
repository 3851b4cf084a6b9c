"""Managers' reports at a council ten times larger than another, side by side.

Run by ``python -m bench`` in a child process (DATABASE_URL set). Seeds two organisations in
one database (bench/seed.py): PROJECTS projects (200: 100,000 questionnaire responses) and a
tenth of that. Then, signed in as each one's manager through the test client (the product's
URLs, middleware and templates; nothing kept between views), measures the dashboard worked
out afresh (``?fresh=1``, and REPORT_CACHE_SECONDS=0 in bench/settings.py), one project's
report page and the cross-project PDF (asked for as a manager does; the task that makes it
runs inside the request here). Per figure: the SQL queries of one view at each size, and
ROUNDS rounds (PDF_ROUNDS for the PDF) timing each size once, in alternating order, with the
large/small ratio of each round. Prints JSON."""

import json
import random
import statistics
import time

from .common import django_setup, setting, spread

PROJECTS = setting("PROJECTS", 200, 40)
ROUNDS = setting("REPORT_ROUNDS", 5, 3)
PDF_ROUNDS = setting("PDF_ROUNDS", 3, 3)  # a PDF at 200 projects takes seconds
IMMEDIATE_TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def seed(sizes):
    from django.db import connection

    from .seed import organisation_seed

    rng = random.Random(2026)
    started = time.perf_counter()
    organisations = {
        label: organisation_seed(name=f"Bench {label}", projects=count, rng=rng) for label, count in sizes.items()
    }
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # as autovacuum soon would after a bulk load
            cursor.execute("ANALYZE")
    return organisations, round(time.perf_counter() - started, 1)


def data_counts(organisation):
    from meetings.models import Attendance
    from outcomes.models import Answer, Response
    from projects.models import Project

    return {
        "projects": Project.objects.filter(organisation=organisation).count(),
        "questionnaire_responses": Response.objects.filter(questionnaire__project__organisation=organisation).count(),
        "questionnaire_answers": Answer.objects.filter(
            response__questionnaire__project__organisation=organisation
        ).count(),
        "attendance": Attendance.objects.filter(meeting__group__project__organisation=organisation).count(),
    }


def views_for(organisation):
    """name -> a function making that view once as the organisation's manager."""
    from django.test import Client
    from django.urls import reverse

    from organisations.models import User
    from projects.models import Project

    client = Client()
    client.force_login(User.objects.get(organisation=organisation, role="manager"))
    project = Project.objects.filter(organisation=organisation).order_by("pk").first()

    def get(url):
        def view():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return view

    def pdf():
        response = client.post(reverse("reporting:export_create"), {"scope": "across"})
        assert response.status_code == 302, response.status_code
        return response["Location"]

    return {
        "dashboard": get(reverse("reporting:dashboard") + "?fresh=1"),
        "project_report": get(reverse("reporting:project_report", args=[project.pk])),
        "cross_project_pdf": pdf,
    }, client


def pdf_check(client, export_url):
    """The PDF the manager asked for is there to download."""
    response = client.get(export_url.rstrip("/") + "/download/")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200 and content.startswith(b"%PDF"), (export_url, response.status_code)


def queries_of(view):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        result = view()
    return len(queries), result


def measure(views, clients, sizes):
    large, small = list(sizes)[0], list(sizes)[1]
    out = {}
    for name in views[large]:
        queries, times = {}, {label: [] for label in sizes}
        for label in sizes:
            if name == "cross_project_pdf":  # its warm-up is counted: a PDF takes seconds
                queries[label], export_url = queries_of(views[label][name])
                pdf_check(clients[label], export_url)
                continue
            views[label][name]()  # warm-up: templates, query plans
            queries[label] = queries_of(views[label][name])[0]
        for number in range(PDF_ROUNDS if name == "cross_project_pdf" else ROUNDS):
            for label in (small, large) if number % 2 == 0 else (large, small):
                started = time.perf_counter()
                views[label][name]()
                times[label].append(time.perf_counter() - started)
        out[name] = {
            "queries": queries,
            "median_ms": {label: round(1000 * statistics.median(times[label]), 1) for label in sizes},
            "large_over_small": spread([a / b for a, b in zip(times[large], times[small], strict=True)]),
        }
    return out


def main():
    django_setup()
    from django.db import connection
    from django.test.utils import override_settings

    sizes = {f"{PROJECTS}_projects": PROJECTS, f"{max(1, PROJECTS // 10)}_projects": max(1, PROJECTS // 10)}
    organisations, seed_seconds = seed(sizes)
    # PDFs are made by a task; here it runs inside the request that asks for it.
    with override_settings(TASKS=IMMEDIATE_TASKS):
        pairs = {label: views_for(organisation) for label, organisation in organisations.items()}
        views = {label: pair[0] for label, pair in pairs.items()}
        clients = {label: pair[1] for label, pair in pairs.items()}
        figures = measure(views, clients, sizes)
    print(
        json.dumps(
            {
                "database": connection.vendor,
                "rounds": {"pages": ROUNDS, "pdf": PDF_ROUNDS},
                "seed_seconds": seed_seconds,
                "data": {label: data_counts(organisation) for label, organisation in organisations.items()},
                "figures": figures,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
