"""Email updates in the subscriber's language (English, or Spanish at /es/).

The language is chosen at sign-up (default: the page's, from its URL) and on the manage page;
every email is then written in it: text, subject, links to the pages in that language,
Content-Language and the HTML lang. An update carries both languages, and falls back to the
English text where the Spanish is empty. Every email also carries the language-access line in
every language the portal speaks."""

import re
from datetime import datetime, timedelta
from email import message_from_bytes, policy

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission, User
from django.core import mail
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone, translation
from django.utils.html import escape

from pages.language_access import language_access_lines
from subscriptions import emails, services
from subscriptions.models import Subscriber, Topic, Update
from tests.factories import give_second_factor

from .conftest import make_subscriber

pytestmark = pytest.mark.django_db

SITE = "https://portal.example.org"
SPANISH_SUBJECT = "Estudio del polo publicado"
SPANISH_BODY = "<p>El estudio del <strong>polo</strong> ya salió.</p>"
SPANISH_TEXT = "El estudio del polo ya salió."
LANGUAGE_ERROR = "Choose one of the languages offered for the emails."
LANGUAGE_ERROR_ES = "Elija uno de los idiomas que ofrecemos para los correos."
ROLE = {"en": "email", "es": "correo electrónico"}  # the email's aria-roledescription


# --- Helpers -----------------------------------------------------------------------------------


def html_of(message) -> str:
    (html, mimetype) = message.alternatives[0]
    assert mimetype == "text/html"
    return html


def portal_paths(text: str) -> set[str]:
    return set(re.findall(rf"{re.escape(SITE)}(/[^\s\"'<>]*)", text))


def assert_written_in(message, language: str) -> None:
    """The message says it is in `language`, and its links lead to the pages in it (bar the
    language-access contact link of each other language)."""
    assert message.extra_headers["Content-Language"] == language
    html = html_of(message)
    assert f'<html lang="{language}" dir="ltr">' in html
    assert f'aria-roledescription="{ROLE[language]}" lang="{language}"' in html
    contact = {line.contact_url for line in language_access_lines()}
    for path in portal_paths(message.body) | portal_paths(html):
        if path in contact:
            continue
        assert path.startswith("/es/") == (language == "es"), path
    unsubscribe = message.extra_headers.get("List-Unsubscribe")
    if unsubscribe:
        prefix = "/es/updates/unsubscribe/" if language == "es" else "/updates/unsubscribe/"
        assert unsubscribe.startswith(f"<{SITE}{prefix}")


def assert_language_access(message) -> None:
    """The language-access line in every language, in the plain text (with the absolute contact
    address) and in the HTML (a link, marked with its language)."""
    html = html_of(message)
    lines = language_access_lines()
    assert [line.code for line in lines] == [code for code, _ in settings.LANGUAGES]
    for line in lines:
        assert f"{line.text} {SITE}{line.contact_url}" in message.body
        link = f'<a href="{SITE}{line.contact_url}">{escape(line.text)}</a>'
        direction = "rtl" if line.bidi else "ltr"
        assert f'<li lang="{line.code}" dir="{direction}">{link}</li>' in html


@pytest.fixture(autouse=True)
def _every_email_has_the_language_access_lines():
    yield
    for message in mail.outbox:
        assert_language_access(message)


def sign_up(client, path, data, capture):
    with capture(execute=True):
        return client.post(path, data, REMOTE_ADDR="10.0.0.1")


def send(update, capture):
    with capture(execute=True):
        services.send_update(update=update)


def in_spanish(update):
    update.subject_es = SPANISH_SUBJECT
    update.body_html_es = SPANISH_BODY
    update.save()
    return update


def selected_language(html: str, select_id: str) -> str:
    select = re.search(rf'<select[^>]*id="{select_id}"[^>]*>(.*?)</select>', html, re.S)[1]
    (chosen,) = re.findall(r'<option value="(\w+)"[^>]*\bselected\b', select)
    return chosen


def by_recipient():
    return {message.to[0]: message for message in mail.outbox}


@pytest.fixture
def publisher(db):
    user = User.objects.create_user(
        "publisher", "publisher@example.org", "pw", is_staff=True, is_superuser=True
    )
    user.user_permissions.add(Permission.objects.get(codename="send_update"))
    return give_second_factor(user)


