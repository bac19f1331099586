from core.redis_cache import SharedClientRedisCache


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
