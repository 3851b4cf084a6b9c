"""Resident submit against its raw-SQL ceiling, through a real server.

Run by ``python -m bench`` in a child process per database (DATABASE_URL set). Seeds an open
questionnaire with invitations, starts gunicorn on 127.0.0.1 (sync workers, the product's
settings with bench/urls.py), opens one questionnaire link as a browser would to learn the
form (field names, CSRF token and cookie), then has CLIENTS residents at once POST it to
their own links. Beside it, the same clients drive the ceiling (bench/urls.py: the same
reads and writes in raw SQL) and a trivial view. On PostgreSQL a second server opens a
connection per request (DATABASE_CONN_MAX_AGE=0) while the first runs with the product's
default (connections reused). The endpoints take turns in rotating order over ROUNDS rounds;
prints JSON."""

import http.client
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from html.parser import HTMLParser
from urllib.parse import urlencode

from .common import BASE, bench_hash, django_setup, percentile, setting, spread

CLIENTS = setting("CLIENTS", 50, 50)
SECONDS = setting("SECONDS", 3.0, 1.5)  # per endpoint per round
ROUNDS = setting("ROUNDS", 5, 5)
WARMUP = setting("WARMUP", 100, 50)  # requests per endpoint before anything is timed
WORKERS = setting("WORKERS", 2, 2)
INVITATIONS = setting("INVITATIONS", 8_000, 2_500)  # per write endpoint


# --- Data -------------------------------------------------------------------------------------


def seed(write_endpoints):
    """An open questionnaire; per write endpoint its own tokens, split into warm-up and rounds.
    The submit's tokens are made by the product (as when a link is emailed); the ceiling's
    are hashed by the benchmark, since only the ceiling reads them."""
    from django.db import transaction
    from django.utils import timezone

    from groups.models import Person
    from organisations.models import Organisation
    from outcomes.models import Invitation
    from outcomes.services import questionnaire_create
    from projects.models import Project

    today = timezone.localdate()
    organisation = Organisation.objects.create(name="Bench Council", slug="bench-submit", require_mfa=False)
    project = Project.objects.create(
        organisation=organisation, title="Bench", service_area="Bench", aim="Bench", start_date=today
    )
    questionnaire = questionnaire_create(
        project=project, title="Bench", point="end", opens_on=today, closes_on=today + timezone.timedelta(days=7)
    )
    count = sum(_invitations(name) for name in write_endpoints) + 1
    people = Person.objects.bulk_create(
        (Person(organisation=organisation, name=f"P{i}", email=f"p{i}@bench.invalid") for i in range(count)),
        batch_size=2000,
    )
    invitations = Invitation.objects.bulk_create(
        (
            Invitation(questionnaire=questionnaire, person=p, audience="residents", token_hash=bench_hash(p.email))
            for p in people
        ),
        batch_size=2000,
    )
    tokens, at = {}, 0
    with transaction.atomic():
        for name in write_endpoints:
            mine = invitations[at : at + _invitations(name)]
            at += len(mine)
            if name.startswith("ceiling"):
                tokens[name] = [i.person.email for i in mine]
            else:
                tokens[name] = [i.token_refresh() for i in mine]
        page_token = invitations[at].token_refresh()
    return questionnaire, page_token, {name: _slices(found) for name, found in tokens.items()}


def _invitations(endpoint):
    # A connection per request is several times slower: it needs fewer links.
    return INVITATIONS // 4 if endpoint.endswith("per_request") else INVITATIONS


def _slices(tokens):
    """The warm-up's tokens, then an equal share for each round."""
    warm, rest = tokens[:WARMUP], tokens[WARMUP:]
    share = len(rest) // ROUNDS
    return [warm] + [rest[k * share : (k + 1) * share] for k in range(ROUNDS)]


# --- A browser's view of the form -------------------------------------------------------------


