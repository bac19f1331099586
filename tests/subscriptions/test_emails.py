"""Every kind of email the app sends, built by its real path: no tracking of any kind (issue 16,
item 7) and a Message-ID on the sending domain (item 8)."""

import email
import io
import re
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.management import call_command
from django.test.signals import template_rendered
from django.urls import Resolver404, resolve
from django.utils import timezone, translation

from subscriptions import services
from subscriptions.models import Subscriber, Update

from . import webhooks
from .conftest import make_subscriber

pytestmark = pytest.mark.django_db

WEEKLY = Subscriber.Frequency.WEEKLY
LANGUAGES = [code for code, _name in django_settings.LANGUAGES]
SITE = "https://portal.example.org"
DOMAIN = "news.cleanindustry.example.gov"
EMAIL_TEMPLATES = Path(django_settings.BASE_DIR) / "templates" / "subscriptions" / "email"
# Where a link of ours may lead: the pages themselves, never a redirect that counts clicks.
SITE_PAGES = {
    "subscriptions:archive", "subscriptions:update", "subscriptions:subscribe",
    "subscriptions:confirm", "subscriptions:manage", "subscriptions:unsubscribe",
    "subscriptions:change-email-confirm", "pages:contact",
}  # fmt: skip
# The update's own links, as staff wrote them: they must reach the reader unchanged.
WRITTEN = ["https://www.portland.gov/bps/clean-industry?tab=plan#next", "mailto:ci@example.gov"]
UPDATE_BODY = (
    f'<p>Read <a href="{WRITTEN[0]}">the plan</a> or <a href="{WRITTEN[1]}">write to us</a>.</p>'
)
URL = re.compile(r"""(?:https?://|mailto:)[^\s<>"')]+""")
# Anything that makes a mail client fetch something when the message is opened.
LOADS = {"src", "srcset", "background", "poster", "data", "lowsrc", "dynsrc"}


class Parsed(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.links, self.loads = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"img", "image", "picture", "source", "iframe", "object", "embed", "link",
                   "script", "video", "audio", "svg"}:  # fmt: skip
            self.loads.append(f"<{tag} {attrs}>")
        self.loads += [f"<{tag} {name}=…>" for name in attrs if name in LOADS]
        if "url(" in (attrs.get("style") or "").lower():
            self.loads.append(f"<{tag} style={attrs['style']!r}>")
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])

    def handle_data(self, data):
        if self.lasttag == "style" and "url(" in data.lower():
            self.loads.append("<style> url(...)")


