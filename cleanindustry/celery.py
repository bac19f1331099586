"""The Celery app: `celery -A cleanindustry worker` and `celery -A cleanindustry beat`."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cleanindustry.settings")

app = Celery("cleanindustry")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
