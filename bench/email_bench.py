"""`make bench-email N=100000`: the fan-out against raw smtplib, into one SMTP sink
(bench/sink.py: it stores the bytes it receives and parses nothing, so it never slows the raw
baseline). `make bench-email N=10000 BENCH_RATE=200`: the same fan-out held to a sending rate.

1. a fresh PostgreSQL database (BENCH_DATABASE_URL), migrated; N subscribers imported from CSV
   with `import_subscribers`;
2. unlimited only: raw smtplib, min(N, RAW_MAX) prebuilt messages (the update as rendered for
   one subscriber, address swapped) over ONE connection to the sink;
3. one update sent to the N subscribers by 2 Celery workers (solo pool, one process each) on
   Redis (BENCH_REDIS_URL), timed from `send_update` (delivery rows included) to "sent", with
   SUBSCRIPTIONS_MAX_RATE=BENCH_RATE when it is given;
4. prints messages/s for both and their ratio (unlimited), or the achieved rate and the most
   messages the sink received in any one-second window (with a rate), peak RSS (VmHWM) per
   worker, lost/duplicates, all read from the sink's stored bytes and receive times.
"""

import argparse
import csv
import json
import os
import shutil
import smtplib
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlparse

BASE_DIR = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DB_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ci_subs_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
RAW_MAX = 50_000
TARGETS = {"ratio": 0.5, "rss_mb": 150, "rate_within": 0.1}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def recreate_database(url: str) -> None:
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def busiest_second(times: list[float]) -> int:
    """The most receive times in any one-second window [t, t + 1)."""
    times = sorted(times)
    most, first = 0, 0
    for last, moment in enumerate(times):
        while moment - times[first] >= 1.0:
            first += 1
        most = max(most, last - first + 1)
    return most


def achieved_rate(times: list[float]) -> float:
    """Messages a second over the whole seconds from the first receipt: a sender that spends
    each second's quota in a burst would look faster than its rate over first-to-last."""
    start, seconds = min(times), int(max(times) - min(times))
    if seconds < 1:
        return float("nan")
    return sum(1 for t in times if t < start + seconds) / seconds


