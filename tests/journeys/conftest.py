from tests.accessibility.conftest import eager_celery, initiative_content  # noqa: F401
