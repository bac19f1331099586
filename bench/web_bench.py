"""Web benchmark (`make bench-web`): public pages against the floor of a bare Django view.

What production runs: gunicorn started with the project's own `gunicorn.conf.py` (worker
recycling, access log, preloading) and the production settings (DEBUG off; plain HTTP on
loopback, so SECURE_SSL_REDIRECT off), on a fresh PostgreSQL database and two Redis databases
(broker and cache). The only additions are bench/settings.py's floor views at /bench/floor
(and, for comparison, /bench/floor-cache-read: the floor plus one page-sized cache read),
served by the same processes in the same run. 2 workers, wrk with 16 connections, per URL.

Each page type is measured two ways:
- cached: an anonymous visitor, answered by the whole-page cache;
- rendered: a visitor with a session cookie, whom the page cache never answers: every request
  goes through the view and renders from the database (as does the first visitor after an
  edit).
Both are compared with the floor measured just before and just after that page type (the
mean of the two): a run takes minutes, and a machine that slows down or speeds up meanwhile
moves a page and the floors around it alike. Figures and their history: bench/README.md.

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
# Per mode: the least share of the floor's req/s, and the most p99 latency (ms).
TARGETS = {"cached": (0.8, 50.0), "rendered": (0.05, 150.0)}
# A session cookie: the page cache is for visitors without one (its value matches no session).
MODES = {"cached": (), "rendered": ("Cookie: sessionid=benchmark-visitor",)}


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
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
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

    # Exactly production's command; its access log goes to a file, as a service's would.
    log_dir = ROOT / "var" / "bench"
    log_dir.mkdir(parents=True, exist_ok=True)
    log = open(log_dir / "gunicorn.log", "wb")  # noqa: SIM115 (closed with the server)
    gunicorn = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "gunicorn.conf.py", "cleanindustry.wsgi"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
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
        print(f"\n{options.connections} connections, {options.seconds} s per URL, wrk, 2 workers")
        header = (
            f"{'page':<16}{'mode':<10}{'req/s':>9}{'x floor':>9}"
            f"{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}"
        )
        print(header + "\n" + "-" * len(header))

        def show(name, mode, result, ratio, missed=False):
            print(
                f"{name:<16}{mode:<10}{result['rps']:>9.0f}{ratio:>9.2f}"
                f"{result['p50']:>9.2f}{result['p99']:>9.2f}{result['errors']:>8}"
                + ("  missed" if missed else ""),
                flush=True,
            )

        failures = []
        floor = run_wrk("/bench/floor")
        show("floor", "", floor, 1.0, missed=bool(floor["errors"]))
        if floor["errors"]:
            failures.append("floor")
        # For comparison, not a target: the floor plus one read of a page-sized value from
        # the cache's Redis, the round trip no page-cache hit can do without.
        read = run_wrk("/bench/floor-cache-read")
        show("floor+read", "", read, read["rps"] / floor["rps"])
        for name, path in urls.items():
            results = {}
            for mode, headers in MODES.items():
                if mode == "cached":
                    urllib.request.urlopen(base + path, timeout=5)  # fill the cache
                results[mode] = run_wrk(path, headers=headers)
            # The floor again after each page type: a page is compared with the mean of the
            # floors measured just before and just after it, so that a machine that slows
            # down or speeds up during the run (minutes long) moves page and floor alike.
            next_floor = run_wrk("/bench/floor")
            around = (floor["rps"] + next_floor["rps"]) / 2
            for mode, result in results.items():
                ratio = result["rps"] / around
                least, most_ms = TARGETS[mode]
                missed = ratio < least or result["p99"] > most_ms or result["errors"]
                show(name, mode, result, ratio, missed)
                if missed:
                    failures.append(f"{name} {mode}")
            show("floor", "", next_floor, 1.0, missed=bool(next_floor["errors"]))
            if next_floor["errors"]:
                failures.append(f"floor after {name}")
            floor = next_floor
        print(
            "\nTargets: "
            + "; ".join(
                f"{mode} ≥ {least}x floor and p99 ≤ {most_ms:.0f} ms"
                for mode, (least, most_ms) in TARGETS.items()
            )
            + "; 0 errors."
        )
        print("Missed: " + ", ".join(failures) if failures else "All targets met.")
        return 1 if failures else 0
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
        log.close()


if __name__ == "__main__":
    sys.exit(main())
