"""Parts of public pages kept rendered until a table they were built from changes.

The whole-page cache (cache.py) answers most anonymous requests, but it is all or nothing:
any content edit makes every page stale, and some requests never use it (a visitor with a
message to show, a query string nobody asked for before). Those pages are rendered, and this
module keeps the render cheap. The page top (head, header, breadcrumbs), the translation
notice, the main content and the footer are stored rendered (`{% cached_fragment %}`,
templatetags/fragments.py), each with the versions of the content tables the request had read
by the time it was finished.
A fragment is reused until one of those tables changes: editing a roadmap action rebuilds
what shows actions and leaves the exchange's pages alone, which is what keeps a burst of
visitors after an edit from rendering every page from scratch.

Why the tables *read*, rather than a list of dependencies written next to each fragment: no
list to keep in step with templates, and it can only err on the safe side. Every query the
request ran before the fragment ended counts (the view's as well as the fragment's own), so a
fragment is never kept past a change to anything that could have gone into it.

The rest of what a fragment shows must be in its key: the page's language and the release
(both added here) and whatever the template passes (the page's path, the current section).
Staff never read or write fragments: they may be looking at drafts.

What a view must know before it renders is kept the same way (`remember`): the row a detail
page shows, or how many pages a list has. Both decide a 404, and both are a function of the
tables the query read, so the answer is reused exactly as long as a fragment built from those
tables would be: a row unpublished, renamed or deleted is a write to its table, and the next
request asks the database again. A page whose parts are all current thus runs no query.
"""

import hashlib
import os
import pickle
import re
import time
from functools import cache, partial
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.utils.translation import get_language

from .cache import is_content_model, is_private, only_declared_params

KEY_PREFIX = "fragments:"
# Per address: every fragment its last render used, read with the versions in one round trip.
BUNDLE_PREFIX = "fragments:address:"
TABLE_PREFIX = "fragments:table:"
# Bumped when content changed without the caller knowing which tables (a bulk change).
EPOCH_KEY = "fragments:epoch"
COLD_HEADER = "HTTP_X_BENCH_NO_CACHE"  # `all`: no fragments either (BENCH_MODE only)

TABLE_IN_SQL = re.compile(r'(?:FROM|JOIN)\s+"([^"]+)"')


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


@cache
def content_tables() -> frozenset[str]:
    """The tables whose changes are signalled (cache.is_content_model): the only ones a
    fragment can depend on, since no other change would ever make it stale."""
    tables = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if is_content_model(model)
    }
    # Not content itself, but what search results are read from: search_index reports writes.
    tables.add(apps.get_model("cleanindustry", "SearchDocument")._meta.db_table)
    return frozenset(tables)


@cache
def release() -> str:
    """A digest of the code, templates, compiled catalogues and locked dependencies: a deploy
    that changes what a page says starts new fragments and pages (cache.py keys on it too) at
    once, and nothing pickled under one Django release is read under another."""
    digest = hashlib.sha256()
    root = settings.BASE_DIR
    skip = {"node_modules", "staticfiles", "static", "var", "tests"}
    for folder, subfolders, files in os.walk(root):  # top-down, so pruning `subfolders` works
        subfolders[:] = sorted(d for d in subfolders if d not in skip and not d.startswith("."))
        for name in sorted(files):
            if name == "uv.lock" or os.path.splitext(name)[1] in {".py", ".html", ".txt", ".mo"}:
                path = os.path.join(folder, name)
                digest.update(os.path.relpath(path, root).encode())
                digest.update(Path(path).read_bytes())
    return digest.hexdigest()[:16]


def tables_written(tables) -> None:
    """Changes outside the content signals (the search index): the fragments built from
    `tables` go stale now, and again once the change is committed, so that one rebuilt from
    the old rows in between does not outlive it."""
    tables_changed(tables)
    transaction.on_commit(partial(tables_changed, tables), robust=True)


def tables_changed(tables) -> None:
    """Make stale the fragments built from `tables`; every fragment when `tables` is None."""
    cache = _cache()
    for key in [TABLE_PREFIX + t for t in tables] if tables is not None else [EPOCH_KEY]:
        try:
            cache.incr(key)
        except ValueError:  # never set, or evicted: a new start can match no stored fragment
            cache.add(key, time.time_ns(), timeout=None)


