"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py cleanindustry.wsgi`."""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"
# Sync workers: each request is short (pages are cached, email goes through Celery). Sized for
# the CPUs: 2 x cores + 1 (5 on this 2-core machine; the benchmark runs 2 to match the issue).
# A worker holds one persistent database connection (CONN_MAX_AGE) or a small pool (DB_POOL),
# so PostgreSQL sees at most WEB_CONCURRENCY x that many connections from the web tier.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak can never grow without bound.
max_requests = 2000
max_requests_jitter = 200
# The project is imported once, in the master, before the workers are forked: a recycled
# worker starts as a copy of it, in milliseconds, instead of importing Django and every app
# again (hundreds of milliseconds of a core, which requests queued behind it would wait out).
# A deploy therefore restarts gunicorn (its HUP reload would keep the old code).
preload_app = True
accesslog = "-"
errorlog = "-"
# Manage tokens and confirmation codes in request paths are logged as <redacted>.
logger_class = "core.logs.GunicornLogger"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
