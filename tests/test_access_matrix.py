"""Every URL pattern of the project has a row in the role x view matrix.

The rows live in ``tests/<app>/access.py`` and run in ``tests/<app>/test_access.py``."""

from django.urls import URLPattern, URLResolver, get_resolver

from tests.access import all_rows

# Third-party and framework URLs that are not ours to test here.
SKIPPED_NAMESPACES = {"admin"}
SKIPPED_PREFIXES = ("accounts/", "admin/", "static/")


def _url_names(resolver=None, namespace=None, prefix=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if pattern.namespace in SKIPPED_NAMESPACES or route.startswith(SKIPPED_PREFIXES):
                continue
            ns = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from _url_names(pattern, ns or None, route)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_has_a_row_in_the_matrix():
    missing = sorted(set(_url_names()) - set(all_rows()))
    assert not missing, f"Add rows to tests/<app>/access.py for: {missing}"


def test_every_app_with_rows_runs_them():
    import importlib.util

    from tests.access import app_access_modules

    for module in app_access_modules():
        app = module.__name__.rsplit(".", 2)[-2]
        assert importlib.util.find_spec(f"tests.{app}.test_access"), f"tests/{app}/test_access.py runs no matrix"
