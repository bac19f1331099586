"""The site shell in Spanish at /es/: the same pages with a Spanish interface; English untouched."""

import html as html_module
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import polib
import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.template.loader import get_template
from django.test import Client
from django.utils import translation

from pages.models import ContactMessage, Page, PageSection
from tests.outline import assert_accessible

pytestmark = pytest.mark.django_db

SITE_URL = "https://portal.example.gov"
MESSAGE = {
    "name": "Ana",
    "email": "ana@example.org",
    "subject": "Pregunta sobre la hoja de ruta",
    "message": "¿Cuándo es la próxima reunión?",
}
# Every interface text of the shell, in Spanish: the main navigation...
SPANISH_NAV = {
    "/es/about/": "Acerca de",
    "/es/exchange/": "Intercambio con Dinamarca",
    "/es/assessment/": "Evaluación",
    "/es/roadmap/": "Hoja de ruta",
    "/es/updates/": "Novedades",
    "/es/contact/": "Contacto",
}
# ...and the footer's links.
SPANISH_FOOTER = {
    "/es/partners/": "Socios",
    "/es/contact/": "Contáctenos",
    "/es/updates/": "Novedades anteriores por correo electrónico",
    "/es/data/": "Datos abiertos",
    "/es/accessibility/": "Declaración de accesibilidad",
}
ENGLISH_NAV = {
    "/about/": "About",
    "/exchange/": "Denmark exchange",
    "/assessment/": "Assessment",
    "/roadmap/": "Roadmap",
    "/updates/": "Updates",
    "/contact/": "Contact",
}


@pytest.fixture(autouse=True)
def _site_url_and_fresh_cache(settings):
    settings.SITE_URL = SITE_URL
    # Whole pages are cached for anonymous visitors; rows changed with .update() send no signal.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """A request to /es/ leaves Spanish active in this thread after the response; content
    loaded afterwards (by this test or the next) would go into the Spanish fields."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def content():
    call_command("load_initiative_content", verbosity=0)
    # These tests are about how a page *not* translated yet looks: the loader writes Spanish
    # for the About page, so it is taken away here; tests that want Spanish set their own.
    Page.objects.filter(slug="about").update(title_es="", summary_es="", image_description_es="")
    PageSection.objects.update(heading_es="", body_es="")


def html_of(response) -> str:
    return response.content.decode()


def nav_link(html: str, href: str) -> str:
    """The <a> of the main navigation that points at `href`."""
    nav = re.search(r'<nav class="navbar.*?</nav>', html, re.S).group(0)
    return re.search(rf'<a class="nav-link" href="{re.escape(href)}"[^>]*>[^<]*</a>', nav).group(0)


def footer(html: str) -> str:
    return html[html.index("<footer") :]


# --- The language of the page --------------------------------------------------------------


def test_english_home_page_is_in_english(client):
    html = html_of(client.get("/"))
    assert '<html lang="en">' in html
    assert "Skip to main content" in html
    assert "Building a clean industry hub in Portland" in html
    for href, text in ENGLISH_NAV.items():
        assert nav_link(html, href).endswith(f">{text}</a>")
    assert ">Accessibility statement</a>" in footer(html)
    assert "Portland Clean Industry Initiative</title>" in html


def test_spanish_home_page_is_in_spanish(client):
    response = client.get("/es/")
    html = html_of(response)
    assert response.status_code == 200
    assert '<html lang="es">' in html
    assert 'href="#main">Saltar al contenido principal</a>' in html
    assert 'aria-label="Principal"' in html and 'aria-label="Menú"' in html
    assert '<h1 id="intro-heading">Construimos un polo de industria limpia en Portland</h1>' in html
    assert "<title>Inicio · Iniciativa de Industria Limpia de Portland</title>" in html
    assert 'content="Portal de Industria Limpia"' in html  # og:site_name
    for href, text in SPANISH_NAV.items():
        assert nav_link(html, href).endswith(f">{text}</a>")
    for href, text in SPANISH_FOOTER.items():
        assert f'<a href="{href}">{text}</a>' in footer(html)
    assert '<h2 class="h5">Iniciativa de Industria Limpia</h2>' in footer(html)
    # The search box searches in Spanish too.
    assert 'action="/es/search/"' in html and 'placeholder="Buscar"' in html
    assert ">Buscar en el portal</label>" in html
    for english in ["Skip to main content", ">About</a>", ">Contact us</a>", "Search the portal"]:
        assert english not in html


