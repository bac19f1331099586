from allauth.core import ratelimit
from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views import static
from django.views.decorators.cache import never_cache

from core import uploads
from core.cache import reads_query_params
from core.templatetags.translated import is_untranslated
from publishing.preview import can_preview

from . import health, services
from .forms import ContactForm
from .models import Page


def home(request):
    return render(request, "cleanindustry/home.html")


def page(request, slug):
    pages = Page.objects.select_related("image")
    # Staff preview a draft at its public URL; everyone else sees published pages only.
    pages = pages if can_preview(request.user) else pages.published()
    page = get_object_or_404(pages, slug=slug)
    sections = list(page.sections.all())
    # The translation notice shows when the page or any of its sections falls back to English.
    parts = [page, *sections]
    context = {
        "page": page,
        "draft_preview": not page.is_published,
        "sections": sections,
        "untranslated_part": next((part for part in parts if is_untranslated(part)), page),
    }
    return render(request, "cleanindustry/page.html", context)


@reads_query_params("subject")
def contact(request):
    # A link may suggest a subject, e.g. the accessibility statement's "report a barrier".
    initial = {"subject": " ".join(request.GET.get("subject", "").split())[:200]}
    form = ContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        # Messages sent from one client IP address, limited by ACCOUNT_RATE_LIMITS["contact"].
        if not ratelimit.consume(request, action="contact"):
            context = {"form": form, "rate_limited": True}
            return render(request, "cleanindustry/contact.html", context, status=429)
        services.receive_contact_message(**form.cleaned_data)
        return redirect("cleanindustry:contact-thanks")
    return render(request, "cleanindustry/contact.html", {"form": form})


def accessibility(request):
    return render(request, "cleanindustry/accessibility.html")


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /updates/manage/",
        f"Sitemap: {settings.SITE_URL}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def contact_thanks(request):
    return render(request, "cleanindustry/contact_thanks.html")


@never_cache
def healthz(request):
    results = {name: "ok" if check() else "down" for name, check in health.CHECKS.items()}
    healthy = all(state == "ok" for state in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "down", **results}, status=200 if healthy else 503
    )


def too_many_requests(request, exception=None):
    """The 429 answer of allauth's rate limits (sign-in, password reset, two-factor codes)."""
    return render(request, "account/429.html", status=429)


def media(request, path):
    """An uploaded file, in development: never shown as a page, whatever its name says."""
    response = static.serve(request, path, document_root=settings.MEDIA_ROOT)
    return uploads.served_safely(response, path)
