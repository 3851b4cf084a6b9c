"""Settings for `python -m outcomes.bench` only: the product's settings with the benchmark's URLs."""

from coproduction.settings import *  # noqa: F403

ROOT_URLCONF = "outcomes.bench_urls"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# Plain HTTP on loopback, static files straight from the source tree (no collectstatic).
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
WHITENOISE_AUTOREFRESH = True
