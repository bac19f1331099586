"""The site shell's pages (pages/views.py) in English and Spanish: the home page with the
navigation and footer around every page, About, the contact form and its thanks, and the
accessibility statement."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse

from pages.models import ContactMessage, Page, PageSection
from tests.core.test_cache import read, rendered
from tests.languages import NOTICE, get, localised
from tests.outline import assert_accessible

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]

# Every interface text of the shell: the main navigation...
NAV = {
    "en": {
        "/about/": "About",
        "/exchange/": "Denmark exchange",
        "/assessment/": "Assessment",
        "/roadmap/": "Roadmap",
        "/updates/": "Updates",
        "/contact/": "Contact",
    },
    "es": {
        "/es/about/": "Acerca de",
        "/es/exchange/": "Intercambio con Dinamarca",
        "/es/assessment/": "Evaluación",
        "/es/roadmap/": "Hoja de ruta",
        "/es/updates/": "Novedades",
        "/es/contact/": "Contacto",
    },
}
# ...and the footer's links.
FOOTER = {
    "en": {
        "/partners/": "Partners",
        "/contact/": "Contact us",
        "/updates/": "Past email updates",
        "/data/": "Open data",
        "/accessibility/": "Accessibility statement",
    },
    "es": {
        "/es/partners/": "Socios",
        "/es/contact/": "Contáctenos",
        "/es/updates/": "Novedades anteriores por correo electrónico",
        "/es/data/": "Datos abiertos",
        "/es/accessibility/": "Declaración de accesibilidad",
    },
}


@pytest.fixture
def about_in_english_only(content):
    """The initiative's content with its About page not translated yet: the loader writes
    Spanish for it, taken away here; tests that want Spanish set their own."""
    Page.objects.filter(slug="about").update(title_es="", summary_es="", image_description_es="")
    PageSection.objects.update(heading_es="", body_es="")


def nav_link(html: str, href: str) -> str:
    """The <a> of the main navigation that points at `href`."""
    nav = re.search(r'<nav class="navbar.*?</nav>', html, re.S).group(0)
    return re.search(rf'<a class="nav-link" href="{re.escape(href)}"[^>]*>[^<]*</a>', nav).group(0)


def footer(html: str) -> str:
    return html[html.index("<footer") :]


# --- The home page and the shell around every page -------------------------------------------


def test_home_page_links_to_every_section(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for url in ["/about/", "/exchange/", "/assessment/", "/roadmap/", "/updates/", "/contact/"]:
        assert f'href="{url}"' in html
    assert html.count("<h1") == 1
    assert 'href="#main"' in html  # skip link


HOME = {
    "en": {
        "texts": (
            'href="#main">Skip to main content</a>',
            'aria-label="Main"',
            'aria-label="Menu"',
            '<h1 id="intro-heading">Building a clean industry hub in Portland</h1>',
            "<title>Home · Portland Clean Industry Initiative</title>",
            'content="Clean Industry Portal"',  # og:site_name
            # The search box searches in the page's language.
            'action="/search/"',
            'placeholder="Search"',
            ">Search the portal</label>",
        ),
        "footer_heading": '<h2 class="h5">Clean Industry Initiative</h2>',
        "other_language": (
            "Saltar al contenido principal",
            ">Acerca de</a>",
            ">Contáctenos</a>",
            "Buscar en el portal",
        ),
    },
    "es": {
        "texts": (
            'href="#main">Saltar al contenido principal</a>',
            'aria-label="Principal"',
            'aria-label="Menú"',
            '<h1 id="intro-heading">Construimos un polo de industria limpia en Portland</h1>',
            "<title>Inicio · Iniciativa de Industria Limpia de Portland</title>",
            'content="Portal de Industria Limpia"',
            'action="/es/search/"',
            'placeholder="Buscar"',
            ">Buscar en el portal</label>",
        ),
        "footer_heading": '<h2 class="h5">Iniciativa de Industria Limpia</h2>',
        "other_language": (
            "Skip to main content",
            ">About</a>",
            ">Contact us</a>",
            "Search the portal",
        ),
    },
}


def test_home_page_speaks_the_page_language(client, language):
    words = HOME[language]

    _, html = get(client, "/", language)

    for text in words["texts"]:
        assert text in html
    for href, text in NAV[language].items():
        assert nav_link(html, href).endswith(f">{text}</a>")
    for href, text in FOOTER[language].items():
        assert f'<a href="{href}">{text}</a>' in footer(html)
    assert words["footer_heading"] in footer(html)
    for other in words["other_language"]:
        assert other not in html


def test_the_navigation_marks_the_current_section_only(client, content, language):
    for href in NAV[language]:
        response = client.get(href)
        assert response.status_code == 200, href
        html = response.content.decode()
        assert 'aria-current="page"' in nav_link(html, href)
        others = [nav_link(html, other) for other in NAV[language] if other != href]
        assert not any('aria-current="page"' in link for link in others), href
    # The partners page is not marked as the exchange (nor as anything else).
    _, html = get(client, "/partners/", language)
    assert all('aria-current="page"' not in nav_link(html, href) for href in NAV[language])


# --- About -----------------------------------------------------------------------------------


def test_about_page_states_the_initiatives_facts(client, content):
    response = client.get("/about/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "22%" in html
    assert "2050" in html
    assert "Climate Emergency Workplan" in html
    assert 'href="#background"' in html  # "On this page" navigation
    assert html.count("<h1") == 1


def test_a_draft_page_is_not_public(client, content):
    Page.objects.filter(slug="about").update(status=Page.Status.DRAFT)
    assert client.get("/about/").status_code == 404


def test_untranslated_about_page_says_so_and_marks_english_text(client, about_in_english_only):
    response, html = get(client, "/about/", "es")
    assert NOTICE in html
    assert '<a href="/about/" hreflang="en" lang="en">' in html
    assert re.search(r"<h1 lang=\"en\">About the Clean Industry Initiative</h1>", html)
    assert '<h2 id="toc-heading" class="h5">En esta página</h2>' in html
    assert '<h2 id="background" lang="en">' in html
    assert_accessible(response)


ABOUT_HEADING = {
    "en": "<h1>About the Clean Industry Initiative</h1>",
    "es": "<h1>Acerca de la Iniciativa de Industria Limpia</h1>",
}


def test_an_about_page_in_the_page_language_has_no_notice_and_no_english_marks(
    client, about_in_english_only, language
):
    if language == "es":
        Page.objects.filter(slug="about").update(
            title_es="Acerca de la Iniciativa de Industria Limpia", summary_es="Una colaboración."
        )
        for section in PageSection.objects.all():
            section.heading_es = f"Sección {section.pk}"
            section.body_es = "<p>Texto en español.</p>"
            section.save()

    _, html = get(client, "/about/", language)

    assert "translation-notice" not in html
    assert ABOUT_HEADING[language] in html
    main = html[html.index("<main") : html.index("</main>")]
    assert 'lang="en"' not in main


def test_about_page_with_one_untranslated_section_still_says_so(client, about_in_english_only):
    Page.objects.filter(slug="about").update(title_es="Acerca de", summary_es="Una colaboración.")
    sections = list(PageSection.objects.all())
    for section in sections[1:]:
        section.heading_es, section.body_es = "Sección", "<p>Texto.</p>"
        section.save()
    _, html = get(client, "/about/", "es")
    assert "translation-notice" in html
    assert f'<h2 id="{sections[0].anchor}" lang="en">' in html


def test_the_about_page_reads_only_the_page_once_its_sections_are_cached(content):
    html, tables = read("/about/")
    assert PageSection._meta.db_table in tables
    assert 'href="#background"' in html
    again, tables = read("/about/")
    assert tables == {Page._meta.db_table}  # one query: the page, with its image
    assert again == html


def test_an_about_sections_edit_and_translation_show_at_once(about_in_english_only):
    page = Page.objects.get(slug="about")
    page.title_es, page.summary_es = "Acerca de", "Una colaboración."
    page.save()
    tagged = rendered("/es/about/?utm_source=newsletter")
    assert NOTICE in tagged and 'href="/about/?utm_source=newsletter" hreflang="en"' in tagged
    assert NOTICE in rendered("/es/about/")
    sections = list(PageSection.objects.all())
    for section in sections:
        section.heading_es, section.body_es = f"Sección {section.pk}", "<p>Texto.</p>"
        section.save()
    spanish = rendered("/es/about/")
    assert NOTICE not in spanish and f"Sección {sections[0].pk}" in spanish
    assert NOTICE not in rendered("/es/about/?utm_source=newsletter")
    sections[0].heading_en = "Where the initiative began"
    sections[0].save()
    assert "Where the initiative began" in rendered("/about/")


# --- The contact form ------------------------------------------------------------------------

CONTACT = reverse("pages:contact")
THANKS = reverse("pages:contact-thanks")
CONTACT_FORM = {
    "en": (
        "<h1>Contact us</h1>",
        ("Name", "Email address", "Subject", "Your message"),
        "We only use it to answer you.",
        ">Send message</button>",
    ),
    "es": (
        "<h1>Contáctenos</h1>",
        ("Nombre", "Dirección de correo electrónico", "Asunto", "Su mensaje"),
        "Solo la usamos para responderle.",
        ">Enviar mensaje</button>",
    ),
}


def test_the_contact_form_speaks_the_page_language(client, language):
    heading, labels, email_help, button = CONTACT_FORM[language]

    _, html = get(client, CONTACT, language)

    assert heading in html
    assert f'action="{localised(CONTACT, language)}"' in html
    for label in labels:
        assert re.search(rf">\s*{label}<span", html), label
    assert email_help in html
    assert button in html


MESSAGES = {
    "en": {
        "name": "Ana",
        "email": "ana@example.org",
        "subject": "Question about the roadmap",
        "message": "When is the next update?",
    },
    "es": {
        "name": "Ana",
        "email": "ana@example.org",
        "subject": "Pregunta sobre la hoja de ruta",
        "message": "¿Cuándo es la próxima reunión?",
    },
}
THANK_YOU = {
    "en": (
        "<h1>Thank you, your message was sent</h1>",
        "The Clean Industry team will answer by email.",
    ),
    "es": (
        "<h1>Gracias, su mensaje se envió</h1>",
        "El equipo de Industria Limpia le responderá por correo electrónico.",
    ),
}


def test_contact_message_is_stored_thanked_in_the_page_language_and_staff_are_emailed_in_english(
    client, settings, django_capture_on_commit_callbacks, language
):
    settings.STAFF_NOTIFICATION_EMAILS = ["team@example.org"]
    data = MESSAGES[language]
    thanks = localised(THANKS, language)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(localised(CONTACT, language), data)

    assert response.status_code == 302
    assert response["Location"] == thanks
    message = ContactMessage.objects.get()
    assert (message.email, message.status) == ("ana@example.org", ContactMessage.Status.NEW)
    assert message.notified_at is not None
    _, html = get(client, THANKS, language)
    for text in THANK_YOU[language]:
        assert text in html
    # Staff read English, whatever the language of the form.
    (email,) = mail.outbox
    assert email.to == ["team@example.org"]
    assert email.subject == f"[Clean Industry Portal] Contact: {data['subject']}"
    assert email.body.startswith("A message arrived through the portal's contact form.")
    assert "From: Ana <ana@example.org>" in email.body
    assert data["message"] in email.body
    assert "Asunto:" not in email.body


CONTACT_ERRORS = {
    "en": (
        "<title>Error: Contact us · Portland Clean Industry Initiative</title>",
        "There is a problem with your message",
        '<a href="#id_name">Enter your name.</a>',
        '<a href="#id_email">Enter an email address in the form name@example.com.</a>',
    ),
    "es": (
        "<title>Error: Contáctenos · Iniciativa de Industria Limpia de Portland</title>",
        "Hay un problema con su mensaje",
        '<a href="#id_name">Escriba su nombre.</a>',
        '<a href="#id_email">Escriba una dirección de correo electrónico con el formato '
        "nombre@ejemplo.com.</a>",
    ),
}


OTHER_LANGUAGE_ERRORS = {
    "en": ("Escriba su nombre.", "Escriba una dirección de correo electrónico"),
    "es": ("Enter your name.", "Enter an email address"),
}


def test_invalid_contact_form_explains_in_the_page_language_and_keeps_what_was_typed(
    client, language
):
    data = {"name": "", "email": "not-an-address", "subject": "Hi", "message": "Kept text"}
    title, problem, name_error, email_error = CONTACT_ERRORS[language]

    response = client.post(localised(CONTACT, language), data)

    html = response.content.decode()
    assert response.status_code == 200
    assert title in html
    summary = re.search(r'<div class="alert alert-danger".*?</div>', html, re.S).group(0)
    assert problem in summary
    assert name_error in summary  # the error summary links to each field
    assert email_error in summary
    for other in OTHER_LANGUAGE_ERRORS[language]:
        assert other not in html
    assert "Kept text" in html and 'value="not-an-address"' in html
    assert ContactMessage.objects.count() == 0
    assert len(mail.outbox) == 0


def test_contact_subject_cannot_inject_headers(client, django_capture_on_commit_callbacks):
    data = {
        "name": "Eve",
        "email": "eve@example.org",
        "subject": "Hello\r\nBcc: victim@example.org",
        "message": "x",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("pages:contact"), data)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].bcc == []
    assert "\n" not in mail.outbox[0].subject


# --- The accessibility statement -------------------------------------------------------------

BARRIER = {
    "en": ("<h1>Accessibility statement</h1>", "Accessibility%20barrier", "Accessibility barrier"),
    "es": (
        "<h1>Declaración de accesibilidad</h1>",
        "Barrera%20de%20accesibilidad",
        "Barrera de accesibilidad",
    ),
}


def test_the_accessibility_barrier_link_suggests_a_subject_in_the_page_language(client, language):
    heading, quoted, subject = BARRIER[language]
    contact = localised(CONTACT, language)

    _, html = get(client, "/accessibility/", language)

    assert heading in html
    assert f'href="{contact}?subject={quoted}"' in html
    _, form = get(client, f"{CONTACT}?subject={quoted}", language)
    field = re.search(r'<input[^>]*name="subject"[^>]*>', form).group(0)
    assert f'value="{subject}"' in field


# --- The home page: what is new -----------------------------------------------------------


def sent_update(subject, days_ago=0):
    from django.utils import timezone

    from subscriptions.models import Update

    return Update.objects.create(
        subject=subject,
        body_html="<p>Body.</p>",
        status=Update.Status.SENT,
        sent_at=timezone.now() - datetime.timedelta(days=days_ago),
    )


def test_the_home_page_shows_what_is_new_from_the_database(client):
    from publishing import changes
    from tests.assessment.factories import IndicatorFactory, SourceFactory
    from tests.exchange.factories import EventFactory, at
    from tests.roadmap.factories import ActionFactory, ProgressNoteFactory

    sent_update("An older update", days_ago=30)
    latest = sent_update("Council work session recap")
    planned = ActionFactory(title="Map industrial land", progress="planned")
    ActionFactory(title="Pilot a shared heat network", progress="in_progress")
    ProgressNoteFactory(action=planned, date=datetime.date(2025, 2, 3), progress="planned")
    changes.record_major_change(planned, notes={"en": "Target date moved to autumn."})
    today = datetime.date.today()
    EventFactory(title="Last year's session", date=today - datetime.timedelta(days=365))
    soon = EventFactory(
        title="Clean industry work session",
        starts_at=at(today + datetime.timedelta(days=9), datetime.time(18)),
        ends_at=None,
        all_day=False,
        venue="Portland City Hall",
    )
    EventFactory(title="Later session", date=today + datetime.timedelta(days=40))
    IndicatorFactory(
        slug="share-of-portland-jobs-in-industry",
        name="Share of Portland jobs in the industrial sector",
        value=22,
        approximate=True,
        source=SourceFactory(publisher="Portland Bureau of Planning", title="Jobs study"),
    )

    html = client.get("/").content.decode()

    updates = section(html, "updates-heading")
    assert updates.index("Council work session recap") < updates.index("An older update")
    assert f'href="{latest.get_absolute_url()}"' in updates
    assert f'<time datetime="{today:%Y-%m-%d}">' in updates
    changed = section(html, "changes-heading")
    assert "Map industrial land" in changed and "Target date moved to autumn." in changed
    assert f'href="{planned.get_absolute_url()}#change-' in changed
    roadmap = section(html, "roadmap-heading")
    assert "2 steps on the roadmap: 1 planned, 1 in progress." in roadmap
    assert "Map industrial land" in roadmap and '<time datetime="2025-02-03">' in roadmap
    assert "Pilot a shared heat network" not in roadmap  # no dated history yet
    event = section(html, "event-heading")
    assert "Clean industry work session" in event and "Portland City Hall" in event
    assert f'<time datetime="{soon.starts_at.isoformat()}">' in event  # Portland time
    assert "6 p.m." in event and "Pacific Time" in event
    assert "Later session" not in event and "Last year" not in event
    figure = section(html, "key-figure-heading")
    assert "about 22%" in figure and "Portland Bureau of Planning" in figure


def section(html, heading_id):
    """The <section> labelled by `heading_id`."""
    start = html.index(f'aria-labelledby="{heading_id}"')
    return html[start : html.index("</section>", start)]


def test_the_home_page_says_plainly_when_there_is_nothing_yet(client):
    from tests.assessment.factories import IndicatorFactory

    # An unpublished key figure is no figure; a draft update is no update.
    IndicatorFactory(slug="share-of-portland-jobs-in-industry", status="draft")
    from subscriptions.models import Update

    Update.objects.create(subject="Draft update", status=Update.Status.DRAFT)
    html = client.get("/").content.decode()
    assert "No email updates have been sent yet" in section(html, "updates-heading")
    assert 'href="/updates/subscribe/"' in section(html, "updates-heading")
    assert "No changes have been announced" in section(html, "changes-heading")
    assert "once they are published" in section(html, "roadmap-heading")
    assert "No events scheduled." in section(html, "event-heading")
    assert "key-figure-heading" not in html and "22%" not in html and "12.5" not in html
    assert "Draft update" not in html


def test_the_home_page_shows_the_next_event_cancelled_or_moved_as_it_is(client):
    from tests.exchange.factories import EventFactory

    today = datetime.date.today()
    EventFactory(
        title="Cancelled session",
        date=today + datetime.timedelta(days=3),
        state="cancelled",
        state_note="The room is unavailable.",
    )
    event = section(client.get("/").content.decode(), "event-heading")
    assert "Cancelled session" in event and "This event is cancelled." in event
    assert "<del>" in event and "The room is unavailable." in event


def test_change_notes_of_items_the_public_cannot_see_stay_off_the_home_page(client):
    from publishing import changes
    from roadmap.models import Theme
    from tests.roadmap.factories import ActionFactory

    hidden = ActionFactory(title="Step under a draft theme")
    changes.record_major_change(hidden, notes={"en": "A note nobody should see yet."})
    Theme.objects.filter(pk=hidden.theme_id).update(status=Theme.Status.DRAFT)
    shown = ActionFactory(title="Public step")
    changes.record_major_change(shown, notes={"en": "A public note."})
    changed = section(client.get("/").content.decode(), "changes-heading")
    assert "A public note." in changed
    assert "nobody should see" not in changed


def test_the_home_page_in_spanish_marks_text_not_translated_yet(client):
    from tests.roadmap.factories import ActionFactory, ProgressNoteFactory

    action = ActionFactory(title="Map industrial land", title_es="")
    ProgressNoteFactory(action=action)
    html = client.get("/es/").content.decode()
    roadmap = section(html, "roadmap-heading")
    assert '<a href="/es/roadmap/' in roadmap
    assert 'lang="en">Map industrial land</a>' in roadmap
    assert "1 acción en la hoja de ruta: 1 planificada." in roadmap  # the roadmap's own words
