from django import template
from django.utils.safestring import mark_safe

from publishing.sanitize import clean_html

register = template.Library()


@register.filter
def richtext(value):
    """Render stored rich text, sanitised again: text saved before a rule changed is safe too."""
    return mark_safe(clean_html(value or ""))
