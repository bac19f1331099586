import pytest
from django.core.cache import cache
from django.core.management import call_command


@pytest.fixture
def eager_celery():
    """Run Celery tasks in the calling thread (the live server's), as the embedded run does."""
    from cleanindustry.celery import app

    saved = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    cache.clear()  # sign-up rate limits count per address and IP: start every journey afresh
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = saved


@pytest.fixture
def initiative_content():
    call_command("load_initiative_content", verbosity=0)


@pytest.fixture
def site_with_every_kind_of_page():
    call_command("load_initiative_content", verbosity=0)
    # Example site visits and recommendations, so those templates are crawled too.
    call_command("seed_demo_data", scale=1, allow_production=True, verbosity=0)
