"""Throughput of the questionnaire submit endpoint against its database ceiling.

    python -m outcomes.bench            # SQLite in a temporary directory
    DATABASE_URL=postgres://... python -m outcomes.bench   # that (empty or scratch) database

Serves the app with gunicorn (2 workers, 127.0.0.1, a free port), seeds an open questionnaire
with many invitations, then drives three endpoints in turn with concurrent clients (threads,
bounded in number and time, loopback only): the real submit (/r/questionnaire/<token>/), the
benchmark's own "ceiling" (outcomes/bench_urls.py: the same reads and writes in raw SQL, one
transaction, nothing else) and a trivial view. Prints JSON with requests per second and the
ratios submit/ceiling (target at least 0.7) and submit/trivial."""

import http.client
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

BASE = Path(__file__).resolve().parent.parent
THREADS = int(os.environ.get("BENCH_THREADS", "16"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "8"))
INVITATIONS = int(os.environ.get("BENCH_INVITATIONS", "8000"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def seed():
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from groups.models import Person
    from organisations.models import Organisation
    from outcomes.anonymity import token_new
    from outcomes.models import Invitation
    from outcomes.services import questionnaire_create
    from projects.models import Project

    organisation = Organisation.objects.create(name="Bench Council", slug=f"bench-{time.time_ns()}")
    project = Project.objects.create(
        organisation=organisation, title="Bench", service_area="Bench", aim="Bench", start_date=timezone.localdate()
    )
    today = timezone.localdate()
    questionnaire = questionnaire_create(
        project=project, title="Bench", point="end", opens_on=today, closes_on=today + timezone.timedelta(days=1)
    )
    people = Person.objects.bulk_create(
        Person(organisation=organisation, name=f"P{i}", email=f"p{i}@bench.invalid") for i in range(2 * INVITATIONS)
    )
    tokens, invitations = [], []
    for person in people:
        token, hashed = token_new()
        tokens.append(token)
        invitations.append(
            Invitation(questionnaire=questionnaire, person=person, audience="residents", token_hash=hashed)
        )
    Invitation.objects.bulk_create(invitations, batch_size=1000)
    form = {f"s{pk}": "4" for pk in questionnaire.statements.for_audience("residents").values_list("pk", flat=True)}
    return tokens[:INVITATIONS], tokens[INVITATIONS:], form


def request(port, method, path, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read(), response.getheader("Set-Cookie") or ""
    finally:
        conn.close()


def drive(port, make_request, tokens):
    """Run THREADS clients until SECONDS pass or the tokens run out; requests per second."""
    lock = threading.Lock()
    queue = list(reversed(tokens)) if tokens is not None else None
    done, errors = [0], [0]
    deadline = time.monotonic() + SECONDS

    def client():
        while time.monotonic() < deadline:
            if queue is not None:
                with lock:
                    if not queue:
                        return
                    token = queue.pop()
            else:
                token = None
            status, _body, _cookie = make_request(token)
            with lock:
                if status in (200, 302):
                    done[0] += 1
                else:
                    errors[0] += 1

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return {"requests": done[0], "errors": errors[0], "seconds": round(elapsed, 2), "per_second": done[0] / elapsed}


def main():
    workdir = tempfile.mkdtemp(prefix="outcomes-bench-")
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    env.update(
        DJANGO_SETTINGS_MODULE="outcomes.bench_settings",
        DEBUG="false",
        SECRET_KEY="bench-" + "x" * 50,
        SITE_URL="http://127.0.0.1",
        EMAIL_FILE_PATH=f"{workdir}/mail",
    )
    os.environ.update(env)
    sys.path.insert(0, str(BASE))
    submit_tokens, ceiling_tokens, form = seed()
    from django.db import connections

    connections.close_all()
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "coproduction.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=BASE,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                if request(port, "GET", "/bench/trivial/")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        # One CSRF cookie and form token, as a browser would have from opening the page.
        status, body, cookie = request(port, "GET", f"/r/questionnaire/{submit_tokens[-1]}/")
        assert status == 200, status
        csrf_cookie = re.search(r"csrftoken=([^;]+)", cookie).group(1)
        csrf_form = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
        body = urlencode({**form, "csrfmiddlewaretoken": csrf_form})
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={csrf_cookie}"}

        results = {
            "database": "postgresql" if env["DATABASE_URL"].startswith("postgres") else "sqlite",
            "threads": THREADS,
            "gunicorn_workers": 2,
            "submit": drive(
                port, lambda t: request(port, "POST", f"/r/questionnaire/{t}/", body, headers), submit_tokens
            ),
            "ceiling": drive(
                port, lambda t: request(port, "POST", f"/bench/ceiling/{t}/", body, headers), ceiling_tokens
            ),
            "trivial": drive(port, lambda t: request(port, "GET", "/bench/trivial/"), None),
        }
        results["submit_over_ceiling"] = round(results["submit"]["per_second"] / results["ceiling"]["per_second"], 3)
        results["submit_over_trivial"] = round(results["submit"]["per_second"] / results["trivial"]["per_second"], 3)
        results["target_submit_over_ceiling"] = 0.7
        for key in ("submit", "ceiling", "trivial"):
            results[key]["per_second"] = round(results[key]["per_second"], 1)
        print(json.dumps(results, indent=2))
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
