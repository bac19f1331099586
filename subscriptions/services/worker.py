"""The services' way to the Celery worker."""


def tasks():
    """This app's Celery task module, for a service to queue its follow-up work.

    The one import inside a function in subscriptions: tasks.py imports the services (each
    task runs one), so a services module importing it at the top would make an import cycle.
    """
    from subscriptions import tasks

    return tasks
