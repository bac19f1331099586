"""Whole-page cache for anonymous visitors, invalidated by a site-wide content version.

Every public page is built from content staff edit in the admin (or services and the beat
task change). Rather than work out which pages one row appears on, any change to any content
row bumps one number in the cache, the *content version*; a cached page is served only while
the version it was built under is still current. Pages are rebuilt lazily, one miss each,
after an edit: cheap, and an edit shows on every page at once.

What is cached, and for whom (`PublicPageCacheMiddleware`):
- GET and HEAD requests from visitors without a session cookie (staff always have one, so
  they never read or write an entry and always see drafts and fresh pages) and without a
  messages cookie (a pending "thank you" message is personal);
- 200 responses with no Set-Cookie, no CSRF token, no CSP nonce, no `Cache-Control:
  private/no-cache/no-store` (e.g. `never_cache` views, token pages) and not streaming.
  A page that renders a CSRF token sets the CSRF cookie, so it is never stored: a visitor
  can never receive another visitor's cookie or token. The sign-up forms in the footer and on
  action pages carry no token on purpose (see subscriptions/views.py), which is what makes
  pages cacheable; the contact form keeps its token and is simply never cached.

One cache round trip per hit: the entry and the version are fetched together (`get_many`)
and the entry records the version it was built under. Keys hold `settings.RELEASE` too, so
after a deploy pages show the new templates and wording at once.

What an entry holds: the page as it was answered, with every header the middleware below this
one set (CSP and Permissions-Policy included: they are the same on every answer of a stored
page, since a page with a CSP nonce is never stored), but without the templates' indentation.
A run of whitespace that starts at a line break renders as one space in HTML whatever its
length, so an HTML page is stored with each such run cut to its line break: the page looks and
reads the same, takes about a quarter less of the cache's capped memory and moves fewer bytes
on every hit. A page with a `<pre>` or a `<textarea>`, where whitespace shows, is stored as it
was rendered, and so is anything that is not HTML (iCalendar, JSON, XML).

Query strings: made-up ones store nothing. A view declares the query parameters it reads
(`@reads_query_params("q")`, on a view function or a class-based view); an entry's key is the
address's scheme, host and path plus the values of the parameters that any view declares, and
nothing else. So `/roadmap/?utm_source=x` or `/roadmap/?<random>=1` is answered with the entry
of `/roadmap/`. A response is stored only when its request carried no parameter besides those
its own view declares: a page echoes its query string (the language switcher's links keep it),
so an entry must come from an address that holds nothing its key leaves out. A request with
any other parameter is answered by the view and stored nowhere. What remains is the values of the
parameters a page does read (a search for every word): each is a real page, and the cache's
capped memory bounds them (its own Redis with `maxmemory` and `allkeys-lru`, apart from the
Celery broker; README "Production").
"""

import functools
import hashlib
import re
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.urls import URLResolver, get_resolver
from django.utils.cache import cc_delim_re, set_response_etag
from django.utils.http import urlencode

VERSION_KEY = "pagecache:content-version"
ENTRY_PREFIX = "pagecache:page:"

# The models whose rows public pages show: each app registers its own (`register`, from its
# AppConfig.ready(); publishing registers every Publishable and the content staff edit).
# Not the contact inbox or the search index: the index follows changes that bump already.
_content_models: set[type[Model]] = set()

# Response headers never stored: a cookie is one visitor's.
SKIPPED_HEADERS = {"set-cookie"}

# See "What an entry holds" above.
INDENTATION = re.compile(rb"\n\s+")
WHITESPACE_SHOWN = re.compile(rb"<(?:pre|textarea)[\s>]", re.IGNORECASE)


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def reads_query_params(*names):
    """Declare the query parameters a view's answer depends on (see the module docstring).
    For a view function or a class-based view; a view that declares none is stored only for
    requests without a query string."""

    def declare(view):
        view.query_params_read = frozenset(names)
        return view

    return declare


def params_read_by(view) -> frozenset[str]:
    return getattr(getattr(view, "view_class", view), "query_params_read", frozenset())


@functools.cache
def params_read_anywhere() -> frozenset[str]:
    """The parameters some routed view declares: the only ones an entry's key can hold."""

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns)
            else:
                yield from params_read_by(pattern.callback)

    return frozenset(walk(get_resolver().url_patterns))


def only_declared_params(request) -> bool:
    """The request holds no query parameter that the view which answered it does not read:
    its answer may be stored for the address its key names."""
    if not request.GET:
        return True
    match = getattr(request, "resolver_match", None)
    return match is not None and request.GET.keys() <= params_read_by(match.func)