class FormReader(HTMLParser):
    """The fields of the page's POST form: hidden values as given, a choice for each radio group
    ("Agree" where offered), text boxes left empty."""

    def __init__(self):
        super().__init__()
        self.in_form, self.fields, self.radios = False, {}, {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.in_form = True
        elif self.in_form and tag == "input" and attrs.get("name"):
            kind = (attrs.get("type") or "text").lower()
            if kind == "radio":
                self.radios.setdefault(attrs["name"], []).append(attrs.get("value", ""))
            elif kind in {"hidden", "text"}:
                self.fields[attrs["name"]] = attrs.get("value", "")
        elif self.in_form and tag == "textarea" and attrs.get("name"):
            self.fields[attrs["name"]] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False

    def body(self):
        chosen = {name: "4" if "4" in values else values[len(values) // 2] for name, values in self.radios.items()}
        return urlencode({**self.fields, **chosen})


def request(port, method, path, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read(), response.getheader("Set-Cookie") or ""
    finally:
        conn.close()


def form_post(port, token):
    """Open a questionnaire link and read its form: the body and headers to POST."""
    status, page, cookie = request(port, "GET", f"/r/questionnaire/{token}/")
    assert status == 200, f"the questionnaire page answered {status}"
    reader = FormReader()
    reader.feed(page.decode())
    assert reader.radios, "no statements found on the questionnaire page"
    csrf = re.search(r"csrftoken=([^;]+)", cookie).group(1)
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={csrf}"}
    return reader.body(), headers, len(reader.radios)


# --- Servers and clients ----------------------------------------------------------------------


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_start(env):
    """gunicorn on a free loopback port; returns (process, port) once it answers."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "coproduction.wsgi:application", "--workers", str(WORKERS)]
        + ["--worker-class", "sync", "--bind", f"127.0.0.1:{port}", "--timeout", "60", "--log-level", "warning"],
        cwd=BASE,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if request(port, "GET", "/bench/trivial/")[0] == 200:
                return process, port
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("gunicorn did not start")


def server_stop(process):
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def drive(call, expected, tokens, seconds):
    """CLIENTS clients at once until ``seconds`` pass or the tokens run out (None: no tokens).
    Only the ``expected`` status counts as done; returns done, errors, seconds, latencies."""
    lock = threading.Lock()
    pending = list(tokens) if tokens is not None else None
    done, errors, latencies = [0], [0], []
    deadline = time.monotonic() + seconds

    def client():
        while time.monotonic() < deadline:
            with lock:
                if pending is not None and not pending:
                    return
                token = pending.pop() if pending is not None else None
            started = time.perf_counter()
            try:
                ok = call(token)[0] == expected
            except OSError:
                ok = False
            elapsed = time.perf_counter() - started
            with lock:
                done[0] += ok
                errors[0] += not ok
                if ok:
                    latencies.append(elapsed)

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"done": done[0], "errors": errors[0], "seconds": time.monotonic() - started, "latencies": latencies}


def endpoints_for(servers, body, headers):
    """name -> (call, expected status, write endpoint?) for each server's submit and ceiling,
    and the first server's trivial view."""

    def post(port, prefix):
        return lambda token: request(port, "POST", f"{prefix}{token}/", body, headers)

    endpoints = {}
    for mode, port in servers.items():
        endpoints[f"submit_{mode}"] = (post(port, "/r/questionnaire/"), 302, True)
        endpoints[f"ceiling_{mode}"] = (post(port, "/bench/ceiling/"), 302, True)
    first = next(iter(servers.values()))
    endpoints["trivial"] = (lambda _token: request(first, "GET", "/bench/trivial/"), 200, False)
    return endpoints


def rounds_run(endpoints, tokens):
    """Warm every endpoint up, then ROUNDS rounds with the endpoints in rotating order."""
    warm = {
        name: drive(call, expected, tokens[name][0] if name in tokens else [None] * WARMUP, 60)
        for name, (call, expected, _writes) in endpoints.items()
    }
    names = list(endpoints)
    results = {name: [] for name in names}
    for number in range(ROUNDS):
        shift = number % len(names)
        for name in names[shift:] + names[:shift]:
            call, expected, _writes = endpoints[name]
            results[name].append(drive(call, expected, tokens[name][number + 1] if name in tokens else None, SECONDS))
    return warm, results


# --- Figures ----------------------------------------------------------------------------------


def figures(runs):
    rates = [r["done"] / r["seconds"] for r in runs]
    latencies = [x for r in runs for x in r["latencies"]]
    return {
        "per_second": spread(rates),
        "requests": sum(r["done"] for r in runs),
        "errors": sum(r["errors"] for r in runs),
        "p50_ms": round(1000 * percentile(latencies, 0.5), 1) if latencies else None,
        "p95_ms": round(1000 * percentile(latencies, 0.95), 1) if latencies else None,
    }


def ratios(results, top, bottom):
    """``top`` over ``bottom`` in each round (measured side by side)."""
    return spread(
        [
            (a["done"] / a["seconds"]) / (b["done"] / b["seconds"]) if b["done"] else 0.0
            for a, b in zip(results[top], results[bottom], strict=True)
        ]
    )


def main():
    django_setup()
    from django.conf import settings
    from django.db import connection, connections

    from outcomes.models import Answer, Invitation, Response

    vendor = connection.vendor
    database = settings.DATABASES["default"]
    modes = {"reused": {}}
    if vendor == "postgresql":
        modes["per_request"] = {"DATABASE_CONN_MAX_AGE": "0"}
    writes = [f"{kind}_{mode}" for mode in modes for kind in ("submit", "ceiling")]
    started = time.monotonic()
    questionnaire, page_token, tokens = seed(writes)
    print(f"bench: seeded in {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
    connections.close_all()
    servers, processes = {}, []
    try:
        for mode, extra in modes.items():
            process, servers[mode] = server_start({**os.environ, **extra})
            processes.append(process)
        body, headers, statements = form_post(servers["reused"], page_token)
        endpoints = endpoints_for(servers, body, headers)
        warm, results = rounds_run(endpoints, tokens)
        print(f"bench: measured in {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
    finally:
        for process in processes:
            server_stop(process)
    written = sum(warm[name]["done"] + sum(r["done"] for r in results[name]) for name in writes)
    stored = {
        Response.objects.filter(questionnaire=questionnaire).count(),
        Invitation.objects.filter(questionnaire=questionnaire, completed=True).count(),
        Answer.objects.filter(response__questionnaire=questionnaire).count() / statements,
    }
    out = {
        "database": vendor,
        "clients": CLIENTS,
        "gunicorn_workers": WORKERS,
        "rounds": ROUNDS,
        "seconds_per_endpoint_per_round": SECONDS,
        "statements_answered": statements,
        "conn_max_age": {
            mode: int(extra.get("DATABASE_CONN_MAX_AGE", database["CONN_MAX_AGE"])) for mode, extra in modes.items()
        },
        "conn_health_checks": database["CONN_HEALTH_CHECKS"],
        "endpoints": {name: figures(runs) for name, runs in results.items()},
        "submit_over_ceiling": {mode: ratios(results, f"submit_{mode}", f"ceiling_{mode}") for mode in modes},
        # Every successful write (warm-up included) is stored once, with all its answers and
        # its link used up.
        "stored_matches_successful_writes": stored == {written},
    }
    if "per_request" in modes:
        out["reused_over_per_request"] = {
            kind: ratios(results, f"{kind}_reused", f"{kind}_per_request") for kind in ("submit", "ceiling")
        }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
