import time
from urllib.parse import urlsplit

import pytest

from core.redis_cache import SharedClientRedisCache
from tests.proxy import TcpProxy


def test_one_redis_client_serves_every_call_and_values_round_trip(redis_url):
    cache = SharedClientRedisCache(redis_url, {"KEY_PREFIX": "test-shared-client"})
    cache.set("answer", {"value": 42})
    assert cache.get_many(["answer", "missing"]) == {"answer": {"value": 42}}
    assert cache._cache.get_client(write=True) is cache._cache.get_client(write=True)
    assert cache._cache.get_client() is cache._cache.get_client(write=True)  # one server
    cache.delete("answer")
    assert cache.get("answer") is None


def test_keys_are_not_held_to_memcacheds_rules(redis_url, recwarn):
    cache = SharedClientRedisCache(redis_url, {"KEY_PREFIX": "test-shared-client"})
    key = "a key with spaces " + "x" * 300  # memcached: no spaces, at most 250 characters
    cache.set(key, "kept")
    assert cache.get(key) == "kept"
    assert not [w for w in recwarn if "CacheKeyWarning" in type(w.message).__name__]
    cache.delete(key)


@pytest.fixture
def cut_cache(redis_url):
    """A cache on the real Redis through a proxy the test cuts (tests/proxy.py)."""
    real = urlsplit(redis_url)
    proxy = TcpProxy(real.hostname or "127.0.0.1", real.port or 6379)
    location = real._replace(netloc=f"127.0.0.1:{proxy.port}").geturl()
    cache = SharedClientRedisCache(location, {"KEY_PREFIX": "test-outage"})
    cache.set("kept", "value")
    cache.set("count", 1)
    proxy.cut()
    yield cache, proxy
    proxy.cut()


def test_with_redis_cut_reads_miss_and_writes_are_dropped_as_by_a_dummy_cache(cut_cache):
    cache, _ = cut_cache
    assert cache.get("kept") is None and cache.get("kept", "default") == "default"
    assert cache.get_many(["kept", "count"]) == {}
    assert cache.has_key("kept") is False
    assert cache.get_or_set("computed", lambda: 42) == 42
    cache.set("new", 1)
    assert cache.set_many({"a": 1}) == []
    assert cache.add("lock", True) is True  # a lock (allauth's rate limits) lets one through
    assert cache.touch("kept") is False and cache.delete("kept") is False
    cache.delete_many(["kept"])
    assert cache.incr("count") == 1 and cache.decr("count", 2) == -2  # a counter starting at 0
    assert cache.clear() is False


def test_one_warning_a_minute_and_redis_tried_again_after_retry_after(cut_cache, caplog):
    cache, proxy = cut_cache
    cache.retry_after = 0.2
    for _ in range(5):
        assert cache.get("kept") is None
    warnings = [r for r in caplog.records if r.name == "core.redis_cache"]
    assert len(warnings) == 1 and warnings[0].levelname == "WARNING"
    proxy.restore()
    assert cache.get("kept") is None  # within retry_after of the failure: Redis not asked
    time.sleep(0.2)
    assert cache.get("kept") == "value"
    cache.delete_many(["kept", "count"])


def test_a_redis_that_does_not_answer_costs_one_timeout_then_nothing(redis_url):
    real = urlsplit(redis_url)
    proxy = TcpProxy(real.hostname or "127.0.0.1", real.port or 6379)
    cache = SharedClientRedisCache(
        real._replace(netloc=f"127.0.0.1:{proxy.port}").geturl(), {"KEY_PREFIX": "test-outage"}
    )
    try:
        proxy.stall()
        started = time.monotonic()
        assert cache.get("kept", "default") == "default"
        assert time.monotonic() - started < 3  # socket timeouts, one retry
        started = time.monotonic()
        assert cache.get_many(["a", "b"]) == {} and cache.add("lock", 1) is True
        assert time.monotonic() - started < 0.1  # within retry_after: Redis not asked
    finally:
        proxy.cut()