@pytest.fixture
def every_email(client, topic, settings, django_capture_on_commit_callbacks):
    """{kind: [messages]} for every kind of email, each sent the way the app sends it, in
    every language of the interface; and the email templates that were rendered."""
    settings.DEFAULT_FROM_EMAIL = f"Clean Industry Initiative <updates@{DOMAIN}>"
    rendered = set()

    def record(sender, template, **kwargs):
        if template.name and template.name.startswith("subscriptions/email/"):
            rendered.add(template.name.rpartition("/")[2])

    template_rendered.connect(record)
    kinds = {}

    def collect(kind, action):
        before = len(mail.outbox)
        with django_capture_on_commit_callbacks(execute=True):
            action()
        kinds[kind] = mail.outbox[before:]
        assert kinds[kind], f"{kind}: nothing was sent"

    try:
        readers = [
            make_subscriber(f"reader-{code}@example.org", [topic], language=code)
            for code in LANGUAGES
        ]
        for code in LANGUAGES:
            make_subscriber(f"weekly-{code}@example.org", [topic], language=code, frequency=WEEKLY)
        update = Update.objects.create(subject="Hub study", body_html=UPDATE_BODY, url="/roadmap/")
        update.topics.set([topic])
        for code in LANGUAGES:
            services.subscribe(email=f"new-{code}@example.org", topics=[topic], language=code)
        pending = list(Subscriber.objects.filter(status=Subscriber.Status.PENDING))

        collect("confirm", lambda: [
            services.subscribe(email=s.email, topics=[topic], language=s.language) for s in pending
        ])  # fmt: skip
        collect("welcome", lambda: [
            services.confirm(subscriber=s, sign_up=services.sign_up_of(s)) for s in pending
        ])  # fmt: skip
        collect("already_subscribed", lambda: [
            services.subscribe(email=s.email, topics=[topic]) for s in readers
        ])  # fmt: skip
        collect("new_link", lambda: [services.send_new_link(subscriber=s) for s in readers])
        for s in readers:
            s.refresh_from_db()
        collect("update", lambda: services.send_update(update=update))
        collect("test copy", lambda: services.send_test(update=update, to="staff@example.org"))
        sent_at = timezone.make_aware(datetime(2026, 11, 18, 10))
        Update.objects.filter(pk=update.pk).update(sent_at=sent_at)
        monday = timezone.make_aware(datetime(2026, 11, 23, 8))
        collect("digest", lambda: services.send_weekly_digest(now=monday))
        # A soft bounce the day before the limit: "we are having trouble delivering to you".
        settings.ANYMAIL = {"WEBHOOK_SECRET": [webhooks.SECRET]}
        settings.SUBSCRIPTIONS_SOFT_BOUNCE_LIMIT = 2
        collect("delivery_trouble", lambda: [
            webhooks.postmark(s.email, "soft_bounce", when=timezone.now(), id=n).send(client)
            for n, s in enumerate(readers, start=1)
        ])  # fmt: skip
        collect("email_taken", lambda: services.request_email_change(
            subscriber=readers[0], new_email=readers[1].email
        ))  # fmt: skip
        collect("change_email", lambda: [
            services.request_email_change(subscriber=s, new_email=f"moved-{s.language}@example.org")
            for s in readers
        ])  # fmt: skip
        collect("email_changed", lambda: [
            services.change_email(subscriber=s, new_email=f"moved-{s.language}@example.org")
            for s in readers
        ])  # fmt: skip
    finally:
        template_rendered.disconnect(record)
    return kinds, rendered, update


def real_destination(url: str, update: Update) -> bool:
    """A page of the site (one of SITE_PAGES, no query added), or one of the update's links
    exactly as written."""
    roadmap = {f"{SITE}/{code}/roadmap/" for code in LANGUAGES} | {f"{SITE}/roadmap/"}
    if url in WRITTEN or url == update.link or url in roadmap:
        return True
    if not url.startswith(f"{SITE}/"):
        return False
    parts = urlsplit(url)
    prefix = parts.path.split("/")[1]
    language = prefix if prefix in dict(django_settings.LANGUAGES) else "en"
    try:
        with translation.override(language):  # /es/... resolves in Spanish only
            match = resolve(parts.path)
    except Resolver404:
        return False
    return match.view_name in SITE_PAGES and not parts.query and not parts.fragment


def test_every_kind_of_email_is_covered(every_email):
    _, rendered, _ = every_email
    templates = {
        path.name
        for path in EMAIL_TEMPLATES.iterdir()
        if not path.name.startswith("_") and not path.name.endswith("_subject.txt")
    }
    assert templates - rendered == set(), "an email kind this test does not send"


def test_no_email_tracks_its_reader(every_email):
    kinds, _, update = every_email
    problems = []
    for kind, messages in kinds.items():
        for message in messages:
            html = Parsed(message.alternatives[0][0])
            # An open pixel is an image (1x1 or not): our emails load nothing at all.
            problems += [f"{kind} {message.to}: loads {load}" for load in html.loads]
            links = [*html.links, *URL.findall(message.body)]
            links += URL.findall(message.extra_headers.get("List-Unsubscribe", ""))
            problems += [
                f"{kind} {message.to}: {link} is not its real destination"
                for link in links
                if not real_destination(link.replace("?subject=unsubscribe%20", "?"), update)
                and not link.startswith(f"mailto:unsubscribe@{DOMAIN}")
            ]
            assert html.links, f"{kind}: no link checked"
    assert problems == []


def test_the_updates_own_links_reach_the_reader_as_written(every_email):
    kinds, _, _ = every_email
    for message in kinds["update"]:
        assert Parsed(message.alternatives[0][0]).links[:2] == WRITTEN