class RecordTablesMiddleware:
    """Reads the table versions before the request reads any content, and notes which tables
    it reads: a fragment is stored with versions no newer than the rows it was built from."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or request.path_info.startswith(
            settings.PAGE_CACHE_SKIP_PREFIXES
        ):
            return self.get_response(request)
        bundle_key = start(request)

        def record(execute, sql, params, many, context):
            request.tables_read.update(TABLE_IN_SQL.findall(sql))
            return execute(sql, params, many, context)

        with connection.execute_wrapper(record):
            response = self.get_response(request)
        # Only from a page answered as it should be, and one anybody may be shown: no entries
        # for every mistyped address, a page that failed halfway, or a personal (token) page;
        # nor for every made-up query string (keys hold the full address; see cache.py).
        if _shareable(response) and only_declared_params(request):
            to_store, kept = request.fragments_to_store, request.fragments_kept
            # Rewritten when something in it was rebuilt or added; not when a request used less
            # of it (a stored fragment spares its nested ones) or none (staff's requests).
            if kept and (to_store or not kept.keys() <= request.fragment_bundle.keys()):
                to_store[bundle_key] = kept
            if to_store:
                _cache().set_many(to_store, settings.PAGE_CACHE_SECONDS)
        return response


def start(request) -> str:
    """Ready `request` to read and store fragments; returns the key of its address's bundle:
    the fragments the last render of this address used, read with the versions."""
    bundle_key = BUNDLE_PREFIX + _digest([release(), request.get_full_path()])
    found = _read_versions(bundle_key)
    request.fragment_bundle = found.pop(bundle_key, None) or {}
    request.fragment_versions = found
    request.fragments_kept = {}  # this address's next bundle: what was used and is current
    request.tables_read = set()
    request.fragments_to_store = {}
    return bundle_key


def _shareable(response) -> bool:
    if response.status_code != 200 or response.streaming:
        return False
    return not is_private(response)


def usable(request) -> bool:
    if not settings.FRAGMENT_CACHE or request is None or not hasattr(request, "tables_read"):
        return False
    if settings.BENCH_MODE and request.META.get(COLD_HEADER) == "all":
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def key(name: str, vary_on) -> str:
    return KEY_PREFIX + _digest([release(), get_language() or "", name, *map(str, vary_on)])


def _digest(parts) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _read_versions(*also) -> dict:
    """Every content table's version and the epoch (and the keys `also`), in one round trip."""
    names = [EPOCH_KEY, *(TABLE_PREFIX + t for t in content_tables())]
    found = _cache().get_many([*names, *also])
    for name in set(names) - found.keys():
        _cache().add(name, time.time_ns(), timeout=None)
        found[name] = _cache().get(name)
    return found


def get(request, fragment_key: str):
    """What was stored under `fragment_key` if nothing it was built from has changed since,
    else None: from the address's bundle, or else (a fragment shared between addresses, such
    as the navigation, on an address's first render) on its own."""
    entry = request.fragment_bundle.get(fragment_key) or _cache().get(fragment_key)
    if entry is None:
        return None
    epoch, tables, html = entry
    versions = request.fragment_versions
    if versions[EPOCH_KEY] != epoch:
        return None
    if any(versions.get(TABLE_PREFIX + t) != v for t, v in tables.items()):
        return None
    request.fragments_kept[fragment_key] = entry
    return html


def put(request, fragment_key: str, html: str) -> None:
    """Store `html` once the page has been answered (RecordTablesMiddleware), unless it holds
    something that must differ per visitor or per answer."""
    nonce = getattr(request, "_csp_nonce", None)
    if "csrfmiddlewaretoken" in html or (nonce and nonce in html):
        return
    _keep(request, fragment_key, html)


def _keep(request, fragment_key: str, stored) -> None:
    versions = request.fragment_versions
    tables = {t: versions[TABLE_PREFIX + t] for t in request.tables_read & content_tables()}
    entry = (versions[EPOCH_KEY], tables, stored)
    request.fragments_to_store[fragment_key] = request.fragments_kept[fragment_key] = entry


def remember(request, name: str, compute):
    """`compute()` for this address (path, query string and language), reused until a table
    read so far by the request changes, like a fragment. For what a view needs before it
    renders: the row behind a detail page, a list's length. An exception (Http404) stores
    nothing; neither does a page that is not answered with a 200 (RecordTablesMiddleware).
    """
    if not usable(request):
        return compute()
    value_key = key("value:" + name, [request.get_full_path()])
    stored = get(request, value_key)
    if stored is not None:
        return pickle.loads(stored)
    value = compute()
    # Pickled now: the value as the query returned it, not with what the render adds to it
    # later (a row's prefetched relations, which are kept in their own fragments).
    _keep(request, value_key, pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
    return value


class RememberedObjectMixin:
    """For a SingleObjectMixin view: the object is looked up once per address and content
    change (`remember`), not on every request."""

    def get_object(self, queryset=None):
        lookup = super().get_object
        return remember(self.request, "object", lambda: lookup(queryset))


def deferred(compute, *names) -> dict:
    """Context entries computed only when a template first uses one of them, so that a page
    whose fragments are all stored runs none of the queries behind them.

    `compute()` returns a dict holding at least `names`; it runs once, on first use. Each entry
    is a callable, which Django's templates call when they resolve the variable.
    """
    values = cache(compute)
    return {name: partial(_entry, values, name) for name in names}


def _entry(values, name):
    return values()[name]