# --- Choosing the language ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "language", "subject", "sentence", "welcome"),
    [
        ("", "en", "Confirm your Clean Industry email updates",
         "To confirm, open this link and press the button on the page:",
         "Welcome to Clean Industry email updates"),
        ("/es", "es", "Confirme sus novedades por correo electrónico de Industria Limpia",
         "Para confirmar, abra este enlace y presione el botón de la página:",
         "Bienvenido/a a las novedades por correo electrónico de Industria Limpia"),
    ],
)  # fmt: skip
def test_a_sign_up_is_confirmed_and_welcomed_in_the_language_of_its_page(
    client, topic, django_capture_on_commit_callbacks, prefix, language, subject, sentence, welcome
):
    page = client.get(f"{prefix}/updates/subscribe/").content.decode()
    assert selected_language(page, "id_language") == language  # the page's language first
    data = {"email": "new@example.org", "topics": [topic.key], "frequency": "immediately"}
    response = sign_up(
        client, f"{prefix}/updates/subscribe/", {**data, "language": language},
        django_capture_on_commit_callbacks,
    )  # fmt: skip
    assert response["Location"] == f"{prefix}/updates/subscribe/check-your-inbox/"
    subscriber = Subscriber.objects.get()
    assert subscriber.language == language
    with translation.override(language):  # the consent words as the visitor read them
        assert subscriber.consent_text == str(services.CONSENT_TEXT)

    (confirmation,) = mail.outbox
    assert confirmation.subject == subject
    assert sentence in confirmation.body
    assert_written_in(confirmation, language)
    link = re.search(rf"{re.escape(SITE)}(/(?:es/)?updates/confirm/\S+/)", confirmation.body)[1]
    assert link.startswith(f"{prefix}/updates/confirm/")
    assert f'href="{SITE}{link}"' in html_of(confirmation)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link)
    assert response["Location"] == f"{prefix}/updates/manage/{subscriber.token}/"
    welcome_message = mail.outbox[-1]
    assert welcome_message.subject == welcome
    assert_written_in(welcome_message, language)
    assert f"{SITE}{prefix}/updates/manage/{subscriber.token}/" in welcome_message.body


def test_the_spanish_pages_and_emails_are_in_spanish(
    client, topic, django_capture_on_commit_callbacks
):
    data = {"email": "nueva@example.org", "topics": [topic.key], "frequency": "weekly"}
    sign_up(client, "/es/updates/subscribe/", data, django_capture_on_commit_callbacks)
    (confirmation,) = mail.outbox
    html = html_of(confirmation)
    assert "Alguien, probablemente usted, pidió recibir novedades" in confirmation.body
    assert "El enlace funciona durante 7 días." in confirmation.body
    assert "Confirmar mi suscripción" in html
    assert "Someone" not in confirmation.body + html
    page = client.get("/es/updates/subscribe/check-your-inbox/").content.decode()
    assert "Revise su bandeja de entrada" in page


def test_a_form_without_a_language_field_signs_up_in_the_language_of_its_url(
    client, topic, django_capture_on_commit_callbacks
):
    # The follow form and older cached pages send no language: the URL's is used.
    data = {"email": "sigue@example.org", "topics": [topic.key], "frequency": "immediately"}
    sign_up(client, "/es/updates/subscribe/", data, django_capture_on_commit_callbacks)
    assert Subscriber.objects.get().language == "es"
    assert mail.outbox[0].extra_headers["Content-Language"] == "es"


def test_an_english_page_can_sign_up_for_spanish_emails(
    client, topic, django_capture_on_commit_callbacks
):
    data = {"email": "a@example.org", "topics": [topic.key], "frequency": "immediately"}
    data["language"] = "es"
    sign_up(client, "/updates/subscribe/", data, django_capture_on_commit_callbacks)
    assert Subscriber.objects.get().language == "es"
    assert_written_in(mail.outbox[0], "es")


def test_the_footer_and_follow_forms_default_to_the_language_of_the_url_not_a_cookie(client, topic):
    client.cookies["django_language"] = "es"
    english = client.get("/updates/").content.decode()
    assert selected_language(english, "footer-signup-language") == "en"
    assert '<label class="form-label" for="footer-signup-language">' in english
    spanish = client.get("/es/updates/").content.decode()
    assert selected_language(spanish, "footer-signup-language") == "es"
    assert '<option value="es" lang="es" selected>Español</option>' in spanish
    assert "Idioma de los correos" in spanish

    Topic.objects.create(key="action:hub", slug="hub", title="Build a hub", kind="action")
    tag = Template('{% load subscriptions %}{% follow_form "action:hub" %}')
    request = RequestFactory().get("/roadmap/hub/")
    for language in ["en", "es"]:
        with translation.override(language):
            html = tag.render(Context({"request": request}))
        assert selected_language(html, "follow-hub-language") == language
        assert '<label class="form-label" for="follow-hub-language">' in html


