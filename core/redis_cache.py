"""Django's Redis cache backend, with one redis client per connection pool instead of one per
call, and a Redis outage answered as cache misses.

`django.core.cache.backends.redis.RedisCacheClient.get_client` builds a new `redis.Redis` for
every cache operation, and building one (its table of ~170 response callbacks) costs more than
the round trip to Redis itself: about a third of a cached page's answer time in a profile. A
`redis.Redis` is safe to share between threads (connections come from the pool), and the pool
reconnects after a fork, so one client per pool is made once and kept.

Keys are not checked against memcached's rules either (Django checks every key, character by
character, for every backend): Redis takes any key, and in a profile the check cost as much
as the round trip.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.backoff import NoBackoff
from redis.exceptions import RedisError
from redis.retry import Retry

logger = logging.getLogger(__name__)


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class SharedClientRedisCache(RedisCache):
    """The cache is an optimisation: when Redis fails, every call answers as Django's
    DummyCache (a cache that keeps nothing) does, and pages render from the database.

    - reads miss (`get` returns the default, `get_many` {}, `has_key` False);
    - writes are dropped (`set`, `set_many`, `delete`, `touch`, `clear`); `add` says True, as
      DummyCache does: the caller may go on as if it held the key;
    - `incr`/`decr` answer `delta`, as a counter created at that moment would (DummyCache would
      raise ValueError, and the content version's bump would then fail every admin save).

    So a lock or a limit built on the cache lets every request through while Redis is down.
    That is the choice for allauth's rate limits (staff sign-in, password resets, the contact
    form and the email-updates sign-up): they fail open. A public sign-up is still harmless,
    since nobody is subscribed until the mailbox's owner presses the link of the double opt-in
    email; the alternative, failing closed, would answer 429 to everyone until Redis is back
    (and allauth's rate-limit lock, an `add`, would first wait a second on every request).
    allauth also marks a used TOTP code with `add`: during an outage a code could be used twice
    within its 30 seconds (by someone who also has the password), rather than no staff member
    being able to sign in. Sessions are in the database (settings.SESSION_ENGINE).

    A failed call makes the next `retry_after` seconds answer at once without asking Redis (in
    this process): a Redis that does not answer costs one timeout per interval, not one per
    call, and a page makes several. Failures are logged at WARNING, at most once per
    `warn_every` seconds. Writes made during an outage are lost: a content edit made while a
    Redis that kept its data was unreachable shows once the next edit bumps the content version
    again, or when the page's entry expires (PAGE_CACHE_SECONDS).
    """

    retry_after = 5.0
    warn_every = 60.0
    # A stale pooled connection (Redis restarted) is replaced at once; a Redis that refuses
    # connections fails fast instead of backing off (redis-py's default waits ~0.5 s per call).
    default_options = {
        "retry": Retry(NoBackoff(), 1),
        "socket_connect_timeout": 1,
        "socket_timeout": 1,
    }

    def __init__(self, server, params):
        options = {**self.default_options, **params.get("OPTIONS", {})}
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = SharedClientRedisCacheClient
        self._down_until = 0.0
        self._warned_at = None

    def make_and_validate_key(self, key, version=None):
        return self.make_key(key, version=version)

    def _call(self, method, outage_answer, *args):
        """`method(*args)` of Django's RedisCache, or `outage_answer` when Redis fails."""
        if time.monotonic() < self._down_until:
            return outage_answer
        try:
            return method(*args)
        except RedisError as error:
            self._failed(error)
            return outage_answer

    def _failed(self, error: RedisError) -> None:
        now = time.monotonic()
        self._down_until = now + self.retry_after
        if self._warned_at is None or now - self._warned_at >= self.warn_every:
            self._warned_at = now
            logger.warning(
                "Cache unavailable (%s: %s): pages render from the database; Redis is tried "
                "again every %g s (this warning: at most every %g s)",
                type(error).__name__, error, self.retry_after, self.warn_every,
            )  # fmt: skip

    def get(self, key, default=None, version=None):
        return self._call(super().get, default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._call(super().has_key, False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().add, True, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call(super().set, None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set_many, [], data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().touch, False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(super().delete, False, key, version)

    def delete_many(self, keys, version=None):
        self._call(super().delete_many, None, keys, version)

    def incr(self, key, delta=1, version=None):
        return self._call(super().incr, delta, key, delta, version)

    def clear(self):
        return self._call(super().clear, False)
