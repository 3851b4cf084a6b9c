import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def local_cache(settings):
    """Rate limits use the cache: a fresh local cache per test keeps one test's limits out of the next."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    yield
    cache.clear()
