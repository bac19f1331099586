from django import template
from django.conf import settings
from django.utils.translation import get_language

from ..models import Subscriber, Topic
from ..services import CONSENT_TEXT

register = template.Library()


def _language_choice() -> dict:
    # The page's language, from its URL (never a cookie: these forms are in cached pages).
    return {"languages": settings.LANGUAGES, "page_language": get_language()}


@register.inclusion_tag("subscriptions/_signup_footer_form.html", takes_context=True)
def signup_footer(context):
    return {
        "request": context.get("request"),
        # The form's fields are cached with the page's navigation and footer (base.html).
        "cache_version": context.get("cache_version"),
        "LANGUAGE_CODE": get_language(),
        "topics": Topic.objects.filter(kind=Topic.Kind.SECTION),
        "frequencies": Subscriber.Frequency.choices,
        "consent_text": CONSENT_TEXT,
        **_language_choice(),
    }


@register.inclusion_tag("subscriptions/_follow_form.html", takes_context=True)
def follow_form(context, topic_key):
    """`{% load subscriptions %}{% follow_form "action:<slug>" %}`: a one-field "Follow" form."""
    return {
        "request": context.get("request"),
        "topic": Topic.objects.filter(key=topic_key).first(),
        "consent_text": CONSENT_TEXT,
        **_language_choice(),
    }
