"""Every email the app sends: one function (or renderer method) each, with subject, text and
HTML templates in templates/subscriptions/email/. Messages to a subscriber carry RFC 8058
one-click unsubscribe headers."""

from email.utils import parseaddr
from urllib.parse import quote

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import get_template, render_to_string

TEMPLATES = "subscriptions/email/"


def _domain() -> str:
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"


def message_id(delivery) -> str:
    """Known before sending and the same on every attempt of one delivery, so a copy sent twice
    (see services.py) can be recognised and dropped by the receiving side."""
    return f"<update-{delivery.update_id}.delivery-{delivery.pk}@{_domain()}>"


def unsubscribe_headers(subscriber) -> dict:
    mailto = settings.SUBSCRIPTIONS_UNSUBSCRIBE_MAILTO or f"unsubscribe@{_domain()}"
    subject = quote(f"unsubscribe {subscriber.token}")
    return {
        "List-Unsubscribe": f"<{subscriber.unsubscribe_url}>, <mailto:{mailto}?subject={subject}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"Clean Industry updates <updates.{_domain()}>",
    }


def _message(name: str, context: dict, *, to: str, subscriber=None, headers=None):
    context = {"SITE_URL": settings.SITE_URL, "SITE_NAME": settings.SITE_NAME, **context}
    subject = " ".join(render_to_string(f"{TEMPLATES}{name}_subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{TEMPLATES}{name}.txt", context),
        to=[to],
        headers={**(unsubscribe_headers(subscriber) if subscriber else {}), **(headers or {})},
    )
    message.attach_alternative(render_to_string(f"{TEMPLATES}{name}.html", context), "text/html")
    return message


def confirmation(subscriber):
    from django.urls import reverse

    from .services import confirmation_code

    url = settings.SITE_URL + reverse(
        "subscriptions:confirm", kwargs={"code": confirmation_code(subscriber)}
    )
    days = settings.SUBSCRIPTIONS_CONFIRM_MAX_AGE // 86400
    context = {"subscriber": subscriber, "confirm_url": url, "days": days}
    return _message("confirm", context, to=subscriber.email, subscriber=subscriber)


def already_subscribed(subscriber):
    return _message(
        "already_subscribed", {"subscriber": subscriber}, to=subscriber.email, subscriber=subscriber
    )


def welcome(subscriber):
    return _message(
        "welcome", {"subscriber": subscriber}, to=subscriber.email, subscriber=subscriber
    )


class UpdateRenderer:
    """Renders one update (or digest) for many subscribers: templates are loaded once."""

    def __init__(self, update):
        self.update = update
        name = "digest" if update.kind == update.Kind.DIGEST else "update"
        self.subject = update.subject
        self.text = get_template(f"{TEMPLATES}{name}.txt")
        self.html = get_template(f"{TEMPLATES}{name}.html")
        self.items = []
        if update.kind == update.Kind.DIGEST:
            self.items = [
                (item, {t.pk for t in item.topics.all()})
                for item in update.digest_items.prefetch_related("topics").order_by("sent_at")
            ]

    def context(self, subscriber) -> dict:
        context = {
            "update": self.update,
            "subscriber": subscriber,
            "SITE_URL": settings.SITE_URL,
            "SITE_NAME": settings.SITE_NAME,
        }
        if self.update.kind == self.update.Kind.DIGEST:
            if subscriber.pk is None:  # a preview or test: show everything
                context["items"] = [item for item, _ in self.items]
            else:
                follows = {t.pk for t in subscriber.topics.all()}
                context["items"] = [item for item, topics in self.items if topics & follows]
        return context

    def message(self, subscriber, *, message_id: str | None = None, to: str | None = None):
        context = self.context(subscriber)
        headers = unsubscribe_headers(subscriber)
        if message_id:
            headers["Message-ID"] = message_id
        message = EmailMultiAlternatives(
            subject=self.subject,
            body=self.text.render(context),
            to=[to or subscriber.email],
            headers=headers,
        )
        message.attach_alternative(self.html.render(context), "text/html")
        return message

    def test_message(self, to: str):
        """A copy for staff: real content, a harmless placeholder unsubscribe link."""
        from .models import Subscriber

        preview = Subscriber(email=to, token="preview")
        message = self.message(preview, to=to)
        message.subject = f"[TEST] {message.subject}"
        return message

    def preview_html(self) -> str:
        from .models import Subscriber

        preview = Subscriber(email="subscriber@example.org", token="preview")
        return self.html.render(self.context(preview))
