"""What the benchmarks share: sizes from the environment, the machine's speed, scratch
databases, child processes and the figures' medians and spreads."""

import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
QUICK = os.environ.get("BENCH_QUICK", "").lower() in {"1", "true", "yes"}
REUSED_CONN_MAX_AGE = "60"
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/cp_bench")


def setting(name, full, quick):
    """BENCH_<NAME> from the environment, else the full or the quick (BENCH_QUICK=1) size."""
    value = os.environ.get(f"BENCH_{name}")
    if value is None:
        return quick if QUICK else full
    return type(full)(value)


def cpu_loop_seconds():
    """The machine's speed: the median time of a fixed pure-Python loop (3 million
    multiply-adds). Absolute figures elsewhere are read against it; ratios need not be."""
    times = []
    for _ in range(3):
        started = time.perf_counter()
        total = 0
        for i in range(3_000_000):
            total += i * i
        times.append(time.perf_counter() - started)
    return round(statistics.median(times), 3)


def spread(values):
    """Median and min-max of one figure over rounds."""
    return {
        "median": round(statistics.median(values), 3),
        "min": round(min(values), 3),
        "max": round(max(values), 3),
        "rounds": [round(v, 3) for v in values],
    }


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else None


def bench_hash(token):
    """How the benchmark hashes the ceiling's own tokens (the product's hashing is its own)."""
    return hashlib.sha256(token.encode()).hexdigest()


def postgres_scratch(url):
    """Drop and make again a scratch PostgreSQL database; the reason when it cannot."""
    import psycopg

    server, name = url.rsplit("/", 1)
    try:
        with psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        return f"{url} is not reachable ({str(error).strip()})"
    return None


def django_env(database_url, workdir):
    """The environment a benchmark process (and its servers) runs Django with; its email and
    uploaded files go under ``workdir``."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "SITE_URL": "http://127.0.0.1",
        "EMAIL_FILE_PATH": f"{workdir}/mail",
        "MEDIA_ROOT": f"{workdir}/media",
        "CACHE_URL": "",
    }
    # Connections reused as coproduction/settings.py does by default, whatever a local .env
    # says (the benchmark of connections per request sets 0).
    env["DATABASE_CONN_MAX_AGE"] = REUSED_CONN_MAX_AGE
    return env


def django_setup():
    """Django in this process, with the database migrated (run inside a child process)."""
    sys.path.insert(0, str(BASE))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", run_syncdb=True, verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)


def run_child(module, env):
    """``python -m <module>`` with ``env``; its JSON output."""
    child = subprocess.run(
        [sys.executable, "-m", module], cwd=BASE, env=env, stdout=subprocess.PIPE, text=True, check=False
    )
    if child.returncode:
        raise SystemExit(f"{module} failed (exit {child.returncode})")
    return json.loads(child.stdout)