@pytest.mark.parametrize("path", ["/es/contact/", "/es/accessibility/", "/es/data/",
                                  "/es/search/?q=zzzqqq", "/es/contact/thanks/"])  # fmt: skip
def test_spanish_pages_have_a_spanish_breadcrumb_and_outline(client, path):
    response = client.get(path)
    html = html_of(response)
    assert response.status_code == 200
    assert '<html lang="es">' in html
    trail = re.search(r'<nav[^>]*aria-label="Ruta de navegación">(.*?)</nav>', html, re.S)
    assert trail, f"{path} has no Spanish breadcrumbs"
    assert 'href="/es/">Inicio</a>' in trail.group(1)
    assert_accessible(response)


# --- The language switcher and the alternates ----------------------------------------------


@pytest.mark.parametrize(
    ("english", "spanish"),
    [("/", "/es/"), ("/contact/", "/es/contact/"), ("/accessibility/", "/es/accessibility/"),
     ("/data/", "/es/data/"), ("/contact/thanks/", "/es/contact/thanks/")],
)  # fmt: skip
def test_the_switcher_links_to_the_same_page_in_the_other_language(client, english, spanish):
    english_html = html_of(client.get(english))
    spanish_html = html_of(client.get(spanish))
    assert f'<a href="{spanish}" hreflang="es" lang="es">Español</a>' in english_html
    assert f'<a href="{english}" hreflang="en" lang="en" aria-current="true">English</a>' in (
        english_html
    )
    assert f'<a href="{english}" hreflang="en" lang="en">English</a>' in spanish_html
    assert f'<a href="{spanish}" hreflang="es" lang="es" aria-current="true">Español</a>' in (
        spanish_html
    )
    for html in (english_html, spanish_html):
        assert f'<link rel="alternate" hreflang="en" href="{SITE_URL}{english}">' in html
        assert f'<link rel="alternate" hreflang="es" href="{SITE_URL}{spanish}">' in html
        assert f'<link rel="alternate" hreflang="x-default" href="{SITE_URL}{english}">' in html
    assert f'<link rel="canonical" href="{SITE_URL}{spanish}">' in spanish_html


def test_the_switcher_keeps_the_search_query(client):
    spanish_html = html_of(client.get("/es/search/", {"q": "energy jobs"}))
    assert '<a href="/search/?q=energy+jobs" hreflang="en" lang="en">English</a>' in spanish_html
    english_html = html_of(client.get("/search/", {"q": "energy jobs"}))
    assert '<a href="/es/search/?q=energy+jobs" hreflang="es" lang="es">Español</a>' in (
        english_html
    )


def links_of(html: str) -> list[str]:
    """Every address the page links or points to, as a browser reads it: a backslash is a
    slash, tabs and newlines are dropped."""
    links = re.findall(r'\s(?:href|action)="([^"]*)"', html)
    links += re.findall(r'<meta property="og:url" content="([^"]*)"', html)
    links = [html_module.unescape(link) for link in links]
    return [re.sub(r"[\t\n\r]", "", link).replace("\\", "/") for link in links]


@pytest.mark.parametrize(
    "path",
    ["//evil.example/about/", "///evil.example/about/", "//evil.example/es/about/",
     "/\\evil.example/about/", "/\t/evil.example/about/", "//evil.example/search/?q=jobs",
     "/es//evil.example/"],
)  # fmt: skip
def test_no_link_leaves_the_site_whatever_the_requested_path(client, path):
    """The switcher, the alternates, the canonical and og:url are built from the path the
    visitor asked for: `//evil.example/...` must not become a link to that host."""
    path, _, query = path.partition("?")
    response = Client(raise_request_exception=False).get("/", PATH_INFO=path, QUERY_STRING=query)
    assert response.status_code == 404
    html = html_of(response)
    assert 'hreflang="es" lang="es"' in html  # the switcher is there
    for link in links_of(html):
        assert not link.startswith("//"), link
        assert urlsplit(link).netloc in ("", urlsplit(SITE_URL).netloc), link


