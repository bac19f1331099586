"""Every email the app sends: one function (or renderer method) each, with subject, text and
HTML templates in templates/subscriptions/email/. Messages to a subscriber carry RFC 8058
one-click unsubscribe headers.

Every email is written in the subscriber's language (Subscriber.email_language): it is rendered
under `translation.override`, so its text, its subject, its links (/es/updates/... in Spanish)
and the update's own fields (modeltranslation, English where the Spanish is empty) follow it;
its Content-Language header and its HTML lang say which language it is in. Each also carries
the language-access line in every language the portal speaks.

Every message is made by `build`, which gives it a Message-ID on the sending domain (the
domain of DEFAULT_FROM_EMAIL): Django's default names the host it runs on ("@localhost" in a
container), which spam filters score against the sender.

No tracking: no images at all (so no open pixel), and every link is the page's own address,
never a redirect that counts clicks (tests/subscriptions/test_emails.py)."""

from email.utils import formatdate
from urllib.parse import quote

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, make_msgid
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from core.mail import sending_domain
from pages.language_access import language_access_lines

from .models import Subscriber

TEMPLATES = "subscriptions/email/"


def message_id(delivery) -> str:
    """Known before sending and the same on every attempt of one delivery, so a copy sent twice
    (see services/sending.py) can be recognised and dropped by the receiving side."""
    return f"<update-{delivery.update_id}.delivery-{delivery.pk}@{sending_domain()}>"


def unsubscribe_headers(subscriber) -> dict:
    mailto = settings.SUBSCRIPTIONS_UNSUBSCRIBE_MAILTO or f"unsubscribe@{sending_domain()}"
    subject = quote(f"unsubscribe {subscriber.token}")
    return {
        "List-Unsubscribe": f"<{subscriber.unsubscribe_url}>, <mailto:{mailto}?subject={subject}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"Clean Industry updates <updates.{sending_domain()}>",
    }


def build(*, subject: str, text: str, html: str, to: str, headers: dict, cls=None):
    """The one place a message is made: every email of this app comes from here."""
    headers = dict(headers)
    # A Message-ID on our own domain, unless the caller gave a stable one (message_id above).
    headers.setdefault("Message-ID", make_msgid(domain=sending_domain()))
    message = (cls or EmailMultiAlternatives)(subject=subject, body=text, to=[to], headers=headers)
    message.attach_alternative(html, "text/html")
    return message


def _base_context() -> dict:
    """What every email template gets, rendered in the active language."""
    return {
        "SITE_URL": settings.SITE_URL,
        "SITE_NAME": settings.SITE_NAME,
        "language_access": language_access_lines(),
    }


def _message(name: str, context: dict, *, subscriber, to: str | None = None):
    """A message to `subscriber` rendered in their language; sent to `to` instead (another
    address of theirs), it carries no unsubscribe headers: that mailbox is not on the list."""
    language = subscriber.email_language
    with translation.override(language):
        context = {**_base_context(), "subscriber": subscriber, **context}
        subject = " ".join(render_to_string(f"{TEMPLATES}{name}_subject.txt", context).split())
        headers = {} if to else unsubscribe_headers(subscriber)
        return build(
            subject=subject,
            text=render_to_string(f"{TEMPLATES}{name}.txt", context),
            html=render_to_string(f"{TEMPLATES}{name}.html", context),
            to=to or subscriber.email,
            headers={**headers, "Content-Language": language},
        )


def confirmation(subscriber, code: str):
    """The email with the link that confirms a sign-up; `code` is the link's signed code
    (services.confirmation_code)."""
    with translation.override(subscriber.email_language):  # /es/updates/confirm/... in Spanish
        url = settings.SITE_URL + reverse("subscriptions:confirm", kwargs={"code": code})
    days = settings.SUBSCRIPTIONS_CONFIRM_MAX_AGE // 86400
    return _message("confirm", {"confirm_url": url, "days": days}, subscriber=subscriber)


def already_subscribed(subscriber):
    return _message("already_subscribed", {}, subscriber=subscriber)


def welcome(subscriber):
    return _message("welcome", {}, subscriber=subscriber)


def new_link(subscriber):
    return _message("new_link", {}, subscriber=subscriber)


def delivery_trouble(subscriber):
    """Our emails to them keep bouncing (services/bounces.py): one more day of it and we stop."""
    return _message("delivery_trouble", {}, subscriber=subscriber)


def masked(email: str) -> str:
    """An address shown to another mailbox: its first letter and its domain (r…@example.org)."""
    local, _, domain = email.rpartition("@")
    return f"{local[:1]}…@{domain}"


def change_email_link(subscriber, new_email: str, code: str):
    """To `new_email`: the link that moves `subscriber`'s updates there (`code`, see
    services.change_email_code). No manage link and no unsubscribe headers: that mailbox's
    owner has not confirmed anything yet."""
    with translation.override(subscriber.email_language):
        path = reverse("subscriptions:change-email-confirm", kwargs={"code": code})
    url = settings.SITE_URL + path
    days = settings.SUBSCRIPTIONS_CONFIRM_MAX_AGE // 86400
    context = {"new_email": new_email, "confirm_url": url, "days": days}
    return _message("change_email", context, subscriber=subscriber, to=new_email)


