"""django-anymail's webhooks (/anymail/<provider>/...), with two answers of our own.

- Without ANYMAIL["WEBHOOK_SECRET"] they are not served (404). Anymail would take anyone's
  post then (it only warns), and a forged "complaint" ends a stranger's subscription.
- A post anymail refuses (wrong or missing basic auth, a bad provider signature) is answered
  401 with a Basic challenge, not Django's 400 for a SuspiciousOperation: some providers send
  the credentials in their webhook's URL only once challenged, and it says what went wrong.
"""

import logging

from anymail.exceptions import AnymailWebhookValidationFailure
from anymail.webhooks.base import AnymailCoreWebhookView
from django.conf import settings
from django.http import HttpResponse, HttpResponseNotFound

logger = logging.getLogger("django.security.anymail")


def _is_webhook(view_func) -> bool:
    view_class = getattr(view_func, "view_class", None)
    return isinstance(view_class, type) and issubclass(view_class, AnymailCoreWebhookView)


class AnymailWebhookMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if _is_webhook(view_func) and not getattr(settings, "ANYMAIL", {}).get("WEBHOOK_SECRET"):
            return HttpResponseNotFound()
        return None

    def process_exception(self, request, exception):
        if not isinstance(exception, AnymailWebhookValidationFailure):
            return None
        logger.warning("Refused a webhook post to %s: %s", request.path, exception)
        response = HttpResponse("Unauthorized", status=401, content_type="text/plain")
        response["WWW-Authenticate"] = 'Basic realm="Anymail WEBHOOK_SECRET"'
        return response
