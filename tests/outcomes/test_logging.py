"""Emailed links carry tokens, and tokens are never written to a log."""

import datetime as dt
import logging
from types import SimpleNamespace

from gunicorn.config import Config
from gunicorn.glogging import Logger

from organisations.logging import RedactTokensFilter

TOKEN = "Y1OoEN9S7H0wMBYfC21TVt4Zp7H3xlqtyTM0jqPAmVY"


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


def test_gunicorn_access_log_hides_tokens_in_the_path_and_the_referer(tmp_path):
    """Pages and static files requested from the questionnaire page carry its address as the
    referer, which gunicorn's default access log format writes out."""
    logfile = tmp_path / "access.log"
    config = Config()
    config.set("accesslog", str(logfile))
    log = Logger(config)
    page = f"/r/questionnaire/{TOKEN}/"
    for path, referer in ((page, "-"), ("/static/css/site.css", f"https://council.example{page}")):
        environ = {
            "REQUEST_METHOD": "GET",
            "RAW_URI": path,
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_REFERER": referer,
        }
        request = SimpleNamespace(headers=[("REFERER", referer)])
        log.access(SimpleNamespace(status="200 OK", sent=10, headers=[]), request, environ, dt.timedelta(seconds=0))
    for handler in logging.getLogger("gunicorn.access").handlers:
        handler.flush()
    written = logfile.read_text()
    assert written.count("/r/questionnaire/[token]/") == 2
    assert TOKEN not in written
