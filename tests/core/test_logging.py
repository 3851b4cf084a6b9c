"""Links carry secrets (resident tokens, password-reset and invitation keys, calendar feeds), and
no secret is ever written to a log: not by runserver, gunicorn or Django's request logging."""

import datetime as dt
import io
import logging
import threading
import urllib.error
import urllib.request
from contextlib import contextmanager
from types import SimpleNamespace

import pytest
from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer
from django.core.wsgi import get_wsgi_application
from django.urls import URLResolver, get_resolver, reverse
from gunicorn.config import Config
from gunicorn.glogging import Logger

from core.logging import RedactTokensFilter

TOKEN = "Y1OoEN9S7H0wMBYfC21TVt4Zp7H3xlqtyTM0jqPAmVY"


def _secret_routes(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _secret_routes(pattern.url_patterns, inner)
        elif {"token", "key"} & set(pattern.pattern.regex.groupindex):
            yield namespace + pattern.name, set(pattern.pattern.regex.groupindex)


def secret_urls():
    """Every address in the URLconf with a token or key in it, holding TOKEN, and a query string
    with a secret in it; a secret link added later is covered without changing this test."""
    urls = [
        reverse(name, kwargs={param: TOKEN if param in ("token", "key") else "1" for param in params})
        for name, params in _secret_routes(get_resolver().url_patterns)
    ]
    assert {"/accounts/password/reset/key/1-" + TOKEN + "/", f"/r/calendar/{TOKEN}/"} <= set(urls)
    return urls + [f"/accounts/login/?next=/&token={TOKEN}", f"/healthz?reset_key={TOKEN}&x=1"]


@contextmanager
def configured_log_output():
    """What the handlers configured in settings.LOGGING write, collected in a string."""
    handlers = {h for name in ("django.server", "django.request", "") for h in logging.getLogger(name).handlers}
    handlers = [h for h in handlers if isinstance(h, logging.StreamHandler)]
    assert handlers
    buffer = io.StringIO()
    previous = [h.setStream(buffer) for h in handlers]
    try:
        yield buffer
    finally:
        for handler, stream in zip(handlers, previous, strict=True):
            handler.setStream(stream)


@pytest.mark.django_db(transaction=True)
def test_runserver_and_django_request_logs_hold_no_secret_from_any_link(organisation):
    """Each address is asked for from a server run as runserver runs it: its request lines and
    Django's warnings about the (unknown) tokens go through the logging set up in settings."""
    server = WSGIServer(("127.0.0.1", 0), WSGIRequestHandler)
    server.set_app(get_wsgi_application())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    urls = secret_urls()
    with configured_log_output() as output:
        try:
            for url in urls:
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}{url}", timeout=20).read()
                except urllib.error.HTTPError:
                    pass  # unknown tokens are refused: Django logs those too
        finally:
            # The request line is logged after the response is sent: shutting down waits for it.
            server.shutdown()
            server.server_close()
    written = output.getvalue()
    assert written.count('"GET ') == len(urls)
    assert "Not Found: /r/questionnaire/[token]/" in written
    assert TOKEN not in written and TOKEN[:12] not in written


def test_gunicorn_access_log_holds_no_secret_from_any_link(tmp_path, db):
    logfile = tmp_path / "access.log"
    config = Config()
    config.set("accesslog", str(logfile))
    # The default format (request line, referer) and the path and query string on their own.
    config.set("access_log_format", Config().access_log_format + ' "%(U)s" "%(q)s"')
    log = Logger(config)
    for url in secret_urls():
        path, _, query = url.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "RAW_URI": url,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_REFERER": f"https://council.example{url}",
        }
        request = SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"])])
        log.access(SimpleNamespace(status="200 OK", sent=10, headers=[]), request, environ, dt.timedelta(seconds=0))
    for handler in logging.getLogger("gunicorn.access").handlers:
        handler.flush()
    written = logfile.read_text()
    assert written.count("/r/questionnaire/[token]/") == 3  # request line, path, referer
    assert "token=[secret]" in written
    assert TOKEN not in written


def test_runserver_request_lines_hide_tokens_even_cut_short():
    for token in (TOKEN, TOKEN[:12]):
        record = logging.LogRecord(
            "django.server",
            logging.INFO,
            __file__,
            1,
            '"%s" %s %s',
            (f"GET /r/questionnaire/{token}/ HTTP/1.1", 200, 5),
            None,
        )
        RedactTokensFilter().filter(record)
        assert token not in record.getMessage()
        assert "/r/questionnaire/[token]/" in record.getMessage()


def test_fixed_pages_beside_the_secret_links_keep_their_addresses():
    for path in ("/r/questionnaire/thanks/", "/r/reflect/answer/", "/accounts/password/reset/key/done/"):
        record = logging.LogRecord("django.server", logging.INFO, __file__, 1, "%s", (path,), None)
        RedactTokensFilter().filter(record)
        assert record.getMessage() == path
