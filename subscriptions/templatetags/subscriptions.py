from django import template

from ..models import Subscriber, Topic
from ..services import CONSENT_TEXT

register = template.Library()


@register.inclusion_tag("subscriptions/_signup_footer_form.html", takes_context=True)
def signup_footer(context):
    return {
        "request": context.get("request"),
        "topics": Topic.objects.filter(kind=Topic.Kind.SECTION),
        "frequencies": Subscriber.Frequency.choices,
        "consent_text": CONSENT_TEXT,
    }


@register.inclusion_tag("subscriptions/_follow_form.html", takes_context=True)
def follow_form(context, topic_key):
    """`{% load subscriptions %}{% follow_form "action:<slug>" %}`: a one-field "Follow" form."""
    return {
        "request": context.get("request"),
        "topic": Topic.objects.filter(key=topic_key).first(),
        "consent_text": CONSENT_TEXT,
    }
