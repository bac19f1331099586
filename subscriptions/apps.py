from anymail.signals import tracking
from django.apps import AppConfig

from core import cache as page_cache
from pages import front
from search import sitemaps


class SubscriptionsConfig(AppConfig):
    name = "subscriptions"
    verbose_name = "Email updates"

    def ready(self):
        topic, update = self.get_model("Topic"), self.get_model("Update")
        # The topic lists and the archive of sent updates are public pages.
        page_cache.register(topic, update)
        sitemaps.register(update.objects.archived)  # the archive of sent updates
        front.register("subscriptions.views.front_page")  # the latest updates on the home page
        from .services import bounces

        # Bounces and complaints from the email provider's webhooks (django-anymail).
        tracking.connect(bounces.on_tracking, dispatch_uid="subscriptions.bounces")

    def staff_permissions(self) -> dict:
        """What each staff role holds on the email-update records (accounts.roles asks every
        app): Editors read them, Publishers also write and send updates, and add and lift
        suppressions."""
        update, suppression = self.get_model("Update"), self.get_model("Suppression")
        return {
            "Editors": [(model, f"view_{model._meta.model_name}") for model in self.get_models()],
            "Publishers": [
                *[
                    (update, codename)
                    for codename in ["add_update", "change_update", "view_update", "send_update"]
                ],
                *[
                    (suppression, codename)
                    for codename in ["add_suppression", "change_suppression", "view_suppression"]
                ],
            ],
        }
