from django import template

from pages.language_access import language_access_lines

register = template.Library()


@register.inclusion_tag("pages/_language_access.html")
def language_access(absolute_urls_from=""):
    """The language-access line in every supported language. In emails, pass SITE_URL so the
    contact links are absolute; the plain-text emails use `language_access_lines` directly."""
    return {"lines": language_access_lines(), "base_url": absolute_urls_from}