@pytest.mark.parametrize("href", list(SPANISH_NAV))
def test_the_current_section_is_marked_in_spanish_too(client, content, href):
    response = client.get(href)
    assert response.status_code == 200
    html = html_of(response)
    assert 'aria-current="page"' in nav_link(html, href)
    others = [nav_link(html, other) for other in SPANISH_NAV if other != href]
    assert not any('aria-current="page"' in link for link in others)


def test_the_partners_page_is_not_marked_as_the_exchange(client, content):
    html = html_of(client.get("/es/partners/"))
    assert all('aria-current="page"' not in nav_link(html, href) for href in SPANISH_NAV)


# --- The contact form ------------------------------------------------------------------------


def test_spanish_contact_form_is_in_spanish(client):
    html = html_of(client.get("/es/contact/"))
    assert "<h1>Contáctenos</h1>" in html
    assert 'action="/es/contact/"' in html
    for label in ["Nombre", "Dirección de correo electrónico", "Asunto", "Su mensaje"]:
        assert re.search(rf">\s*{label}<span", html), label
    assert "Solo la usamos para responderle." in html
    assert ">Enviar mensaje</button>" in html


def test_spanish_contact_form_explains_errors_in_spanish(client):
    data = {"name": "", "email": "no-es-una-direccion", "subject": "Hola", "message": "Texto"}
    response = client.post("/es/contact/", data)
    html = html_of(response)
    assert response.status_code == 200
    assert "<title>Error: Contáctenos · " in html
    summary = re.search(r'<div class="alert alert-danger".*?</div>', html, re.S).group(0)
    assert "Hay un problema con su mensaje" in summary
    assert '<a href="#id_name">Escriba su nombre.</a>' in summary
    assert (
        '<a href="#id_email">Escriba una dirección de correo electrónico con el formato '
        "nombre@ejemplo.com.</a>"
    ) in summary
    assert "Enter your name." not in html and "Enter an email address" not in html
    assert 'value="no-es-una-direccion"' in html  # what was typed is kept
    assert ContactMessage.objects.count() == 0


def test_spanish_contact_form_honeypot_message_is_spanish(client):
    response = client.post("/es/contact/", {**MESSAGE, "website": "http://spam.example"})
    assert "Su mensaje no se envió porque parecía automatizado." in html_of(response)


def test_spanish_contact_message_thanks_in_spanish_and_tells_staff_in_english(
    client, settings, django_capture_on_commit_callbacks
):
    settings.STAFF_NOTIFICATION_EMAILS = ["team@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/es/contact/", MESSAGE)
    assert response.status_code == 302
    assert response["Location"] == "/es/contact/thanks/"
    thanks = client.get(response["Location"])
    html = html_of(thanks)
    assert '<html lang="es">' in html
    assert "<h1>Gracias, su mensaje se envió</h1>" in html
    assert "El equipo de Industria Limpia le responderá por correo electrónico." in html
    # Staff read English, whatever the language of the form.
    (email,) = mail.outbox
    assert email.subject == "[Clean Industry Portal] Contact: Pregunta sobre la hoja de ruta"
    assert email.body.startswith("A message arrived through the portal's contact form.")
    assert "From: Ana <ana@example.org>" in email.body
    assert "¿Cuándo es la próxima reunión?" in email.body
    assert "Asunto:" not in email.body


def test_english_contact_form_is_unchanged(client):
    data = {"name": "", "email": "not-an-address", "subject": "Hi", "message": "Kept text"}
    html = html_of(client.post("/contact/", data))
    assert "There is a problem with your message" in html
    assert "Enter your name." in html
    assert "Enter an email address in the form name@example.com." in html
    assert "<title>Error: Contact us · Portland Clean Industry Initiative</title>" in html


def test_the_accessibility_barrier_link_suggests_a_spanish_subject(client):
    html = html_of(client.get("/es/accessibility/"))
    assert "<h1>Declaración de accesibilidad</h1>" in html
    assert 'href="/es/contact/?subject=Barrera%20de%20accesibilidad"' in html
    form = html_of(client.get("/es/contact/", {"subject": "Barrera de accesibilidad"}))
    assert 'value="Barrera de accesibilidad"' in form


# --- Errors ----------------------------------------------------------------------------------


