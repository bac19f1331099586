from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Site search: apps register their public models with `registry.register` in their own
    `ready()`; the index follows every save from here on."""

    name = "search"

    def ready(self):
        from . import index

        index.connect_signals()  # keeps the search index in step with every save
