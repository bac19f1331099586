"""Time the staff home (/admin/) in-process, as a publisher, on the database DATABASE_URL names
(the benchmark's: the initiative's content plus `seed_demo_data --scale 1`, then ANALYZE).

    DATABASE_URL=postgres://.../db SECRET_KEY=x SECURE_SSL_REDIRECT=false \\
        .venv/bin/python bench/staff_home.py [REQUESTS]

Production settings (DEBUG off), Django's test client (no web server: the view, its queries and
the template), one warm-up request, then REQUESTS (default 50); prints the median and p95 in ms
and the number of queries. Adds a publisher (bench-publisher@example.org) and, to fill the panels,
a draft action, a scheduled finding, a contact message and a scheduled update, if missing.
"""

import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path


def setup() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cleanindustry.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    import django

    django.setup()


def fill_panels():
    from allauth.mfa.models import Authenticator
    from django.contrib.auth.models import Group, User
    from django.utils import timezone

    from assessment.models import Finding
    from pages.models import ContactMessage
    from roadmap.models import Action
    from subscriptions.models import Update

    email = "bench-publisher@example.org"
    user, _ = User.objects.get_or_create(
        username=email, defaults={"email": email, "is_staff": True}
    )
    user.groups.add(Group.objects.get(name="Publishers"))
    Authenticator.objects.get_or_create(
        user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "JBSWY3DPEHPK3PXP"}}
    )
    soon = timezone.now() + timedelta(days=2)
    Action.objects.filter(pk=Action.objects.order_by("pk").values("pk")[:1]).update(status="draft")
    Finding.objects.filter(pk=Finding.objects.order_by("pk").values("pk")[:1]).update(
        status="scheduled", publish_at=soon
    )
    ContactMessage.objects.get_or_create(
        subject="Bench question", defaults={"name": "B", "email": "b@example.org", "message": "?"}
    )
    Update.objects.get_or_create(
        subject="Bench update", defaults={"status": "scheduled", "scheduled_at": soon}
    )
    return user


def main(requests: int) -> None:
    setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(fill_panels())
    assert client.get("/admin/").status_code == 200  # warm-up
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get("/admin/")
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get("/admin/")
    times.sort()
    p95 = times[max(0, round(0.95 * len(times)) - 1)]
    print(
        f"/admin/ as a publisher: median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, "
        f"{len(queries)} queries ({requests} requests)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
