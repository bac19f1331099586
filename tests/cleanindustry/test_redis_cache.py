from cleanindustry.redis_cache import SharedClientRedisCache


def test_one_redis_client_serves_every_call_and_values_round_trip(redis_url):
    cache = SharedClientRedisCache(redis_url, {"KEY_PREFIX": "test-shared-client"})
    cache.set("answer", {"value": 42})
    assert cache.get_many(["answer", "missing"]) == {"answer": {"value": 42}}
    assert cache._cache.get_client(write=True) is cache._cache.get_client(write=True)
    assert cache._cache.get_client() is cache._cache.get_client(write=True)  # one server
    cache.delete("answer")
    assert cache.get("answer") is None
