import json

from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language, gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import DetailView, ListView

from core.cache import reads_query_params
from core.clients import client_ip

from . import services
from .forms import ChangeEmailForm, PreferencesForm, SubscribeForm
from .models import Subscriber, Topic, Update


def _private(response):
    """Pages reached by a secret token: never cached, indexed or leaked in a Referer."""
    add_never_cache_headers(response)
    # same-origin: the token never leaves in a Referer to another site, yet the browser still
    # sends our Origin with the page's own forms (no-referrer makes it "null": CSRF refuses).
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


def _may_email(request, email: str) -> bool:
    """Whether this sign-up may email `email`: true for SUBSCRIPTIONS_RATE_PER_ADDRESS
    sign-ups an hour to one mailbox (case and "+tag" aside) from one client address.

    The quota is per mailbox AND per client address (an IPv6 /64), not per mailbox alone: a
    per-mailbox quota is spent by whoever signs the address up first, so someone signing up a
    stranger from elsewhere would leave the stranger's own sign-up sending nothing. Here each
    source spends only its own share, so the owner's sign-up from their own network always
    brings them a link. Flooding one inbox still takes many networks (a /64 counts as one),
    each of which is also held to ACCOUNT_RATE_LIMITS["subscribe"] sign-ups an hour in all.
    Only sign-ups that send mail are counted: one turned away here counts for nothing."""
    key = f"{services.mailbox(email)} {client_ip(request)}"
    return ratelimit.consume(request, action="subscribe_mailbox", key=key)


# No CSRF check on sign-up, deliberately: a forged sign-up acts on nobody's account or session
# (the visitor's cookies play no part), it can only ask for a confirmation email to an address,
# which anyone can do directly; the double opt-in and the per-IP and per-address rate limits
# are what protect it. Without a token the sign-up forms in every page's footer and on action
# pages leave those pages identical for every visitor, so the page cache can serve them
# (core/cache.py). Every other form keeps Django's CSRF protection.
#
# The language of the emails defaults to the page's, which comes from its URL (/es/... for
# Spanish), never from a cookie: the forms in cached pages must be the same for every visitor.
@csrf_exempt
@reads_query_params("topic")
def subscribe(request):
    page_language = get_language() or settings.LANGUAGE_CODE
    initial = {"topics": request.GET.getlist("topic"), "language": page_language}
    form = SubscribeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        # Sign-ups from one client address: ACCOUNT_RATE_LIMITS["subscribe"].
        if not ratelimit.consume(request, action="subscribe"):
            response = render(request, "subscriptions/rate_limited.html", status=429)
            response["Retry-After"] = "3600"
            return response
        data = dict(form.cleaned_data)
        language = data.pop("language") or page_language
        if not services.may_send(data["email"], for_sign_up=True):
            # A suppressed address (it bounced, complained, ...): nothing changes, and staff,
            # who can see why and lift it, are the way back. Why is not said: this page is
            # anyone's to ask, about any address (it counts towards the limit above).
            return render(request, "subscriptions/contact_staff.html")
        if _may_email(request, data["email"]):  # otherwise the same answer, and nothing sent
            services.subscribe(
                **data,
                language=language,
                source=request.POST.get("source", "")[:300] or request.path,
            )
        return redirect("subscriptions:check-inbox")
    status = 400 if form.errors else 200
    context = {"form": form, "consent_text": services.CONSENT_TEXT, "privacy": _privacy()}
    return render(request, "subscriptions/subscribe.html", context, status=status)


def _privacy() -> dict:
    """The periods the privacy notice names (templates/subscriptions/_privacy_notice.html)."""
    return {
        "purge_days": settings.SUBSCRIPTIONS_PURGE_PENDING_AFTER_DAYS,
        "erase_days": settings.SUBSCRIPTIONS_ERASE_AFTER_DAYS,
        "delivery_days": settings.SUBSCRIPTIONS_DELIVERY_ADDRESS_DAYS,
    }


def check_inbox(request):
    return render(request, "subscriptions/check_inbox.html")


def confirm(request, code):
    # A link works until it is used: once confirmed it shows neither the manage page nor a
    # link to it (services.confirmation_code).
    found = services.sign_up_for_code(code)
    if found is None:
        return _private(render(request, "subscriptions/confirm_invalid.html", status=400))
    subscriber, sign_up = found
    if request.method == "POST":  # a mail scanner's GET never confirms anyone
        if not services.confirm(subscriber=subscriber, sign_up=sign_up):
            return _private(render(request, "subscriptions/confirm_invalid.html", status=400))
        messages.success(request, gettext("Thank you: your subscription is confirmed."))
        return redirect("subscriptions:manage", token=subscriber.token)
    return _private(render(request, "subscriptions/confirm.html", {"subscriber": subscriber}))


def manage(request, token):
    subscriber = get_object_or_404(Subscriber, token=token)
    form = PreferencesForm(request.POST or None, instance=subscriber)
    if request.method == "POST" and form.is_valid():
        services.update_preferences(subscriber=subscriber, **form.cleaned_data)
        # Back to this page in the language just chosen for the emails.
        with translation.override(subscriber.email_language):
            messages.success(request, gettext("Your choices are saved."))
            return redirect(reverse("subscriptions:manage", kwargs={"token": token}))
    if form.errors:  # nothing is saved: show the choices as they are
        subscriber.refresh_from_db()
    context = {"subscriber": subscriber, "form": form, "privacy": _privacy()}
    status = 400 if form.errors else 200
    return _private(render(request, "subscriptions/manage.html", context, status=status))


