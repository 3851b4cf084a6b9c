"""Throughput of the questionnaire submit endpoint against its database ceiling.

    python -m outcomes.bench            # SQLite, then PostgreSQL at 127.0.0.1:5432 if reachable
    DATABASE_URL=postgres://... python -m outcomes.bench   # only that (empty or scratch) database

Serves the app with gunicorn (2 sync workers, 127.0.0.1, a free port), seeds an open
questionnaire with many invitations, warms every endpoint up, then drives three endpoints with
the same number of concurrent clients (threads, loopback only, bounded in time): the real
submit (/r/questionnaire/<token>/), the benchmark's own "ceiling" (outcomes/bench_urls.py: the
same reads and writes in raw SQL and nothing else) and a trivial view. They take turns over
several rounds, in rotating order, so neither gets the colder server or the smaller tables.
Only the expected answer counts (a redirect for the two writes, 200 for the trivial view);
afterwards the stored responses are counted against the successful writes. Prints JSON with
requests per second and the ratios submit/ceiling (target at least 0.7) and submit/trivial."""

import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

BASE = Path(__file__).resolve().parent.parent
THREADS = int(os.environ.get("BENCH_THREADS", "16"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "4"))  # per endpoint per round
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "40"))  # requests per endpoint before measuring
INVITATIONS = int(os.environ.get("BENCH_INVITATIONS", "6000"))  # per write endpoint
WORKERS = 2
# The scratch database used when DATABASE_URL is not set; dropped and made again each run.
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/cp_outcomes_bench")


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
    from core.anonymity import token_new
    from groups.models import Person
    from organisations.models import Organisation
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
        (Person(organisation=organisation, name=f"P{i}", email=f"p{i}@bench.invalid") for i in range(2 * INVITATIONS)),
        batch_size=1000,
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
    return questionnaire, tokens[:INVITATIONS], tokens[INVITATIONS:], form


def request(port, method, path, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read(), response.getheader("Set-Cookie") or ""
    finally:
        conn.close()


def drive(make_request, expected, tokens, seconds, threads=THREADS, limit=None):
    """Run ``threads`` clients until ``seconds`` pass, the tokens run out or ``limit`` requests
    were made. Counts only the ``expected`` status as done; anything else is an error."""
    lock = threading.Lock()
    done, errors, started_requests = [0], [0], [0]
    deadline = time.monotonic() + seconds

    def client():
        while time.monotonic() < deadline:
            with lock:
                if limit is not None and started_requests[0] >= limit:
                    return
                started_requests[0] += 1
                if tokens is not None:
                    if not tokens:
                        return
                    token = tokens.pop()
                else:
                    token = None
            try:
                ok = make_request(token)[0] == expected
            except OSError:
                ok = False
            with lock:
                if ok:
                    done[0] += 1
                else:
                    errors[0] += 1

    started = time.monotonic()
    workers = [threading.Thread(target=client) for _ in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    return {"requests": done[0], "errors": errors[0], "seconds": time.monotonic() - started}


def run_one():
    """The benchmark against DATABASE_URL (or a fresh SQLite file); returns the results."""
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
    questionnaire, submit_tokens, ceiling_tokens, form = seed()
    from django.conf import settings
    from django.db import connections

    from outcomes.models import Invitation, Response

    connections.close_all()
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "coproduction.wsgi:application",
            "--workers",
            str(WORKERS),
            "--worker-class",
            "sync",
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
        status, body, cookie = request(port, "GET", f"/r/questionnaire/{submit_tokens[0]}/")
        assert status == 200, status
        csrf_cookie = re.search(r"csrftoken=([^;]+)", cookie).group(1)
        csrf_form = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
        body = urlencode({**form, "csrfmiddlewaretoken": csrf_form})
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={csrf_cookie}"}
        endpoints = {
            "submit": (lambda t: request(port, "POST", f"/r/questionnaire/{t}/", body, headers), 302, submit_tokens),
            "ceiling": (lambda t: request(port, "POST", f"/bench/ceiling/{t}/", body, headers), 302, ceiling_tokens),
            "trivial": (lambda t: request(port, "GET", "/bench/trivial/"), 200, None),
        }
        # Warm-up: every worker imports, compiles and connects before anything is timed.
        warm = {
            name: drive(call, expected, tokens, 60, limit=WARMUP)
            for name, (call, expected, tokens) in endpoints.items()
        }
        totals = {name: {"requests": 0, "errors": 0, "seconds": 0.0} for name in endpoints}
        ratios = []
        names = list(endpoints)
        for number in range(ROUNDS):
            rates = {}
            for name in names[number % 3 :] + names[: number % 3]:
                call, expected, tokens = endpoints[name]
                result = drive(call, expected, tokens, SECONDS)
                for key in totals[name]:
                    totals[name][key] += result[key]
                rates[name] = result["requests"] / result["seconds"]
            ratios.append(rates["submit"] / rates["ceiling"])

        written = totals["submit"]["requests"] + totals["ceiling"]["requests"]
        written += warm["submit"]["requests"] + warm["ceiling"]["requests"]
        stored = {
            "responses": Response.objects.filter(questionnaire=questionnaire).count(),
            "invitations_answered": Invitation.objects.filter(questionnaire=questionnaire, completed=True).count(),
        }
        rate = {name: totals[name]["requests"] / totals[name]["seconds"] for name in totals}
        database = settings.DATABASES["default"]
        return {
            "database": database["ENGINE"].rsplit(".", 1)[-1],
            "threads": THREADS,
            "gunicorn_workers": WORKERS,
            "gunicorn_worker_class": "sync",
            "conn_max_age": database.get("CONN_MAX_AGE", 0),
            "rounds": ROUNDS,
            **{
                name: {**totals[name], "seconds": round(totals[name]["seconds"], 2), "per_second": round(rate[name], 1)}
                for name in totals
            },
            "stored_matches_successful_writes": stored == {"responses": written, "invitations_answered": written},
            "submit_over_ceiling": round(rate["submit"] / rate["ceiling"], 3),
            "submit_over_ceiling_per_round": [round(r, 3) for r in ratios],
            "submit_over_ceiling_median_round": round(statistics.median(ratios), 3),
            "submit_over_trivial": round(rate["submit"] / rate["trivial"], 3),
            "ceiling_over_trivial": round(rate["ceiling"] / rate["trivial"], 3),
            "target_submit_over_ceiling": 0.7,
        }
    finally:
        server.terminate()
        server.wait(timeout=10)


def postgres_scratch(url):
    """Drop and make again the benchmark's own PostgreSQL database; False if unreachable."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    try:
        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        print(f"PostgreSQL benchmark skipped: {url} is not reachable ({error}).".strip(), file=sys.stderr)
        return False
    return True


def main():
    if os.environ.get("DATABASE_URL"):
        print(json.dumps(run_one(), indent=2))
        return
    # Neither database: SQLite, then PostgreSQL; each in its own process (settings are per process).
    results = []
    for url in (None, POSTGRES_URL):
        env = dict(os.environ)
        if url is not None:
            if not postgres_scratch(url):
                continue
            env["DATABASE_URL"] = url
        else:
            env["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='outcomes-bench-')}/bench.sqlite3"
        child = subprocess.run(
            [sys.executable, "-m", "outcomes.bench"], cwd=BASE, env=env, capture_output=True, text=True, check=False
        )
        sys.stderr.write(child.stderr)
        if child.returncode:
            raise SystemExit(child.returncode)
        results.append(json.loads(child.stdout))
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
