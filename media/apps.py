from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "media"
    verbose_name = _("Images")

    def ready(self):
        from publishing import services as publishing

        publishing.register_content(*self.get_models())  # photos editors upload