def test_an_invalid_language_is_refused_with_a_clear_message_and_changes_nothing(
    client, topic, other_topic, confirmed_subscriber, django_capture_on_commit_callbacks
):
    data = {"email": "new@example.org", "topics": [topic.key], "frequency": "weekly"}
    data["language"] = "xx"
    response = sign_up(client, "/updates/subscribe/", data, django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert LANGUAGE_ERROR in response.content.decode()
    assert not Subscriber.objects.filter(email="new@example.org").exists()
    assert mail.outbox == []

    token = confirmed_subscriber.token
    change = {"topics": [other_topic.pk], "frequency": "weekly"}
    for prefix, message in [("", LANGUAGE_ERROR), ("/es", LANGUAGE_ERROR_ES)]:
        response = client.post(f"{prefix}/updates/manage/{token}/", {**change, "language": "xx"})
        assert response.status_code == 400
        page = response.content.decode()
        assert message in page
        assert 'id="error-summary"' in page
        assert 'href="#id_language"' in page  # the summary leads to the field
    confirmed_subscriber.refresh_from_db()
    assert confirmed_subscriber.language == "en"
    assert confirmed_subscriber.frequency == Subscriber.Frequency.IMMEDIATELY
    assert list(confirmed_subscriber.topics.all()) == [topic]


def test_the_manage_page_changes_the_language_and_the_next_email_follows_it(
    client, topic, update, confirmed_subscriber, django_capture_on_commit_callbacks
):
    token = confirmed_subscriber.token
    page = client.get(f"/updates/manage/{token}/").content.decode()
    assert selected_language(page, "id_language") == "en"
    assert '<option value="es" lang="es">Español</option>' in page
    choices = {"topics": [topic.pk], "frequency": "immediately"}
    response = client.post(f"/updates/manage/{token}/", {**choices, "language": "es"})
    assert response.status_code == 302
    assert response["Location"] == f"/es/updates/manage/{token}/"  # the page follows, too
    assert "Sus opciones se guardaron." in client.get(response["Location"]).content.decode()
    confirmed_subscriber.refresh_from_db()
    assert confirmed_subscriber.language == "es"

    send(in_spanish(update), django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert message.subject == SPANISH_SUBJECT
    assert_written_in(message, "es")

    client.post(f"/es/updates/manage/{token}/", {**choices, "language": "en"})
    sign_up(
        client, "/es/updates/subscribe/",
        {"email": confirmed_subscriber.email, "topics": [topic.key], "frequency": "weekly"},
        django_capture_on_commit_callbacks,
    )  # fmt: skip
    assert "already subscribed" in mail.outbox[-1].subject
    assert_written_in(mail.outbox[-1], "en")


# --- Every email in the subscriber's language -------------------------------------------------


def test_already_subscribed_is_written_in_the_subscribers_language_whatever_the_page(
    client, topic, django_capture_on_commit_callbacks
):
    spanish = make_subscriber("es@example.org", [topic], language="es")
    english = make_subscriber("en@example.org", [topic])
    data = {"topics": [topic.key], "frequency": "weekly"}
    sign_up(client, "/updates/subscribe/", {**data, "email": spanish.email, "language": "en"},
            django_capture_on_commit_callbacks)  # fmt: skip
    sign_up(client, "/es/updates/subscribe/", {**data, "email": english.email, "language": "es"},
            django_capture_on_commit_callbacks)  # fmt: skip
    messages = by_recipient()
    to_spanish, to_english = messages[spanish.email], messages[english.email]
    assert to_spanish.subject == (
        "Ya está suscrito a las novedades por correo electrónico de Industria Limpia"
    )
    assert "Usted ya está suscrito, así que nada ha cambiado." in to_spanish.body
    assert f"{SITE}/es/updates/manage/{spanish.token}/" in to_spanish.body
    assert_written_in(to_spanish, "es")
    assert to_english.subject == "You are already subscribed to Clean Industry email updates"
    assert f"{SITE}/updates/manage/{english.token}/" in to_english.body
    assert_written_in(to_english, "en")
    # Nothing changed for either of them: not their language either.
    assert Subscriber.objects.get(pk=spanish.pk).language == "es"
    assert Subscriber.objects.get(pk=english.pk).language == "en"


def test_an_update_reaches_each_subscriber_in_their_language(
    topic, update, django_capture_on_commit_callbacks
):
    in_spanish(update)
    spanish = make_subscriber("es@example.org", [topic], language="es")
    english = make_subscriber("en@example.org", [topic])
    send(update, django_capture_on_commit_callbacks)
    messages = by_recipient()

    to_spanish = messages[spanish.email]
    html = html_of(to_spanish)
    assert to_spanish.subject == SPANISH_SUBJECT
    assert SPANISH_TEXT in to_spanish.body
    assert "<strong>polo</strong>" in html
    assert "hub" not in to_spanish.body + html
    assert f"{SITE}/es/roadmap/" in to_spanish.body  # the linked page, in Spanish
    assert f"{SITE}/es/updates/{update.pk}/" in to_spanish.body
    assert f"{SITE}/es/updates/manage/{spanish.token}/" in to_spanish.body
    assert f'href="{SITE}/es/updates/unsubscribe/{spanish.token}/"' in html
    assert "Recibe este correo porque es@example.org se suscribió" in to_spanish.body
    assert ' lang="en"' not in html.split("<hr")[0]  # nothing shown in English
    assert_written_in(to_spanish, "es")

    to_english = messages[english.email]
    assert to_english.subject == "Hub study published"
    assert "The hub study is out." in to_english.body
    assert f"{SITE}/updates/manage/{english.token}/" in to_english.body
    assert_written_in(to_english, "en")

    # The bytes an SMTP backend sends are the batch's serialized copy for that language.
    for subscriber, message in [(spanish, to_spanish), (english, to_english)]:
        assert message.serialized is not None
        data = message.message().as_bytes()
        assert subscriber.token.encode() in data and subscriber.email.encode() in data
        assert emails.UpdateRenderer.TOKEN.encode() not in data
        assert f"Content-Language: {subscriber.language}".encode() in data
    assert SPANISH_TEXT.encode() in to_spanish.message().as_bytes()


@pytest.mark.parametrize("spanish_subject", ["", "Estudio publicado"])
def test_a_spanish_subscriber_gets_the_english_text_where_the_spanish_is_empty(
    topic, update, django_capture_on_commit_callbacks, spanish_subject
):
    update.subject_es = spanish_subject
    update.save()
    assert not update.body_text_es  # no Spanish body, so no Spanish plain text made from it
    make_subscriber("es@example.org", [topic], language="es")
    send(update, django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    html = html_of(message)
    assert message.subject == (spanish_subject or "Hub study published")
    assert "The hub study is out." in message.body  # body_text falls back too
    assert '<div lang="en"><p>The <strong>hub</strong> study is out.</p></div>' in html
    heading = re.search(r"<h1[^>]*>", html)[0]
    assert (' lang="en"' in heading) == (not spanish_subject)
    assert "Recibe este correo porque" in message.body  # the rest is Spanish
    assert_written_in(message, "es")


def test_the_weekly_digest_is_in_each_subscribers_language(
    topic, update, django_capture_on_commit_callbacks
):
    in_spanish(update)
    english_only = Update.objects.create(subject="Tour dates set", body_html="<p>Dates.</p>")
    english_only.topics.set([topic])
    spanish = make_subscriber("es@example.org", [topic], language="es", frequency="weekly")
    english = make_subscriber("en@example.org", [topic], frequency="weekly")
    wednesday = timezone.make_aware(datetime(2026, 11, 18, 10))
    Update.objects.filter(pk__in=[update.pk, english_only.pk]).update(
        status=Update.Status.SENT, sent_at=wednesday
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.send_weekly_digest(now=timezone.make_aware(datetime(2026, 11, 23, 8)))
    messages = by_recipient()

    to_spanish = messages[spanish.email]
    html = html_of(to_spanish)
    assert to_spanish.subject == (
        "Novedades de Industria Limpia de la semana (16 de noviembre de 2026)"
    )
    assert f"== {SPANISH_SUBJECT} ==" in to_spanish.body and SPANISH_TEXT in to_spanish.body
    assert "== Tour dates set ==" in to_spanish.body  # no Spanish: the English
    assert '<h2 style="font-size:18px" lang="en">Tour dates set</h2>' in html
    assert f"Leer: {SITE}/es/updates/{update.pk}/" in to_spanish.body
    assert "Recibe este resumen semanal porque" in to_spanish.body
    assert_written_in(to_spanish, "es")

    to_english = messages[english.email]
    assert to_english.subject == "This week's Clean Industry updates (November 16, 2026)"
    assert "== Hub study published ==" in to_english.body
    assert f"Read it: {SITE}/updates/{update.pk}/" in to_english.body
    assert_written_in(to_english, "en")


def test_a_batch_renders_an_update_once_per_language(topic, update):
    in_spanish(update)
    renderer = emails.UpdateRenderer(update)
    renders = []
    original = renderer.html.render
    renderer.html.render = lambda context: renders.append(1) or original(context)
    subscribers = [
        make_subscriber(f"s{n}@example.org", [topic], language=["en", "es"][n % 2])
        for n in range(6)
    ]
    messages = [renderer.message(s, message_id=f"<{n}@x>") for n, s in enumerate(subscribers)]
    assert len(renders) == 2
    assert [m.subject for m in messages] == ["Hub study published", SPANISH_SUBJECT] * 3
    assert [m.extra_headers["Content-Language"] for m in messages] == ["en", "es"] * 3


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES])
def test_in_every_language_a_message_is_the_batchs_copy_with_the_subscribers_values(
    topic, update, code
):
    """A bulletin is serialized once per language, and each message's bytes are that copy with
    the subscriber's address, token, Message-ID and Date swapped in: the footer's eleven
    language-access lines must leave every line short (past 998 bytes a part goes
    quoted-printable, which the swap cannot follow) and the result must say what a message
    built from scratch says."""
    subscriber = make_subscriber(f"reader.{code}@example.org", [topic], language=code)
    message = emails.UpdateRenderer(update).message(
        subscriber, message_id="<update-1.delivery-1@portal.example.org>"
    )
    assert message.serialized is not None
    swapped = message.message().as_bytes(linesep="\r\n")
    assert max(len(line) for line in swapped.split(b"\r\n")) <= 998
    assert b"quoted-printable" not in swapped.lower()
    message.serialized = None
    built = message.message().as_bytes(linesep="\r\n")
    ours, djangos = (message_from_bytes(data, policy=policy.default) for data in (swapped, built))
    for header in ["Subject", "From", "To", "Message-ID", "Content-Language", "List-Id",
                   "List-Unsubscribe", "List-Unsubscribe-Post"]:  # fmt: skip
        assert ours[header] == djangos[header], header
    assert subscriber.token in ours["List-Unsubscribe"] and ours["To"] == subscriber.email
    assert abs(ours["Date"].datetime - djangos["Date"].datetime) < timedelta(minutes=1)
    for part in ["plain", "html"]:
        text = ours.get_body((part,)).get_content()
        assert text == djangos.get_body((part,)).get_content()
        assert subscriber.token in text and emails.UpdateRenderer.TOKEN not in text
    assert_language_access(message)


def test_a_subscriber_language_no_longer_offered_gets_the_default(
    topic, update, django_capture_on_commit_callbacks
):
    make_subscriber("old@example.org", [topic], language="de")
    send(update, django_capture_on_commit_callbacks)
    assert_written_in(mail.outbox[0], "en")


# --- Both languages in an update ---------------------------------------------------------------


def test_the_plain_text_body_is_made_per_language(topic):
    update = Update.objects.create(subject="Hub news", body_html="<p>English news</p>")
    assert (update.body_text_en, update.body_text_es) == ("English news", "")
    update.body_html_es = "<p><br></p>"  # an editor's leftover: no translation
    update.save()
    assert (update.body_html_es, update.body_text_es) == ("", "")
    with translation.override("es"):
        assert update.body_text == "English news"
        update.body_html_es = "<p>Noticias en español</p>"
        update.save()
        assert update.body_text == "Noticias en español"
    assert update.body_text_en == "English news"  # the English was not touched


def test_staff_write_english_and_optionally_spanish(client, publisher, topic):
    client.force_login(publisher)
    form = client.get("/admin/subscriptions/update/add/").content.decode()
    assert 'name="subject_en"' in form and 'name="subject_es"' in form
    assert 'name="body_html_es"' in form and 'name="subject"' not in form
    refused = client.post(
        "/admin/subscriptions/update/add/",
        {"subject_es": "Solo en español", "body_html_es": "<p>Hola</p>", "topics": [topic.pk]},
    )
    assert refused.status_code == 200 and not Update.objects.exists()  # English is required
    response = client.post(
        "/admin/subscriptions/update/add/",
        {"subject_en": "Hub news", "body_html_en": "<p>News</p>", "subject_es": "Noticias",
         "body_html_es": "<p>Noticias <script>x</script>del polo</p>", "topics": [topic.pk]},
    )  # fmt: skip
    assert response.status_code == 302
    update = Update.objects.get()
    assert (update.subject_en, update.subject_es) == ("Hub news", "Noticias")
    assert (update.body_text_en, update.body_text_es) == ("News", "Noticias del polo")
    assert "<script>" not in update.body_html_es  # sanitised like the English


def test_staff_preview_and_test_each_language(
    client, publisher, topic, update, confirmed_subscriber
):
    in_spanish(update)
    make_subscriber("es@example.org", [topic], language="es")
    client.force_login(publisher)
    base = f"/admin/subscriptions/update/{update.pk}"
    change = client.get(f"{base}/change/").content.decode()
    assert f"{base}/preview/email/?language=es" in change
    assert f"{base}/preview/web/?language=es" in change
    assert "English: 1 subscriber" in change and "Español: 1 subscriber" in change

    email_es = client.get(f"{base}/preview/email/?language=es").content.decode()
    assert "<strong>polo</strong>" in email_es and '<html lang="es" dir="ltr">' in email_es
    email_en = client.get(f"{base}/preview/email/").content.decode()
    assert "<strong>hub</strong>" in email_en and '<html lang="en" dir="ltr">' in email_en
    web_es = client.get(f"{base}/preview/web/?language=es").content.decode()
    assert SPANISH_SUBJECT in web_es and '<html lang="es" dir="ltr">' in web_es

    client.post(f"{base}/test/")  # the default: one copy in each language
    copies = len(settings.LANGUAGES)
    assert [(m.to, m.subject) for m in mail.outbox][:2] == [
        (["publisher@example.org"], "[TEST] [English] Hub study published"),
        (["publisher@example.org"], f"[TEST] [Español] {SPANISH_SUBJECT}"),
    ]
    assert [m.extra_headers["Content-Language"] for m in mail.outbox] == [
        code for code, _ in settings.LANGUAGES
    ]
    assert_written_in(mail.outbox[1], "es")
    client.post(f"{base}/test/", {"language": "es"})
    assert len(mail.outbox) == copies + 1
    assert mail.outbox[-1].extra_headers["Content-Language"] == "es"
    client.post(f"{base}/test/", {"language": "xx"})
    assert len(mail.outbox) == copies + 1


def test_the_web_archive_shows_spanish_at_es_with_the_same_fallback(client, topic, update):
    in_spanish(update)
    english_only = Update.objects.create(subject="Tour dates set", body_html="<p>Dates.</p>")
    english_only.topics.set([topic])
    Update.objects.update(status=Update.Status.SENT, sent_at=timezone.now())

    archive = client.get("/es/updates/").content.decode()
    assert '<html lang="es" dir="ltr">' in archive
    assert SPANISH_SUBJECT in archive and SPANISH_TEXT in archive
    heading = r'<h2 class="h4" id="update-\d+" lang="en"><a [^>]*>Tour dates set</a>'
    assert re.search(heading, archive)

    detail = client.get(f"/es/updates/{update.pk}/").content.decode()
    assert f'<h1 id="update-title">{SPANISH_SUBJECT}</h1>' in detail
    assert "<strong>polo</strong>" in detail
    assert "translation-notice" not in detail
    fallback = client.get(f"/es/updates/{english_only.pk}/").content.decode()
    assert '<h1 id="update-title" lang="en">Tour dates set</h1>' in fallback
    assert "translation-notice" in fallback
    english = client.get(f"/updates/{update.pk}/").content.decode()
    assert "Hub study published" in english and SPANISH_SUBJECT not in english

    feed = client.get("/es/updates/feed/").content.decode()
    assert "Iniciativa de Industria Limpia: novedades por correo electrónico" in feed
    assert SPANISH_SUBJECT in feed and 'xml:lang="es"' in feed


def test_the_sending_panel_says_when_an_update_is_not_written_in_a_recipients_language(
    client, publisher, topic, update
):
    make_subscriber("es@example.org", [topic], language="es")
    client.force_login(publisher)
    url = f"/admin/subscriptions/update/{update.pk}/change/"
    warning = "Español: 1 subscriber <strong>(not fully written in this language yet"
    assert warning in client.get(url).content.decode()
    update.subject_es = SPANISH_SUBJECT
    update.save()
    assert warning in client.get(url).content.decode()  # the body is still English only
    in_spanish(update)
    page = client.get(url).content.decode()
    assert "Español: 1 subscriber</li>" in page and warning not in page
