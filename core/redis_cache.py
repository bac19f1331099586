"""Django's Redis cache backend, with one redis client per connection pool instead of one per call.

`django.core.cache.backends.redis.RedisCacheClient.get_client` builds a new `redis.Redis` for
every cache operation, and building one (its table of ~170 response callbacks) costs more than
the round trip to Redis itself: about a third of a cached page's answer time in a profile. A
`redis.Redis` is safe to share between threads (connections come from the pool), and the pool
reconnects after a fork, so one client per pool is made once and kept.

Keys are not checked against memcached's rules either (Django checks every key, character by
character, for every backend): Redis takes any key, and a public page reads some forty keys
(cleanindustry/fragments.py), where the check cost as much as the round trip.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


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
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient

    def make_and_validate_key(self, key, version=None):
        return self.make_key(key, version=version)
