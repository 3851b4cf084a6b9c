"""Settings for the benchmarks only: the product's settings (database, connections, middleware
as in production) with the benchmark's URLs, and plain HTTP on loopback."""

from coproduction.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
# Static files straight from the source tree (no collectstatic before a run).
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
WHITENOISE_AUTOREFRESH = True
# Every dashboard view works its figures out afresh: no kept copy is measured.
REPORT_CACHE_SECONDS = 0
# Scratch databases get their tables straight from the models (as pytest-django's
# --nomigrations does): seconds instead of replaying every migration. The schema is the same
# (`makemigrations --check` keeps models and migrations in step).
MIGRATION_MODULES = {app.rsplit(".", 1)[-1]: None for app in INSTALLED_APPS}  # noqa: F405