def email_taken(subscriber, new_email: str):
    """To `new_email`, asked for as a subscriber's new address while it has updates of its own:
    what a sign-up of a subscribed address is told, and nothing about the other address."""
    with translation.override(subscriber.email_language):
        url = settings.SITE_URL + reverse("subscriptions:subscribe")
    context = {"new_email": new_email, "subscribe_url": url}
    return _message("email_taken", context, subscriber=subscriber, to=new_email)


def email_changed(subscriber, old_email: str):
    """To the address a subscriber has just left: where their updates went (masked: that
    mailbox may no longer be theirs), and how to reach staff if it was not them."""
    with translation.override(subscriber.email_language):
        contact_url = settings.SITE_URL + reverse("pages:contact")
    context = {
        "old_email": old_email,
        "new_email": masked(subscriber.email),
        "contact_url": contact_url,
    }
    return _message("email_changed", context, subscriber=subscriber, to=old_email)


class _SerializedMIME:
    """What the SMTP and file backends need from `message()`: the bytes, already built."""

    def __init__(self, data: bytes, build):
        self.data, self.build = data, build

    def as_bytes(self, unixfrom=False, linesep="\n"):
        return self.data if linesep == "\r\n" else self.data.replace(b"\r\n", linesep.encode())

    def as_string(self, unixfrom=False, linesep="\n"):
        return self.as_bytes(linesep=linesep).decode("utf-8")

    def __getattr__(self, name):  # anything else: the real MIME object
        return getattr(self.build(), name)


class UpdateMessage(EmailMultiAlternatives):
    """A complete EmailMultiAlternatives (API backends such as django-anymail read its
    attributes) whose MIME bytes are the batch's serialized template with this subscriber's
    values swapped in: building MIME per message is most of a worker's CPU otherwise."""

    serialized: bytes | None = None

    def message(self):
        if self.serialized is None:
            return super().message()
        return _SerializedMIME(self.serialized, super().message)


class _Version:
    """One update rendered in one language: its subject and headers, and (bulletins) its
    bodies and MIME bytes, for a placeholder subscriber."""

    def __init__(self, language: str):
        self.language = language
        self.subject = ""
        self.headers: dict[str, str] = {}
        self.rendered = self.serialized = None


