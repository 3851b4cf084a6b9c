"""`make bench` (python -m bench): every benchmark, its targets judged, JSON then a summary.

Each benchmark runs in its own process against its own scratch database (SQLite in a
temporary directory; PostgreSQL at BENCH_POSTGRES_URL, dropped and made again). Targets are
ratios measured side by side in one run; absolute figures are reported beside them with the
machine's speed (a fixed CPU loop's time). See docs/benchmarks.md.

Environment: BENCH_QUICK=1 for small sizes; BENCH_ONLY=submit or reports; BENCH_DATABASES
(submit, default "sqlite,postgresql"); BENCH_REPORT_DATABASES (default "sqlite"); sizes:
BENCH_PROJECTS, BENCH_ROUNDS, BENCH_REPORT_ROUNDS, BENCH_SECONDS, BENCH_CLIENTS,
BENCH_INVITATIONS, BENCH_WORKERS."""

import json
import os
import platform
import sys
import tempfile
import time

from .common import POSTGRES_URL, QUICK, cpu_loop_seconds, django_env, postgres_scratch, run_child

SUBMIT_RATIO = 0.5
REPORT_RATIO = 3.0


def database_url(vendor, workdir):
    """A fresh scratch database; (url, None) or (None, why not)."""
    if vendor == "sqlite":
        return f"sqlite:///{workdir}/bench.sqlite3", None
    problem = postgres_scratch(POSTGRES_URL)
    return (None, problem) if problem else (POSTGRES_URL, None)


def run(module, vendors):
    results = {}
    for vendor in vendors:
        # The SQLite file, emails and PDFs of one benchmark, removed after it.
        with tempfile.TemporaryDirectory(prefix="bench-") as workdir:
            url, problem = database_url(vendor, workdir)
            print(f"bench: {module} on {vendor}...", file=sys.stderr, flush=True)
            results[vendor] = {"skipped": problem} if problem else run_child(module, django_env(url, workdir))
    return results


def target(ratio, *, limit, at_most=False, **figures):
    """A target judged on the median of its per-round ratios."""
    median = ratio["median"]
    return {
        "ratio": median,
        "median": median,
        "spread": [ratio["min"], ratio["max"]],
        "rounds": ratio["rounds"],
        "limit": f"{'<=' if at_most else '>='} {limit}",
        "pass": median <= limit if at_most else median >= limit,
        **figures,
    }


def submit_targets(results):
    targets = {}
    for vendor, found in results.items():
        if "skipped" in found:
            targets[f"submit_{vendor}"] = {"pass": False, "skipped": found["skipped"]}
            continue
        endpoints = found["endpoints"]
        targets[f"submit_{vendor}"] = target(
            found["submit_over_ceiling"]["reused"],
            limit=SUBMIT_RATIO,
            submit_per_second=endpoints["submit_reused"]["per_second"]["median"],
            ceiling_per_second=endpoints["ceiling_reused"]["per_second"]["median"],
            trivial_per_second=endpoints["trivial"]["per_second"]["median"],
            submit_p50_ms=endpoints["submit_reused"]["p50_ms"],
            submit_p95_ms=endpoints["submit_reused"]["p95_ms"],
            clients=found["clients"],
            errors=sum(e["errors"] for e in endpoints.values()),
            stored_matches_successful_writes=found["stored_matches_successful_writes"],
        )
        checks = targets[f"submit_{vendor}"]
        checks["pass"] = checks["pass"] and checks["errors"] == 0 and checks["stored_matches_successful_writes"]
        if "reused_over_per_request" in found:
            targets[f"{vendor}_connections_reused"] = target(
                found["reused_over_per_request"]["submit"],
                limit=1.0,
                conn_max_age=found["conn_max_age"],
                submit_reused_per_second=endpoints["submit_reused"]["per_second"]["median"],
                submit_per_request_per_second=endpoints["submit_per_request"]["per_second"]["median"],
                ceiling_per_request_per_second=endpoints["ceiling_per_request"]["per_second"]["median"],
                submit_per_request_p50_ms=endpoints["submit_per_request"]["p50_ms"],
                submit_per_request_p95_ms=endpoints["submit_per_request"]["p95_ms"],
                ceiling_reused_over_per_request=found["reused_over_per_request"]["ceiling"]["median"],
            )
    return targets


def report_targets(results):
    targets = {}
    for vendor, found in results.items():
        suffix = "" if vendor == "sqlite" else f"_{vendor}"
        if "skipped" in found:
            targets[f"reports{suffix}"] = {"pass": False, "skipped": found["skipped"]}
            continue
        for name, figure in found["figures"].items():
            if name != "cross_project_pdf":
                counts = figure["queries"]
                targets[f"{name}_same_queries{suffix}"] = {"queries": counts, "pass": len(set(counts.values())) == 1}
            targets[f"{name}_time{suffix}"] = target(
                figure["large_over_small"], limit=REPORT_RATIO, at_most=True, median_ms=figure["median_ms"]
            )
    return targets


def summary(out):
    lines = [
        f"CPU loop (3M multiply-adds): {out['machine']['cpu_loop_seconds']} s at start,"
        f" {out['machine']['cpu_loop_seconds_end']} s at end; run took {out['run_seconds']} s"
    ]
    for name, t in out["targets"].items():
        verdict = "PASS" if t["pass"] else "FAIL"
        if "skipped" in t:
            lines.append(f"{verdict}  {name}: skipped ({t['skipped']})")
        elif "queries" in t:
            lines.append(f"{verdict}  {name}: {t['queries']}")
        else:
            extra = {k: v for k, v in t.items() if k not in {"ratio", "median", "spread", "rounds", "limit", "pass"}}
            lines.append(
                f"{verdict}  {name}: {t['ratio']} ({t['spread'][0]}-{t['spread'][1]}) target {t['limit']}; {extra}"
            )
    lines.append(f"all_pass: {out['all_pass']}")
    return "\n".join(lines)


def main():
    started = time.monotonic()
    only = os.environ.get("BENCH_ONLY", "")
    out = {
        "quick": QUICK,
        "machine": {
            "cpu_loop_seconds": cpu_loop_seconds(),
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
        },
    }
    targets = {}
    if only in ("", "submit"):
        vendors = os.environ.get("BENCH_DATABASES", "sqlite,postgresql").split(",")
        out["submit"] = run("bench.submit", vendors)
        targets.update(submit_targets(out["submit"]))
    if only in ("", "reports"):
        vendors = os.environ.get("BENCH_REPORT_DATABASES", "sqlite").split(",")
        out["reports"] = run("bench.reports", vendors)
        targets.update(report_targets(out["reports"]))
    out["machine"]["cpu_loop_seconds_end"] = cpu_loop_seconds()
    out["run_seconds"] = round(time.monotonic() - started)
    out["targets"] = targets
    out["all_pass"] = all(t["pass"] for t in targets.values())
    print(json.dumps(out, indent=2))
    print(summary(out), file=sys.stderr)


if __name__ == "__main__":
    main()
