"""No secret from a URL reaches a log line.

Links that carry a secret: resident links (/r/<kind>/<token>/: questionnaires, reflection,
monitoring, applications, calendar feeds, papers), allauth's password-reset links (also the
staff invitation's link) and email confirmation links, and any query parameter whose name says
it is a secret. The secret is rewritten before any log line is written, whatever its length (a
link cut short when it was copied still holds most of a token). A new kind of secret link must
be added here: tests/core/test_logging.py fails for any URL pattern with a token or key in it
that this misses."""

import logging
import re
from collections.abc import Mapping

_SEGMENT = r"[^/?#&\s\"']+"
# The fixed pages under these prefixes carry no secret and are left as they are.
_FIXED = r"(?!(?:thanks|answer|done)/)"
SECRET_IN_PATH = re.compile(
    rf"(/r/[a-z-]+/|/accounts/password/reset/key/|/accounts/confirm-email/){_FIXED}{_SEGMENT}", re.IGNORECASE
)
# ?token=..., &key=..., reset_code=...; also gunicorn's query-string field, which has no "?".
SECRET_IN_QUERY = re.compile(
    r"((?:^|[?&;])[\w.-]*(?:token|key|code|secret|sig|password|auth)[\w.-]*=)[^&#\s\"']+", re.IGNORECASE
)


def redact(value):
    if not isinstance(value, str):
        return value
    return SECRET_IN_QUERY.sub(r"\1[secret]", SECRET_IN_PATH.sub(r"\1[token]", value))


class RedactTokensFilter(logging.Filter):
    def filter(self, record):
        record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) for a in record.args)
        elif isinstance(record.args, Mapping):
            # gunicorn's access log passes its fields as one dict: the request line, the
            # path, the query string and the referer (the questionnaire page's address, for
            # the pages and static files it asks for) all carry the secret. Changed in place to
            # keep the dict's own class (gunicorn's answers "-" for a field it does not have).
            for key, value in list(record.args.items()):
                record.args[key] = redact(value)
        return True


def _protect_gunicorn_logs():
    """gunicorn writes its access log (when switched on, e.g. ``--access-logfile -``) and its
    error log (which names the URL of a request that failed) through its own handlers, which
    Django's LOGGING does not reach; a filter on the logger itself applies whatever the
    handlers. Django imports this module when it sets up logging, in every gunicorn worker."""
    for name in ("gunicorn.access", "gunicorn.error"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactTokensFilter) for f in logger.filters):
            logger.addFilter(RedactTokensFilter())


_protect_gunicorn_logs()
