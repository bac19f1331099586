"""One sending rate for every worker on every host: at most SUBSCRIPTIONS_MAX_RATE messages in
any one-second window (the email provider's quota; 0 or unset: no limit), and a shared pause
when the provider answers "slow down".

A sliding-window log in Redis (REDIS_URL, the broker's Redis: its keys are never evicted): a
sorted set of the messages that still count, each scored with the moment it stops counting,
read and written by one Lua script per call (atomic, on Redis's own clock, so hosts whose
clocks differ agree). A message may go while fewer than `rate` messages count; it counts from
that moment until one second after `send()` returned, that is after the provider's answer.

Why not a token bucket or GCRA spacing messages 1/rate apart: they bound the moments messages
are *allowed*, and the provider counts the moment it *receives* each one, a few milliseconds
later and never quite the same few. Two messages allowed exactly one second apart often arrive
less than a second apart, and that window holds rate + 1. Counting a message from before it
is sent until one second after the provider answered covers whatever moment in between the
provider counts it at: take any one-second window of the provider's and the message in it
allowed last; every other message in the window was allowed before it and answered less than
a second before it was allowed (the provider received it in the same second), so it still
counted then, and the last was allowed only with fewer than `rate` counting. The price: the
quota is spent in bursts (a whole second's worth as fast as the workers go, then a wait).

A worker killed while sending (so never told the log the message was answered) holds its slot
for IN_FLIGHT_HOLD_TIMEOUTS x EMAIL_TIMEOUT seconds, the longest a send can take.

The pause: a provider's 4xx "slow down" (see services.sending.is_slow_down) sets a key that
expires when the pause ends; while it is set, no worker takes a slot, and a worker that asks
is told how long is left (`Paused`) and gives its batch back to the queue until then. A pause
is never shortened by a shorter one.

Without Redis (development: REDIS_URL unset, tasks run in the web process), LocalRate keeps
the same rules in this process only.

With a rate set, a Redis that does not answer pauses sending (a quota cannot be kept without
it); without a rate, Redis only holds the pause, and sending goes on without it.
"""

import logging
import threading
import time
import uuid
from contextlib import contextmanager

import redis
from django.conf import settings
from redis.backoff import NoBackoff
from redis.exceptions import RedisError
from redis.retry import Retry

logger = logging.getLogger(__name__)

WINDOW = 1.0  # seconds: the rate is per second
IN_FLIGHT_HOLD_TIMEOUTS = 10
LOG_KEY = "subscriptions:sending-rate:log"
PAUSE_KEY = "subscriptions:sending-rate:pause"

GRANTED, PAUSED, FULL = 1, 0, 2

# KEYS: the log, the pause. ARGV: rate, token, in-flight hold (µs). Returns {status, µs to wait}.
TAKE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local paused = redis.call('PTTL', KEYS[2])
if paused > 0 then return {0, paused * 1000} end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[2])
  redis.call('PEXPIRE', KEYS[1], math.ceil(tonumber(ARGV[3]) / 1000))
  return {1, 0}
end
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {2, math.min(tonumber(first[2]) - now, 1000000)}
"""
# KEYS: the log. ARGV: token, window (µs). The message was answered: it counts one window more.
DONE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[2]), ARGV[1])
"""
# KEYS: the pause. ARGV: milliseconds.
PAUSE = """
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
end
"""


class Paused(Exception):
    """Sending is paused for `seconds` more: a provider asked to slow down."""

    def __init__(self, seconds: float):
        super().__init__(f"sending is paused for {seconds:.1f} s")
        self.seconds = seconds


