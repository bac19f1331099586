"""gunicorn.conf.py: a worker that leaves normally skips the interpreter's teardown, having
closed its database connections; one that leaves with an error exits as gunicorn expects. And
under production's configuration, recycled workers hand over with no failed request."""

import os
import re
import runpy
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from urllib.request import urlopen

import pytest

ROOT = Path(__file__).resolve().parents[2]


class FastExit(Exception):
    """Stands in for os._exit, which would end the test run."""


@pytest.fixture
def worker_exit(monkeypatch):
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    hook = conf["worker_exit"]
    calls = []
    monkeypatch.setattr(
        "django.db.connections.close_all", lambda: calls.append("close database connections")
    )

    def fake_exit(code):
        calls.append(f"_exit({code})")
        raise FastExit

    monkeypatch.setattr(os, "_exit", fake_exit)

    def leave(how):
        """Run the hook where gunicorn does: in the `finally` of the worker's process, as
        `how` (an exception) takes it out."""
        try:
            try:
                raise how
            finally:
                hook(server=None, worker=None)
        except (SystemExit, RuntimeError, FastExit) as left:
            return left, calls

    leave.calls = calls
    return leave


@pytest.mark.parametrize("code", [0, None])
def test_a_worker_leaving_normally_closes_its_connections_and_skips_the_teardown(worker_exit, code):
    left, calls = worker_exit(SystemExit(code))
    assert isinstance(left, FastExit)
    assert calls == ["close database connections", "_exit(0)"]


def test_a_worker_leaving_normally_closes_its_connection_pool(worker_exit, monkeypatch):
    """With DB_POOL, Django's connections go back to a pool, which keeps them open."""
    calls = worker_exit.calls
    pooled = SimpleNamespace(pool=object())
    pooled.close_pool = lambda: calls.append("close the pool")
    unpooled = SimpleNamespace(pool=None, close_pool=lambda: calls.append("a pool that is not"))
    monkeypatch.setattr(
        "django.db.connections.all", lambda initialized_only=False: [unpooled, pooled]
    )
    worker_exit(SystemExit(0))
    assert calls == ["close database connections", "close the pool", "_exit(0)"]


@pytest.mark.parametrize(
    "how",
    [SystemExit(3), SystemExit(-1), RuntimeError("boom")],
    ids=["boot error", "crashed after boot", "exception"],
)
def test_a_worker_leaving_with_an_error_keeps_its_exit_code(worker_exit, how):
    left, calls = worker_exit(how)
    assert left is how  # the interpreter exits with it, and gunicorn reads its code
    assert calls == []


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def every_replacement_booted(log: str, workers: int = 2) -> bool:
    return log.count("Booting worker") == log.count("Worker exiting") + workers


def test_recycled_workers_hand_over_without_a_failed_request_or_an_error_exit(tmp_path):
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "REDIS_"))},
        "DJANGO_SETTINGS_MODULE": "cleanindustry.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "SECRET_KEY": "g" * 50,
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "WEB_CONCURRENCY": "2",
        "HOST": "127.0.0.1",
        "PORT": str(port),
    }
    log = tmp_path / "gunicorn.log"
    # Production's configuration, with each worker recycled after a few requests.
    command = [
        str(Path(sys.executable).with_name("gunicorn")), "-c", "gunicorn.conf.py",
        "--max-requests", "3", "--max-requests-jitter", "0", "cleanindustry.wsgi",
    ]  # fmt: skip
    with open(log, "wb") as out:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        answers = []
        deadline = time.monotonic() + 60
        while not answers and time.monotonic() < deadline:
            try:
                answers.append(urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=10).status)
            except OSError:
                time.sleep(0.2)
        for _ in range(20):
            answers.append(urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=10).status)
        # Stop only once the last recycled workers' replacements have booted: a worker forked
        # as the master is told to stop misses the signal (it still has the master's handler),
        # and the master then waits out graceful_timeout (30 s) for it.
        while time.monotonic() < deadline and not every_replacement_booted(log.read_text()):
            time.sleep(0.1)
        time.sleep(1)  # from its fork to its own signal handlers: milliseconds
    finally:
        server.terminate()
        server.wait(timeout=30)
    output = log.read_text()
    assert answers == [200] * 21, output[-3000:]
    assert len(re.findall(r"Autorestarting worker", output)) >= 4, output[-3000:]
    # gunicorn logs a worker's non-zero exit ("exited with code"), or its death by a signal.
    assert not re.search(r"exited with code|was sent|Exception|Traceback", output), output
    assert server.returncode == 0