def new_link(request, token):
    """Email the subscriber a new manage link; this one, and every earlier one, stops working.
    The new link goes only to the mailbox, never to whoever holds this one."""
    subscriber = get_object_or_404(Subscriber, token=token)
    if request.method != "POST":
        return redirect("subscriptions:manage", token=token)
    services.send_new_link(subscriber=subscriber)
    return _private(render(request, "subscriptions/new_link_sent.html"))


def change_email(request, token):
    """Ask for the subscriber's updates to go to another address: a link goes to that address,
    and the answer is the same whatever is found there (as a sign-up's)."""
    subscriber = get_object_or_404(Subscriber, token=token, status=Subscriber.Status.CONFIRMED)
    form = ChangeEmailForm(request.POST or None, subscriber=subscriber)
    if request.method == "POST" and form.is_valid():
        # It emails an address someone typed: the sign-up's limits (per client address, and per
        # mailbox and client address) hold here too.
        if not ratelimit.consume(request, action="subscribe"):
            response = render(request, "subscriptions/rate_limited.html", status=429)
            response["Retry-After"] = "3600"
            return _private(response)
        email = form.cleaned_data["email"]
        if _may_email(request, email):
            services.request_email_change(subscriber=subscriber, new_email=email)
        days = settings.SUBSCRIPTIONS_CONFIRM_MAX_AGE // 86400
        context = {"subscriber": subscriber, "new_email": email, "days": days}
        return _private(render(request, "subscriptions/change_email_sent.html", context))
    context = {"subscriber": subscriber, "form": form}
    status = 400 if form.errors else 200
    return _private(render(request, "subscriptions/change_email.html", context, status=status))


def change_email_confirm(request, code):
    """The link sent to the new address: a GET shows what it does (a mail scanner's GET
    changes nothing), the button moves the updates."""
    found = services.email_change_for_code(code)
    if found is None:
        return _private(render(request, "subscriptions/change_email_invalid.html", status=400))
    subscriber, new_email = found
    context = {"subscriber": subscriber, "new_email": new_email}
    if request.method == "POST":
        outcome = services.change_email(subscriber=subscriber, new_email=new_email)
        if outcome == services.CHANGED:
            with translation.override(subscriber.email_language):
                done = gettext("Your email updates now go to %(email)s.") % {"email": new_email}
                messages.success(request, done)
                return redirect(reverse("subscriptions:manage", kwargs={"token": subscriber.token}))
        template = "change_email_taken" if outcome == services.TAKEN else "change_email_invalid"
        return _private(render(request, f"subscriptions/{template}.html", context, status=400))
    return _private(render(request, "subscriptions/change_email_confirm.html", context))


def download_data(request, token):
    subscriber = get_object_or_404(Subscriber, token=token)
    data = json.dumps(services.export_data(subscriber=subscriber), indent=2)
    response = HttpResponse(data, content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="my-email-updates-data.json"'
    return _private(response)


def delete_data(request, token):
    subscriber = get_object_or_404(Subscriber, token=token)
    if request.method == "POST":
        services.delete_data(subscriber=subscriber)
        return _private(render(request, "subscriptions/deleted.html"))
    return _private(render(request, "subscriptions/delete.html", {"subscriber": subscriber}))


@csrf_exempt  # RFC 8058: the mail provider's POST carries no cookie and no CSRF token
def unsubscribe(request, token):
    if request.method == "POST":
        # Same answer whether or not the token exists: 200, nothing to follow.
        services.unsubscribe(token=token)
        return _private(render(request, "subscriptions/unsubscribed.html"))
    subscriber = get_object_or_404(Subscriber, token=token)
    return _private(render(request, "subscriptions/unsubscribe.html", {"subscriber": subscriber}))


# How many of the latest email updates the home page lists.
HOME_UPDATES = 3


def front_page() -> dict:
    """The home page's latest email updates (pages.front): subjects and dates only."""
    updates = Update.objects.archived().order_by("-sent_at", "-pk")
    return {"latest_updates": list(updates.defer("body_html", "body_text")[:HOME_UPDATES])}


@reads_query_params("topic", "page")
class ArchiveView(ListView):
    template_name = "subscriptions/archive.html"
    context_object_name = "updates"
    paginate_by = 20

    def get_queryset(self):
        updates = Update.objects.archived().prefetch_related("topics").order_by("-sent_at")
        self.topic = None
        if slug := self.request.GET.get("topic"):
            self.topic = get_object_or_404(Topic, slug=slug)
            updates = updates.filter(topics=self.topic)
        return updates

    def get_context_data(self, **kwargs):
        topics = Topic.objects.filter(updates__status="sent").distinct()
        return super().get_context_data(topic=self.topic, topics=topics, **kwargs)


class UpdateDetailView(DetailView):
    template_name = "subscriptions/update_detail.html"
    context_object_name = "update"

    def get_queryset(self):
        return Update.objects.archived().prefetch_related("topics")
