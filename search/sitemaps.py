"""sitemap.xml: the section pages and every published object the site search knows about.

Content apps already register their public querysets with `search.registry`; the sitemap
reads that registry (and `register` here, for pages search does not index), so no app needs
a sitemap of its own; the project's URLconf names the section pages. Locations use SITE_URL, the
site's public address, whatever host the request came through. Every page is listed once per
language in settings.LANGUAGES, with hreflang alternates (and x-default, the English page).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import NoReverseMatch, reverse

from . import registry

# Public pages listed besides the search registry's, by app (`register`, from AppConfig.ready()).
_extra_querysets: list[Callable[[], Iterable]] = []


def register(queryset: Callable[[], Iterable]) -> None:
    """List the public objects `queryset()` returns (each with get_absolute_url) in the sitemap,
    for pages the site search does not index (e.g. the archive of sent email updates)."""
    _extra_querysets.append(queryset)


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

    def __init__(self, sections: list[str]):
        self.sections = sections  # URL names, listed by the project's URLconf

    def items(self):
        entries = []
        for name in self.sections:
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

    def __init__(self, sections: SectionSitemap):
        self.sections = sections

    def items(self):
        seen = {entry.url() for entry in self.sections.items()}
        entries = []
        querysets = [entry.queryset() for entry in registry.registered()]
        querysets += [queryset() for queryset in _extra_querysets]
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


def sitemaps(sections: list[str]) -> dict[str, Sitemap]:
    """sitemap.xml's sitemaps: the section pages (`sections`, URL names), then every public
    object the search registry or `register` knows about, once each."""
    section_sitemap = SectionSitemap(sections)
    return {"sections": section_sitemap, "content": ContentSitemap(section_sitemap)}
