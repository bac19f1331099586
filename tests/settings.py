"""The test suite's settings: the project's own (cleanindustry/settings.py) as `make` runs them
locally, over plain HTTP with a key of their own. Put in the environment before the project's
settings read it, so that the processes a test starts (Celery workers) agree with the suite."""

import os

os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECRET_KEY", "tests-only-" + "k" * 50)

from cleanindustry.settings import *  # noqa: F403
