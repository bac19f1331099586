"""sitemap.xml: the section pages and every published object the site search knows about.

Content apps already register their public querysets with `search.registry`; the sitemap
reads that registry, so no app needs a sitemap of its own. Locations use SITE_URL, the
site's public address, whatever host the request came through. Every page is listed once per
language in settings.LANGUAGES, with hreflang alternates (and x-default, the English page).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import NoReverseMatch, reverse

from . import registry

SECTIONS = [
    "pages:home",
    "pages:about",
    "exchange:index",
    "exchange:partners",
    "assessment:index",
    "roadmap:index",
    "subscriptions:archive",
    "subscriptions:subscribe",
    "pages:contact",
    "pages:accessibility",
]


@dataclass(frozen=True)
class Entry:
    # Called under each language in turn (Sitemap.i18n), so it gives that language's address.
    url: Callable[[], str]
    lastmod: datetime | None


class SiteUrlSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    def location(self, item):
        return item.url()

    def lastmod(self, item):
        return item.lastmod


class SectionSitemap(SiteUrlSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        entries = []
        for name in SECTIONS:
            try:
                reverse(name)
            except NoReverseMatch:  # an optional section that is not installed
                continue
            entries.append(Entry(lambda name=name: reverse(name), None))
        return entries


def _lastmod(obj) -> datetime | None:
    for field in ("updated_at", "sent_at", "published_at"):
        if value := getattr(obj, field, None):
            return value
    return None


class ContentSitemap(SiteUrlSitemap):
    changefreq = "monthly"

    def items(self):
        seen = {entry.url() for entry in SectionSitemap().items()}
        entries = []
        querysets = [entry.queryset() for entry in registry.registered()]
        if apps.is_installed("subscriptions"):  # the archive of sent updates
            querysets.append(apps.get_model("subscriptions", "Update").objects.archived())
        for queryset in querysets:
            for obj in queryset:
                try:
                    url = obj.get_absolute_url()
                except NoReverseMatch:
                    continue
                # A page section or a partner on the partners page has no page of its own.
                if "#" in url or url in seen:
                    continue
                seen.add(url)
                entries.append(Entry(obj.get_absolute_url, _lastmod(obj)))
        return entries


SITEMAPS = {"sections": SectionSitemap, "content": ContentSitemap}