def content_version() -> int:
    version = _cache().get(VERSION_KEY)
    return version if version is not None else _start_version()


def _start_version() -> int:
    # Start from the clock, not 1: if the version key is lost (eviction, a Redis restart),
    # no entry built under an earlier version can ever match again.
    _cache().add(VERSION_KEY, time.time_ns(), timeout=None)
    return _cache().get(VERSION_KEY)


def bump_content_version() -> None:
    """Make every cached page stale. Called on any change to content; safe to call often."""
    cache = _cache()
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet
        _start_version()
        cache.incr(VERSION_KEY)


def content_changed() -> None:
    """Content changed in this transaction: cached pages are stale now, for this process and
    for tests inside a transaction, and again after the commit, so that a page rebuilt by
    another request before the commit (from the old rows, under the new version) does not
    outlive it. For changes made without model signals (bulk updates, the search index)."""
    bump_content_version()
    transaction.on_commit(bump_content_version, robust=True)


def register(*models: type[Model]) -> None:
    """A change to a row of any of `models` makes every cached page stale."""
    _content_models.update(models)


def is_content_model(model) -> bool:
    return model in _content_models


def _content_changed(sender, **kwargs):
    if kwargs.get("signal") is m2m_changed:
        # Both ends must be content: a subscriber choosing topics changes no public page.
        if not kwargs["action"].startswith("post_") or not (
            is_content_model(type(kwargs["instance"])) and is_content_model(kwargs["model"])
        ):
            return
    elif not is_content_model(sender):
        return
    content_changed()


def connect_signals() -> None:
    """Connected once from CoreConfig.ready(); apps only `register` their models."""
    # A finished email send is a bulk update without signals: subscriptions.services
    # .finish_if_done bumps the version itself.
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_content_changed, dispatch_uid=f"pagecache.{id(signal)}")


class PublicPageCacheMiddleware:
    """Serve and store whole public pages for anonymous visitors (see the module docstring).

    Sits below the security, WhiteNoise and conditional-GET middleware (an ETag and a 304 on
    every answer) and above everything else: a hit skips the CSP and Permissions-Policy
    middleware (their headers are stored with the page), sessions, CSRF, authentication and
    the view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._may_use_cache(request):
            return self.get_response(request)
        key = self._key(request)
        cache = _cache()
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY)
        if version is None:
            version = _start_version()
        entry = found.get(key)
        if entry is not None and entry[0] == version:
            response = self._rebuild(entry)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if request.method == "GET" and self._may_store(request, response):
            self._cut_indentation(response)
            set_response_etag(response)
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in SKIPPED_HEADERS
            ]
            entry = (version, response.status_code, headers, response.content)
            cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _may_use_cache(request) -> bool:
        if request.method not in ("GET", "HEAD"):
            return False
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return False  # staff, or a visitor with something personal in a session
        if CookieStorage.cookie_name in request.COOKIES:
            return False
        return not request.path_info.startswith(settings.PAGE_CACHE_SKIP_PREFIXES)

    @staticmethod
    def _may_store(request, response) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if getattr(request, "_csp_nonce", None) is not None:
            return False  # a nonce must differ on every answer
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return False  # the page holds a CSRF token
        return only_declared_params(request) and not is_private(response)

    @staticmethod
    def _cut_indentation(response) -> None:
        if not response.get("Content-Type", "").startswith("text/html"):
            return
        if WHITESPACE_SHOWN.search(response.content):
            return
        response.content = INDENTATION.sub(b"\n", response.content)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))

    @staticmethod
    def _key(request) -> str:
        # Scheme, host, path and the declared parameters, in a fixed order (each one's values
        # in theirs: a view reads the last).
        declared = params_read_anywhere()
        query = urlencode(sorted(i for i in request.GET.lists() if i[0] in declared), doseq=True)
        url = f"{request.build_absolute_uri(request.path)}?{query}"
        # The release too: after a deploy, pages show the new templates and wording at once.
        return ENTRY_PREFIX + hashlib.sha256(f"{settings.RELEASE} {url}".encode()).hexdigest()

    @staticmethod
    def _rebuild(entry) -> HttpResponse:
        _, status, headers, content = entry
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        return response


def is_private(response) -> bool:
    """The view said its answer is for one visitor only, or must not be kept."""
    cache_control = {
        part.split("=")[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return bool(cache_control & {"private", "no-cache", "no-store"})