def test_spanish_not_found_page(client):
    response = Client(raise_request_exception=False).get("/es/no-such-page/")
    html = html_of(response)
    assert response.status_code == 404
    assert '<html lang="es">' in html
    assert "<h1>Página no encontrada</h1>" in html
    assert "<title>Página no encontrada · Iniciativa de Industria Limpia" in html
    assert 'action="/es/search/"' in html
    assert '<a href="/es/contact/">Contáctenos</a> si no encuentra lo que necesita' in html
    assert "Page not found" not in html


def test_english_not_found_page_is_unchanged(client):
    html = html_of(Client(raise_request_exception=False).get("/no-such-page/"))
    assert '<html lang="en">' in html
    assert "<h1>Page not found</h1>" in html
    assert '<a href="/contact/">Contact us</a> if you cannot find what you need' in html


def test_server_error_page_speaks_english_and_spanish_without_any_machinery():
    html = get_template("500.html").render()  # no request, no active language
    assert '<html lang="en">' in html
    assert "Sorry, something went wrong" in html and 'href="/contact/"' in html
    spanish = re.search(r'<div class="[^"]*" lang="es">(.*?)</div>', html, re.S)
    assert spanish, "no Spanish part marked lang=es"
    assert "Lo sentimos, algo salió mal" in spanish.group(1)
    assert 'href="/es/contact/"' in spanish.group(1) and 'href="/es/"' in spanish.group(1)
    assert html.count("<h1") == 1


# --- Content not translated yet --------------------------------------------------------------


def test_untranslated_about_page_says_so_and_marks_english_text(client, content):
    response = client.get("/es/about/")
    html = html_of(response)
    assert response.status_code == 200
    assert "Parte de esta página aún no está traducida" in html
    assert '<a href="/about/" hreflang="en" lang="en">' in html
    assert re.search(r"<h1 lang=\"en\">About the Clean Industry Initiative</h1>", html)
    assert '<h2 id="toc-heading" class="h5">En esta página</h2>' in html
    assert '<h2 id="background" lang="en">' in html
    assert_accessible(response)


def test_translated_about_page_has_no_notice_and_no_english_marks(client, content):
    Page.objects.filter(slug="about").update(
        title_es="Acerca de la Iniciativa de Industria Limpia", summary_es="Una colaboración."
    )
    for section in PageSection.objects.all():
        section.heading_es = f"Sección {section.pk}"
        section.body_es = "<p>Texto en español.</p>"
        section.save()
    html = html_of(client.get("/es/about/"))
    assert "translation-notice" not in html
    assert "<h1>Acerca de la Iniciativa de Industria Limpia</h1>" in html
    main = html[html.index("<main") : html.index("</main>")]
    assert 'lang="en"' not in main


def test_about_page_with_one_untranslated_section_still_says_so(client, content):
    Page.objects.filter(slug="about").update(title_es="Acerca de", summary_es="Una colaboración.")
    sections = list(PageSection.objects.all())
    for section in sections[1:]:
        section.heading_es, section.body_es = "Sección", "<p>Texto.</p>"
        section.save()
    html = html_of(client.get("/es/about/"))
    assert "translation-notice" in html
    assert f'<h2 id="{sections[0].anchor}" lang="en">' in html


def test_english_about_page_has_no_notice(client, content):
    html = html_of(client.get("/about/"))
    assert "translation-notice" not in html
    assert "<h1>About the Clean Industry Initiative</h1>" in html


# --- Search and open data --------------------------------------------------------------------


def test_spanish_search_interface(client, content):
    html = html_of(client.get("/es/search/", {"q": "zzzqqq"}))
    assert "<h1>Resultados de búsqueda para “zzzqqq”</h1>" in html
    assert "No hay resultados para “zzzqqq”." in html
    assert "Revise la ortografía" in html
    assert '<a href="/es/roadmap/">hoja de ruta</a>' in html
    assert "<h1>Buscar en el portal</h1>" in html_of(client.get("/es/search/"))


