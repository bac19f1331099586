from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from . import health, services
from .forms import ContactForm
from .models import Page


def home(request):
    return render(request, "cleanindustry/home.html")


def page(request, slug):
    page = get_object_or_404(Page.objects.published().prefetch_related("sections"), slug=slug)
    return render(request, "cleanindustry/page.html", {"page": page})


def contact(request):
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.receive_contact_message(**form.cleaned_data)
        return redirect("cleanindustry:contact-thanks")
    return render(request, "cleanindustry/contact.html", {"form": form})


def contact_thanks(request):
    return render(request, "cleanindustry/contact_thanks.html")


@never_cache
def healthz(request):
    results = {name: "ok" if check() else "down" for name, check in health.CHECKS.items()}
    healthy = all(state == "ok" for state in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "down", **results}, status=200 if healthy else 503
    )