def read_sink(folder: Path) -> tuple[Counter, dict[str, list[float]]]:
    """Copies per recipient, and receive times per recipient domain, from what the sink stored."""
    from bench.sink import read_stored

    copies, times = Counter(), defaultdict(list)
    received = json.loads((folder / "times.json").read_text())
    for name, moments in received.items():
        for recipients, moment in zip(read_stored(folder / name), moments, strict=False):
            for rcpt in recipients:
                copies[rcpt] += 1
                times[rcpt.rpartition("@")[2]].append(moment)
    return copies, times


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rate", type=int, default=0, help="SUBSCRIPTIONS_MAX_RATE (0: none)")
    parser.add_argument("--keep", action="store_true", help="keep the sink's stored bytes")
    args = parser.parse_args()
    n, per_second = args.n, args.rate
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": DB_URL,
        "REDIS_URL": REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EMAIL_URL": f"smtp://127.0.0.1:{port}",
        "SITE_URL": "https://portal.example.org",
        "LOG_LEVEL": "WARNING",
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + "x" * 50,  # production settings need one
        "SUBSCRIPTIONS_MAX_RATE": str(per_second),
    }
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cleanindustry.settings")
    sys.path.insert(0, str(BASE_DIR))
    recreate_database(DB_URL)

    import django

    django.setup()
    from django.core.management import call_command

    from cleanindustry.celery import app
    from subscriptions import rate, services
    from subscriptions.emails import UpdateRenderer
    from subscriptions.models import Subscriber, Topic, Update

    call_command("migrate", verbosity=0)
    app.control.purge()
    rate.limiter().clear()  # slots an interrupted run left behind
    topic = Topic.objects.create(key="section:bench", slug="bench", title="Benchmark")
    work = Path(tempfile.mkdtemp(prefix="bench-email-"))
    csv_path = work / "subscribers.csv"
    with csv_path.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["email", "topics", "language", "consent date"])
        for i in range(n):
            writer.writerow([f"s{i}@bench.example.org", topic.key, "en", "2024-01-01"])
    started = time.perf_counter()
    call_command("import_subscribers", str(csv_path), stdout=open(os.devnull, "w"))  # noqa: SIM115
    print(
        f"imported {Subscriber.objects.count()} subscribers in {time.perf_counter() - started:.1f}s"
    )

    update = Update.objects.create(
        subject="Benchmark update: the hub study",
        body_html="<p>The <strong>Clean Industry Hub</strong> study is published.</p>" * 8,
        url="/roadmap/",
    )
    update.topics.set([topic])

    stored = work / "sink"
    stored.mkdir()
    sink = subprocess.Popen(
        [sys.executable, str(BASE_DIR / "bench/sink.py"), str(port), str(stored)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert sink.stdout.readline().strip() == "ready"

    raw_n = 0 if per_second else min(n, RAW_MAX)
    if raw_n:  # raw smtplib: prebuilt messages, one connection, same sink
        sample = (
            UpdateRenderer(update)
            .message(Subscriber.objects.first())
            .message()
            .as_bytes(linesep="\r\n")
        )
        first = Subscriber.objects.first().email.encode()
        prebuilt = [(f"r{i}@raw.example.org", sample) for i in range(raw_n)]
        prebuilt = [(rcpt, data.replace(first, rcpt.encode())) for rcpt, data in prebuilt]
        started = time.perf_counter()
        with smtplib.SMTP("127.0.0.1", port) as smtp:
            for rcpt, data in prebuilt:
                smtp.sendmail("cleanindustry@localhost", [rcpt], data)
        raw_seconds = time.perf_counter() - started
        raw_rate = raw_n / raw_seconds
        del prebuilt

    logs = [open(work / f"worker{i}.log", "w") for i in range(args.workers)]  # noqa: SIM115
    workers = [
        subprocess.Popen(
            [
                str(BIN / "celery"),
                "-A",
                "cleanindustry",
                "worker",
                "--pool",
                "solo",
                "--loglevel",
                "WARNING",
                "--without-gossip",
                "--without-mingle",
                "-n",
                f"bench{i}@%h",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=logs[i],
        )
        for i in range(args.workers)
    ]
    # The clock starts once every worker answers (a busy machine starts one in 3 to 30 s).
    deadline = time.monotonic() + 120
    while len(app.control.ping(timeout=1.0)) < args.workers:
        if time.monotonic() > deadline:
            raise SystemExit("the workers did not start: see their logs in " + str(work))
    started = time.perf_counter()
    services.send_update(update=update)
    deadline = time.monotonic() + max(120, n / 50, 2 * n / (per_second or n))
    while time.monotonic() < deadline:
        update.refresh_from_db()
        if update.status == Update.Status.SENT:
            break
        time.sleep(0.2)
    worker_seconds = time.perf_counter() - started
    rss = [peak_rss_mb(w.pid) for w in workers]
    for w in workers:
        w.terminate()
    for w in workers:
        w.wait(30)
    sink.terminate()
    sink.wait(60)

    copies, times = read_sink(stored)
    bench_copies = [copies.get(f"s{i}@bench.example.org", 0) for i in range(n)]
    lost = sum(1 for c in bench_copies if c == 0)
    duplicated = sum(c - 1 for c in bench_copies if c > 1)
    raw_received = sum(1 for k in copies if k.endswith("@raw.example.org"))
    worker_rate = n / worker_seconds
    finished = update.status == Update.Status.SENT
    progress = services.progress(update=update)

    from django.conf import settings

    batch = settings.SUBSCRIPTIONS_BATCH_SIZE  # the workers read the same settings
    state = "finished" if finished else "NOT FINISHED"
    print(f"N = {n}, workers = {args.workers}, batch = {batch}, rate = {per_second or 'none'}")
    ok = finished and lost == 0 and duplicated == 0 and max(rss) <= TARGETS["rss_mb"]
    if raw_n:
        print(
            f"raw smtplib, one connection: {raw_n} messages in {raw_seconds:.1f}s"
            f" = {raw_rate:.0f} msg/s (sink got {raw_received})"
        )
    print(
        f"portal fan-out ({state}): {n} messages in {worker_seconds:.1f}s = {worker_rate:.0f} msg/s"
    )
    if raw_n:
        ratio = worker_rate / raw_rate
        print(f"ratio portal/raw = {ratio:.2f} (target >= {TARGETS['ratio']})")
        ok = ok and ratio >= TARGETS["ratio"]
    else:
        received = times["bench.example.org"]
        achieved, busiest = achieved_rate(received), busiest_second(received)
        within = abs(achieved - per_second) <= TARGETS["rate_within"] * per_second
        print(
            f"achieved rate (sink, whole seconds from the first message) = {achieved:.1f} msg/s,"
            f" {achieved / per_second:.0%} of {per_second}:"
            f" {'within' if within else 'NOT within'} 10 %"
        )
        print(
            f"most in any one-second window (sink) = {busiest}:"
            f" {'never above' if busiest <= per_second else 'ABOVE'} the rate"
        )
        ok = ok and within and busiest <= per_second
    print(
        "peak RSS per worker: "
        + ", ".join(f"{r:.0f} MB" for r in rss)
        + f" (target <= {TARGETS['rss_mb']} MB)"
    )
    print(f"lost = {lost}, duplicated = {duplicated}, failed rows = {progress['failed']}")
    if not args.keep:
        shutil.rmtree(work)
    print("targets met" if ok else "TARGETS NOT MET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
