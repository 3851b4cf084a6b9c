import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def local_cache(settings):
    """Rate limits use the cache; the suite has no cache table, so use a local one per test."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    yield
    cache.clear()