def test_every_message_id_is_on_the_sending_domain_and_unique(every_email):
    kinds, _, _ = every_email
    seen = []
    for kind, messages in kinds.items():
        for message in messages:
            # The bytes a mail server receives (an update's are prebuilt, see UpdateRenderer).
            sent = email.message_from_bytes(message.message().as_bytes())
            message_id = sent["Message-ID"].strip()  # unfolded
            assert re.fullmatch(rf"<[^@<>\s]+@{re.escape(DOMAIN)}>", message_id), (kind, message_id)
            seen.append(message_id)
    assert len(seen) == len(set(seen)) == sum(len(m) for m in kinds.values())


def test_one_click_unsubscribe_goes_with_every_message_to_a_subscriber(every_email):
    kinds, _, _ = every_email
    for kind in ("confirm", "welcome", "already_subscribed", "new_link", "update", "digest"):
        for message in kinds[kind]:
            assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
            assert message.extra_headers["List-Unsubscribe"].startswith(f"<{SITE}/")


def test_the_sender_report_names_the_domain_and_the_provider_and_no_secret(settings):
    settings.DEFAULT_FROM_EMAIL = f"Clean Industry Initiative <updates@{DOMAIN}>"
    settings.EMAIL_BACKEND = "anymail.backends.postmark.EmailBackend"
    settings.ANYMAIL = {"POSTMARK_SERVER_TOKEN": "server-token-secret"}
    out, err = io.StringIO(), io.StringIO()
    call_command("email_sender_report", stdout=out, stderr=err)
    report = out.getvalue()
    assert f"Sending domain         {DOMAIN}" in report
    assert "django-anymail: postmark" in report
    assert "List-Unsubscribe-Post  List-Unsubscribe=One-Click" in report
    assert f"_dmarc.{DOMAIN}" in report
    assert "secret" not in report + err.getvalue()
    assert err.getvalue() == ""

    settings.DEFAULT_FROM_EMAIL = "Clean Industry Initiative <cleanindustry@localhost>"
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "smtp.example.gov", 587, True
    settings.EMAIL_HOST_PASSWORD = "smtp-password-secret"
    out, err = io.StringIO(), io.StringIO()
    call_command("email_sender_report", stdout=out, stderr=err)
    assert "SMTP: smtp.example.gov:587 STARTTLS" in out.getvalue()
    assert "'localhost' cannot be authenticated" in err.getvalue()
    assert "secret" not in out.getvalue() + err.getvalue()


def html_part(message) -> str:
    return next(body for body, kind in message.alternatives if kind == "text/html")


def reader_language(message) -> str:
    """The language of the subscriber a message went to: the fixture puts it in the address
    ("reader-vi@...", "moved-ar@...")."""
    local = message.to[0].split("@")[0]
    return local.split("-", 1)[1]


def test_every_kind_of_email_is_in_its_readers_language_and_direction(every_email):
    kinds, _, _ = every_email
    seen = set()
    for kind, messages in kinds.items():
        for message in messages:
            if message.to == ["staff@example.org"]:
                continue  # the staff's test copies: one per language, checked below
            # "This address is taken" goes to the address of another subscriber, in the
            # language of the one who asked (the first reader, in English).
            code = "en" if kind == "email_taken" else reader_language(message)
            direction = "rtl" if code == "ar" else "ltr"
            assert f'<html lang="{code}" dir="{direction}">' in html_part(message), (kind, code)
            with translation.override(code):
                footer = translation.gettext("Manage your updates")
            if kind in {"update", "digest"}:
                assert footer in html_part(message), (kind, code)
            seen.add(code)
    assert seen == set(LANGUAGES)
    copies = {re.search(r'<html lang="([^"]+)"', html_part(m))[1] for m in kinds["test copy"]}
    assert copies == set(LANGUAGES)


def test_an_update_in_english_only_tells_other_readers_in_their_language(every_email):
    kinds, _, _ = every_email
    for message in kinds["update"] + kinds["digest"]:
        code = reader_language(message)
        with translation.override(code):
            note = translation.gettext(
                "This update has not been translated into your language yet, so it is in "
                "English. For free interpretation, call %(phone)s."
            ) % {"phone": django_settings.LANGUAGE_ACCESS_PHONE}
        if code == "en":
            assert "not been translated" not in message.body
            continue
        assert note in message.body, code
        assert note[:15] in html_part(message), code
