"""CACHE_URL: where the public pages keep their cached parts (README,
"Configuration")."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from ita_portal.settings import cache_from_url


def test_it_defaults_to_each_process_its_own_memory():
    config = cache_from_url("", 300)
    assert config["BACKEND"].endswith("LocMemCache")
    assert config["OPTIONS"] == {"MAX_ENTRIES": 300}
    assert cache_from_url("locmem://", 300) == config


def test_it_shares_the_cache_through_the_database_or_a_directory():
    database = cache_from_url("db://ita_cache", 50000)
    assert database["BACKEND"].endswith("DatabaseCache")
    assert database["LOCATION"] == "ita_cache"
    assert database["OPTIONS"] == {"MAX_ENTRIES": 50000}
    directory = cache_from_url("file:///var/cache/ita", 300)
    assert directory["BACKEND"] == "ita_portal.cache.FileCache"
    assert directory["LOCATION"] == "/var/cache/ita"


def test_it_shares_the_cache_through_redis():
    config = cache_from_url("redis://127.0.0.1:6379/1", 300)
    assert config == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/1",
    }


def test_the_redis_cache_adds_a_key_once(redis_url):
    """The render lock (reports/jobs.py) is `cache.add`: on a shared Redis
    only the first of two processes gets it."""
    from django.core.cache.backends.redis import RedisCache

    first = RedisCache(redis_url, {})
    second = RedisCache(redis_url, {})
    first.delete("lock")
    assert first.add("lock", "a", 30)
    assert not second.add("lock", "b", 30)
    assert second.get("lock") == "a"
    first.delete("lock")


def test_it_refuses_a_cache_it_does_not_know():
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        cache_from_url("memcached://127.0.0.1:11211", 300)


def test_the_file_cache_counts_its_entries_now_and_then(tmp_path):
    from ita_portal.cache import FileCache

    cache = FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 10}})
    cache.CHECK_EVERY = 5
    counted = []
    original = cache._list_cache_files

    def listing():
        counted.append(True)
        return original()

    cache._list_cache_files = listing
    for number in range(20):
        cache.set(f"key{number}", number)
    assert len(counted) == 4  # writes 1, 6, 11 and 16
    assert len(original()) <= 10 + cache.CHECK_EVERY
    assert cache.get("key19") == 19