class UpdateRenderer:
    """Renders one update (or digest) for many subscribers, in each subscriber's language.

    A bulletin is the same for everyone reading it in one language but the address and the
    token in its links, so it is rendered once per language with placeholders that each
    message swaps for the subscriber's own values (its MIME bytes too, with the Message-ID and
    Date: `UpdateMessage`). A digest lists the items each subscriber follows, so it is rendered
    per subscriber (in their language)."""

    EMAIL, TOKEN = "subscriber-email-placeholder@invalid", "subscriber-token-placeholder"
    MESSAGE_ID, DATE = "<message-id-placeholder@invalid>", "date-placeholder@invalid"

    def __init__(self, update):
        self.update = update
        name = "digest" if update.kind == update.Kind.DIGEST else "update"
        self.text = get_template(f"{TEMPLATES}{name}.txt")
        self.html = get_template(f"{TEMPLATES}{name}.html")
        self.items = []
        self.versions: dict[str, _Version] = {}
        if update.kind == update.Kind.DIGEST:
            self.items = [
                (item, {t.pk for t in item.topics.all()})
                for item in update.digest_items.prefetch_related("topics").order_by("sent_at")
            ]

    def version(self, language: str) -> _Version:
        """The update in `language`, rendered on first use (once per language for as long as
        this renderer is kept: `renderer_for`)."""
        if language not in self.versions:
            version = self.versions[language] = _Version(language)
            placeholder = Subscriber(email=self.EMAIL, token=self.TOKEN, language=language)
            with translation.override(language):
                version.subject = self.update.subject  # English if the Spanish one is empty
                # The unsubscribe links differ by the token only: reversed once, not per message.
                version.headers = {**unsubscribe_headers(placeholder), "Content-Language": language}
                if self.update.kind == self.update.Kind.BULLETIN:
                    context = self.context(placeholder)
                    version.rendered = (self.text.render(context), self.html.render(context))
                    version.serialized = self._serialize(placeholder, version)
        return self.versions[language]

    def context(self, subscriber) -> dict:
        context = {**_base_context(), "update": self.update, "subscriber": subscriber}
        if self.update.kind == self.update.Kind.DIGEST:
            if subscriber.pk is None:  # a preview or test: show everything
                context["items"] = [item for item, _ in self.items]
            else:
                follows = {t.pk for t in subscriber.topics.all()}
                context["items"] = [item for item, topics in self.items if topics & follows]
        return context

    def bodies(self, subscriber) -> tuple[str, str]:
        version = self.version(subscriber.email_language)
        if version.rendered is None:
            with translation.override(version.language):
                context = self.context(subscriber)
                return self.text.render(context), self.html.render(context)
        text, html = version.rendered
        text = text.replace(self.TOKEN, subscriber.token).replace(self.EMAIL, subscriber.email)
        html = html.replace(self.TOKEN, subscriber.token).replace(
            escape(self.EMAIL), escape(subscriber.email)
        )
        return text, html

    def _serialize(self, placeholder, version: _Version) -> bytes | None:
        """The MIME bytes for the placeholder subscriber, if plain byte swaps can personalise
        them (no placeholder split by an encoding, room left on every line)."""
        # Its Date too: each message says when it was made, as Django's own would, however
        # long this process keeps the copy (renderer_for).
        message = self._build(placeholder, version, message_id=self.MESSAGE_ID)
        message.extra_headers["Date"] = self.DATE
        data = message.message()
        data = data.as_bytes(linesep="\r\n")
        text, html = version.rendered
        tokens = text.count(self.TOKEN) + html.count(self.TOKEN) + 2  # + List-Unsubscribe
        emails = text.count(self.EMAIL) + html.count(self.EMAIL) + 1  # + To
        fits = max(len(line) for line in data.split(b"\r\n")) < 600
        if data.count(self.TOKEN.encode()) == tokens and data.count(self.EMAIL.encode()) == emails:
            once = data.count(self.MESSAGE_ID.encode()) == data.count(self.DATE.encode()) == 1
            return data if fits and once else None
        return None

    def message(self, subscriber, *, message_id: str | None = None, to: str | None = None):
        return self._build(
            subscriber, self.version(subscriber.email_language), message_id=message_id, to=to
        )

    def _build(self, subscriber, version: _Version, *, message_id=None, to=None):
        text, html = self.bodies(subscriber)
        token = subscriber.token
        headers = {key: value.replace(self.TOKEN, token) for key, value in version.headers.items()}
        if message_id:
            headers["Message-ID"] = message_id
        message = build(
            subject=version.subject,
            text=text,
            html=html,
            to=to or subscriber.email,
            headers=headers,
            cls=UpdateMessage,
        )
        email = subscriber.email
        swappable = email.isascii() and escape(email) == email and len(email) <= 254
        if version.serialized and message_id and not to and swappable:
            message.serialized = (
                version.serialized.replace(self.TOKEN.encode(), subscriber.token.encode())
                .replace(self.EMAIL.encode(), email.encode())
                .replace(self.MESSAGE_ID.encode(), message_id.encode())
                .replace(
                    self.DATE.encode(), formatdate(localtime=settings.EMAIL_USE_LOCALTIME).encode()
                )
            )
        return message

    def test_message(self, to: str, *, language: str | None = None):
        """A copy for staff in `language`: real content, a harmless placeholder unsubscribe
        link, and the language named in the subject (the two copies can look alike when the
        Spanish text falls back to the English)."""
        preview = Subscriber(email=to, token="preview", language=language or "")
        message = self.message(preview, to=to)
        names = dict(settings.LANGUAGES)
        message.subject = f"[TEST] [{names[preview.email_language]}] {message.subject}"
        return message

    def preview_html(self, language: str | None = None) -> str:
        preview = Subscriber(email="subscriber@example.org", token="preview", language=language)
        return self.bodies(preview)[1]


_renderers: dict = {}  # (update pk, its updated_at) -> UpdateRenderer: this process's latest
RENDERERS_KEPT = 4


def renderer_for(update) -> UpdateRenderer:
    """`update`'s renderer, kept by this process from one batch to the next while the update is
    unchanged (an edit saves a new `updated_at`): each version is rendered once per worker, not
    once per batch (the eleven languages take about 0.1 s, 0.2 ms a message of a 500 batch)."""
    key = (update.pk, update.updated_at)
    if key not in _renderers:
        while len(_renderers) >= RENDERERS_KEPT:
            del _renderers[next(iter(_renderers))]  # the oldest
        _renderers[key] = UpdateRenderer(update)
    return _renderers[key]


@receiver(setting_changed)
def _forget_renderers(**kwargs):
    """What a version holds follows the settings (SITE_URL, the sending domain, ...): tests
    change them."""
    _renderers.clear()


def provider() -> str:
    """Who sends the emails, as EMAIL_BACKEND says (no credentials): an email service through
    django-anymail (its name), an SMTP server (host and port), or a development backend."""
    backend = settings.EMAIL_BACKEND
    module, _, _class = backend.rpartition(".")
    if module.startswith("anymail.backends."):
        return f"django-anymail: {module.rpartition('.')[2]}"
    if module == "django.core.mail.backends.smtp":
        security = "SSL" if settings.EMAIL_USE_SSL else "STARTTLS" if settings.EMAIL_USE_TLS else ""
        return f"SMTP: {settings.EMAIL_HOST}:{settings.EMAIL_PORT} {security}".rstrip()
    return backend
