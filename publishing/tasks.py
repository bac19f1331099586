from celery import shared_task

from . import services as publishing


@shared_task
def publish_scheduled_content() -> int:
    return publishing.publish_due()