def test_spanish_search_results_mark_english_text(rf, content):
    # A Spanish title with an English summary: the summary's snippet is marked lang="en".
    from django.template.loader import render_to_string

    from search import registry

    page = Page.objects.get(slug="about")
    page.title_es = "Acerca de la iniciativa"
    page.save()  # a save: the search index follows it
    entry = next(entry for entry in registry.registered() if entry.model is Page)

    def found(query):
        results = {str(label): results for label, results in registry.search(query)}
        return next(r for r in results[str(entry.label)] if r.url.endswith("/about/"))

    with translation.override("es"):
        result = found("iniciativa")
        assert (result.title, result.title_lang, result.snippet_lang) == (
            "Acerca de la iniciativa", "", "en"
        )  # fmt: skip
        request = rf.get("/es/search/", {"q": "iniciativa"})
        context = {"query": "iniciativa", "groups": [(entry.label, [result])], "total": 1}
        html = render_to_string("search/search.html", context, request=request)
    assert '<p role="status">1 resultado.</p>' in html
    assert '<h2 id="results-1" class="h4">Páginas</h2>' in html
    assert '<a href="/es/about/" class="fw-semibold">Acerca de la iniciativa</a>' in html
    assert '<p class="mb-0" lang="en">A collaboration of public' in html
    with translation.override("en"):
        assert found("initiative").snippet_lang == ""


def test_search_counts_results_in_english(client, content):
    html = html_of(client.get("/search/", {"q": "Kalundborg"}))
    assert '<p role="status">2 results.</p>' in html
    html = html_of(client.get("/search/", {"q": "Denmark"}))
    assert re.search(r'<p role="status">\d+ results in \d+ kinds of content\.</p>', html)


def test_spanish_open_data_page_documents_fields_in_spanish(client):
    response = client.get("/es/data/")
    html = html_of(response)
    assert "<h1>Datos abiertos</h1>" in html
    assert '<th scope="col">Campo</th><th scope="col">Tipo</th>' in html
    assert "Identificador estable del hallazgo." in html
    assert "<td>slug, o vacío</td>" in html
    assert "<code>slug</code>" in html  # the field names stay as in the files
    assert_accessible(response)


def test_open_data_files_keep_english_keys_in_spanish(client):
    document = json.loads(client.get("/es/data/findings.json").content)
    assert set(document) == {"dataset", "title", "licence", "schema", "rows"}
    schema = json.loads(client.get("/es/data/findings.schema.json").content)
    assert set(schema["properties"]["rows"]["items"]["properties"]) == {
        "slug", "title", "kind", "summary", "sector", "actions", "action_count", "url"
    }  # fmt: skip


# --- The catalogue ---------------------------------------------------------------------------

SHELL_FILES = (
    "templates/base.html",
    "templates/404.html",
    "templates/cleanindustry/",  # the catalogue's paths until it is next refreshed
    "templates/pages/",
    "templates/core/",
    "templates/publishing/",
    "templates/search/",
    "templates/account/",
    "templates/media/",
    "templates/opendata/",
    "cleanindustry/",
    "pages/",
    "core/",
    "publishing/",
    "search/",
    "accounts/",
    "media/",
    "opendata/",
)


def test_every_shell_text_has_a_spanish_translation():
    catalogue = polib.pofile(str(Path(settings.BASE_DIR) / "locale/es/LC_MESSAGES/django.po"))
    shell = [
        entry
        for entry in catalogue
        if any(path.startswith(SHELL_FILES) for path, _line in entry.occurrences)
    ]
    assert len(shell) > 100
    untranslated = [e.msgid for e in shell if not e.translated() or "fuzzy" in e.flags]
    assert untranslated == []


# --- Images ----------------------------------------------------------------------------------


def test_untranslated_alt_text_and_caption_are_marked_english(settings, tmp_path):
    from django.template.loader import render_to_string

    from media.models import Image
    from tests.media.test_images import jpeg

    settings.MEDIA_ROOT = tmp_path
    image = Image.objects.create(file=jpeg(width=400, height=200), alt="Delegates at the harbour")
    image.caption = "The harbour in 2022"
    with translation.override("es"):
        html = render_to_string("media/_figure.html", {"image": image})
        assert 'alt="Delegates at the harbour" lang="en"' in html
        assert '<span lang="en">The harbour in 2022</span>' in html
        image.alt_es, image.caption_es = "Delegados en el puerto", "El puerto en 2022"
        html = render_to_string("media/_figure.html", {"image": image})
        assert 'alt="Delegados en el puerto" class=' in html
        assert "<span>El puerto en 2022</span>" in html
    with translation.override("en"):
        html = render_to_string("media/_figure.html", {"image": image})
        assert 'alt="Delegates at the harbour" class=' in html
