from allauth.core import ratelimit
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject

from core.cache import reads_query_params
from core.templatetags.translated import is_untranslated
from publishing import changes
from publishing.preview import can_preview, change_notes

from . import front, services
from .forms import ContactForm
from .models import Page

# How many of the newest change notes the home page lists: their items cost a query per type
# among them, so this also bounds the page's queries (tests/performance).
HOME_CHANGE_NOTES = 3


def what_is_new() -> dict:
    """What is new: the latest email updates and change notes, the roadmap at a glance, the
    next event and the key figure, each from its app (pages.front); and the first of their rows
    shown in English on this page, for the translation notice."""
    notes = changes.latest(HOME_CHANGE_NOTES)
    context = {"change_notes": notes, **front.context()}
    shown = [*front.rows_shown(context), *(note.content_object for note in notes)]
    context["untranslated_item"] = next((row for row in shown if is_untranslated(row)), None)
    return context


def home(request):
    # The what-is-new sections (and the translation notice that looks at their rows) are cached
    # fragments in templates/pages/home.html, renewed with the content version: their queries
    # run only when one is rebuilt, so they are passed lazily, read at the first use.
    return render(request, "pages/home.html", {"what_is_new": SimpleLazyObject(what_is_new)})


def page(request, slug):
    pages = Page.objects.select_related("image")
    # Staff preview a draft at its public URL; everyone else sees published pages only.
    pages = pages if can_preview(request.user) else pages.published()
    page = get_object_or_404(pages, slug=slug)
    context = {
        "page": page,
        "draft_preview": not page.is_published,
        # The sections, and the translation notice that looks at them, are cached fragments in
        # templates/pages/page.html, renewed with the content version: read at the first use,
        # so only when one is rebuilt.
        "parts": SimpleLazyObject(lambda: parts_of(page)),
        "change_notes": change_notes(page),
    }
    return render(request, "pages/page.html", context)


def parts_of(page) -> dict:
    """The page's sections, and the part the translation notice names: the first of the page
    and its sections that falls back to English (the page when none does)."""
    sections = list(page.sections.all())
    parts = [page, *sections]
    return {
        "sections": sections,
        "untranslated_item": next((part for part in parts if is_untranslated(part)), page),
    }


@reads_query_params("subject")
def contact(request):
    # A link may suggest a subject, e.g. the accessibility statement's "report a barrier".
    initial = {"subject": " ".join(request.GET.get("subject", "").split())[:200]}
    form = ContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        # Messages sent from one client IP address, limited by ACCOUNT_RATE_LIMITS["contact"].
        if not ratelimit.consume(request, action="contact"):
            context = {"form": form, "rate_limited": True}
            return render(request, "pages/contact.html", context, status=429)
        services.receive_contact_message(**form.cleaned_data)
        return redirect("pages:contact-thanks")
    return render(request, "pages/contact.html", {"form": form})


def accessibility(request):
    return render(request, "pages/accessibility.html")


def contact_thanks(request):
    return render(request, "pages/contact_thanks.html")
