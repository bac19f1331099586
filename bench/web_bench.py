"""Web benchmark (`make bench-web`): public pages against the floor of a bare Django view.

Production settings (DEBUG off, SECRET_KEY set; plain HTTP on loopback, so SECURE_SSL_REDIRECT
off) on a fresh PostgreSQL database and two Redis databases (broker and cache), gunicorn with
2 sync workers on loopback, and one load tool for every URL: wrk, 16 connections. Each page
type is measured three ways, by a header honoured only with BENCH_MODE on:
- cached: the whole-page cache answers (the usual anonymous visit);
- uncached (`X-Bench-No-Cache: 1`): every request goes through the view and renders the page,
  from the cached fragments and remembered lookups (cleanindustry/fragments.py), as after an
  edit to content the page does not show, or for a visitor with a message waiting;
- cold (`X-Bench-No-Cache: all`): every request renders from the database alone, with no cache
  at all, as the first visitor after an edit to what the page shows. No target: reported so
  that the cost of a cache miss stays visible.

    make bench-web                # BENCH_DATABASE_URL / BENCH_REDIS_URL / BENCH_REDIS_CACHE_URL
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
TARGETS = {"cached": 0.8, "uncached": 0.3, "cold": None, "p99_ms": 50.0}
MODES = {"cached": (), "uncached": ("X-Bench-No-Cache: 1",), "cold": ("X-Bench-No-Cache: all",)}


def run(*args, env, **kwargs):
    return subprocess.run(args, cwd=ROOT, env=env, check=True, **kwargs)


def fresh_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def analyze(url: str) -> None:
    """Planner statistics, as a database in service has them (autovacuum): a new one has none
    until autovacuum comes round, and the benchmark would measure the planner's guesses."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("ANALYZE")


def wrk(url: str, *, seconds: int, connections: int, headers=()) -> dict:
    args = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    for header in headers:
        args += ["-H", header]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])

    def ms(label):
        value, unit = re.search(rf"{label}\s+([\d.]+)(us|ms|s)\b", out).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    errors = 0
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out):
        errors += sum(map(int, m.groups()))
    if m := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        errors += int(m[1])
    return {"rps": rps, "p50": ms("50%"), "p99": ms("99%"), "errors": errors}


def page_urls(env) -> dict:
    code = """
from django.urls import reverse
from assessment.models import Finding
from exchange.models import CollaborationTrack, Event, Recommendation, SiteVisit, Trip
from roadmap.models import Action
from subscriptions.models import Update
first = lambda m: m.objects.published().order_by("pk").first().get_absolute_url()
pages = {
    "home": "/", "about": "/about/", "exchange": "/exchange/", "partners": "/partners/",
    "trip": first(Trip), "site-visit": first(SiteVisit), "recommendation": first(Recommendation),
    "track": first(CollaborationTrack), "event": first(Event),
    "assessment": "/assessment/", "finding": first(Finding),
    "roadmap": "/roadmap/", "action": first(Action),
    "updates": "/updates/", "search": "/search/?q=industry",
}
update = Update.objects.archived().first()
if update:
    pages["update"] = update.get_absolute_url()
for name, url in pages.items():
    print("@@", name, url)
"""
    out = run(PYTHON, "manage.py", "shell", "-c", code, env=env, capture_output=True, text=True)
    lines = [line.split(" ", 2)[1:] for line in out.stdout.splitlines() if line.startswith("@@ ")]
    return dict(lines)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--port", type=int, default=8765)
    options = parser.parse_args()

    if not shutil.which("wrk"):
        print("wrk is not installed: `apt-get install -y wrk` (Debian), then run again.")
        return 2
    database = os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ci_bench_web"
    )
    redis = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/6")
    redis_cache = os.environ.get("BENCH_REDIS_CACHE_URL", "redis://127.0.0.1:6379/7")
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + "x" * 50,
        "SECURE_SSL_REDIRECT": "false",  # wrk speaks plain HTTP to gunicorn
        "DATABASE_URL": database,
        "REDIS_URL": redis,
        "REDIS_CACHE_URL": redis_cache,
        "CACHE_KEY_PREFIX": "bench-web",
        "BENCH_MODE": "true",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
        "CELERY_TASK_ALWAYS_EAGER": "true",
        "WEB_CONCURRENCY": "2",
        "HOST": "127.0.0.1",
        "PORT": str(options.port),
    }
    print(f"Preparing {database}, {redis} and {redis_cache} ...", flush=True)
    fresh_database(database)
    import redis as redis_lib

    redis_lib.Redis.from_url(redis).flushdb()
    redis_lib.Redis.from_url(redis_cache).flushdb()
    quiet = {"stdout": subprocess.DEVNULL}
    run(PYTHON, "manage.py", "migrate", "--noinput", env=env, **quiet)
    run(PYTHON, "manage.py", "load_initiative_content", env=env, **quiet)
    run(
        PYTHON,
        "manage.py",
        "seed_demo_data",
        "--scale",
        "1",
        "--allow-production",
        env=env,
        **quiet,
    )
    analyze(database)
    run(PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity", "0", env=env)
    urls = page_urls(env)

    gunicorn = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "gunicorn.conf.py", "cleanindustry.wsgi",
         "--access-logfile", "/dev/null", "--max-requests", "0"],  # no recycling mid-run
        cwd=ROOT, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{options.port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/bench/floor", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        run_wrk = lambda path, **kw: wrk(  # noqa: E731
            base + path, seconds=options.seconds, connections=options.connections, **kw
        )
        run_wrk("/bench/floor")  # warm up both workers
        floor = run_wrk("/bench/floor")
        print(f"\n{options.connections} connections, {options.seconds} s per URL, wrk, 2 workers")
        header = (
            f"{'page':<16}{'mode':<10}{'req/s':>9}{'x floor':>9}"
            f"{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}"
        )
        print(header + "\n" + "-" * len(header))
        print(
            f"{'floor':<16}{'':<10}{floor['rps']:>9.0f}{1:>9.2f}{floor['p50']:>9.2f}{floor['p99']:>9.2f}{floor['errors']:>8}"
        )
        failures = []
        for name, path in urls.items():
            for mode, headers in MODES.items():
                if mode == "cached":
                    urllib.request.urlopen(base + path, timeout=5)  # fill the cache
                result = run_wrk(path, headers=headers)
                ratio = result["rps"] / floor["rps"]
                print(
                    f"{name:<16}{mode:<10}{result['rps']:>9.0f}{ratio:>9.2f}"
                    f"{result['p50']:>9.2f}{result['p99']:>9.2f}{result['errors']:>8}",
                    flush=True,
                )
                if TARGETS[mode] is None:
                    if result["errors"]:
                        failures.append(f"{name} {mode}")
                elif ratio < TARGETS[mode] or result["p99"] > TARGETS["p99_ms"] or result["errors"]:
                    failures.append(f"{name} {mode}")
        print(
            f"\nTargets: cached ≥ {TARGETS['cached']}x floor, uncached ≥ {TARGETS['uncached']}x, "
            f"p99 ≤ {TARGETS['p99_ms']:.0f} ms, 0 errors; cold: 0 errors (no speed target)."
        )
        print("Missed: " + ", ".join(failures) if failures else "All targets met.")
        return 1 if failures else 0
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
