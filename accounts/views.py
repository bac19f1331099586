from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from publishing.models import DEFAULT_EDITING_LANGUAGES, EditingLanguages

from .forms import EditingLanguagesForm


def too_many_requests(request, exception=None):
    """The 429 answer of allauth's rate limits (sign-in, password reset, two-factor codes)."""
    return render(request, "account/429.html", status=429)


def editing_languages(request, admin_site):
    """The admin page where a staff member chooses their content languages."""
    profile, _created = EditingLanguages.objects.get_or_create(
        user=request.user, defaults={"languages": list(DEFAULT_EDITING_LANGUAGES)}
    )
    form = EditingLanguagesForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, gettext("Your content languages are saved."))
        return redirect("admin:accounts_editing_languages")
    context = {
        **admin_site.each_context(request),
        "title": gettext("Your content languages"),
        "form": form,
    }
    return render(request, "accounts/editing_languages.html", context)