class Rate:
    """The shared interface: `with limiter.slot(): message.send()`, `pause(s)`, `paused_for()`."""

    def __init__(self, rate: int = 0, hold: float = 300.0):
        self.rate = rate  # messages a second; 0: no limit
        self.hold = hold  # seconds a slot counts while its message is being sent

    @contextmanager
    def slot(self):
        """Wait until one more message may go, then hold its slot while it is sent. Raises
        Paused (taking no slot) while sending is paused. Without a rate, only a context."""
        if not self.rate:
            yield
            return
        token = uuid.uuid4().hex
        while True:
            status, wait = self._take(token)
            if status == GRANTED:
                break
            if status == PAUSED:
                raise Paused(wait)
            time.sleep(wait)
        try:
            yield
        finally:
            self._done(token)

    def pause(self, seconds: float) -> None:
        raise NotImplementedError

    def paused_for(self) -> float:
        """Seconds left of the current pause (0: not paused)."""
        raise NotImplementedError

    def clear(self) -> None:
        """Forget every slot and the pause (tests, the benchmark)."""
        raise NotImplementedError

    def _take(self, token: str) -> tuple[int, float]:
        raise NotImplementedError

    def _done(self, token: str) -> None:
        raise NotImplementedError


class RedisRate(Rate):
    def __init__(self, client: redis.Redis, **kwargs):
        super().__init__(**kwargs)
        self.client = client
        self.take_script = client.register_script(TAKE)
        self.done_script = client.register_script(DONE)
        self.pause_script = client.register_script(PAUSE)

    def _take(self, token):
        try:
            status, wait = self.take_script(
                keys=[LOG_KEY, PAUSE_KEY], args=[self.rate, token, int(self.hold * 1e6)]
            )
        except RedisError:
            logger.warning("Redis did not answer: sending waits", exc_info=True)
            return PAUSED, float(settings.SUBSCRIPTIONS_RETRY_BASE_SECONDS)
        return status, wait / 1e6

    def _done(self, token):
        try:
            self.done_script(keys=[LOG_KEY], args=[token, int(WINDOW * 1e6)])
        except RedisError:  # the slot is held until IN_FLIGHT_HOLD: slower, never faster
            logger.warning("Redis did not answer: a sending slot is held longer", exc_info=True)

    def pause(self, seconds):
        try:
            self.pause_script(keys=[PAUSE_KEY], args=[max(1, int(seconds * 1000))])
        except RedisError:
            logger.warning("Redis did not answer: the other workers do not pause", exc_info=True)

    def paused_for(self):
        try:
            left = self.client.pttl(PAUSE_KEY)
        except RedisError:
            logger.warning("Redis did not answer: the shared pause is not known", exc_info=True)
            return 0.0
        return left / 1000 if left > 0 else 0.0

    def clear(self):
        self.client.delete(LOG_KEY, PAUSE_KEY)


class LocalRate(Rate):
    """The same rules for the threads of one process (no Redis)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.lock = threading.Lock()
        self.clear()

    def _take(self, token):
        now = time.monotonic()
        with self.lock:
            if self.paused_until > now:
                return PAUSED, self.paused_until - now
            self.counting = {t: end for t, end in self.counting.items() if end > now}
            if len(self.counting) < self.rate:
                self.counting[token] = now + self.hold
                return GRANTED, 0.0
            return FULL, min(min(self.counting.values()) - now, WINDOW)

    def _done(self, token):
        with self.lock:
            if token in self.counting:
                self.counting[token] = time.monotonic() + WINDOW

    def pause(self, seconds):
        with self.lock:
            self.paused_until = max(self.paused_until, time.monotonic() + seconds)

    def paused_for(self):
        return max(0.0, self.paused_until - time.monotonic())

    def clear(self):
        self.counting, self.paused_until = {}, 0.0


_limiters: dict = {}


def limiter() -> Rate:
    """The sending rate for the current settings: one per process (and Redis URL)."""
    url = settings.REDIS_URL
    if url not in _limiters:
        _limiters[url] = RedisRate(redis_client(url)) if url else LocalRate()
    found = _limiters[url]
    found.rate = settings.SUBSCRIPTIONS_MAX_RATE
    found.hold = IN_FLIGHT_HOLD_TIMEOUTS * (settings.EMAIL_TIMEOUT or 30)
    return found


def redis_client(url: str) -> redis.Redis:
    """A client of its own (thread-safe; its pool reconnects after a fork): a Redis that does
    not answer fails the call in seconds, not never."""
    return redis.Redis.from_url(
        url, socket_connect_timeout=2, socket_timeout=5, retry=Retry(NoBackoff(), 1)
    )
