import logging
import re
from collections.abc import Mapping

# Emailed links carry a token as the path segment after /r/<kind>/ (resident links); it is
# rewritten before any log line is written, whatever its length (a link cut short when it
# was copied still holds most of a token). The few fixed pages there are left as they are.
TOKEN_IN_PATH = re.compile(r"(/r/[a-z-]+/)(?!(?:thanks|answer)/)[^/?#\s\"']+")


def redact(value):
    return TOKEN_IN_PATH.sub(r"\1[token]", value) if isinstance(value, str) else value


class RedactTokensFilter(logging.Filter):
    def filter(self, record):
        record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) for a in record.args)
        elif isinstance(record.args, Mapping):
            # gunicorn's access log passes its fields as one dict: the request line, the
            # path and the referer (the questionnaire page's address, for the pages and
            # static files it asks for) all carry the token. Changed in place to keep the
            # dict's own class (gunicorn's answers "-" for a field it does not have).
            for key, value in list(record.args.items()):
                record.args[key] = redact(value)
        return True


def _protect_gunicorn_access_log():
    """gunicorn writes its access log (when switched on, e.g. ``--access-logfile -``) through
    its own handlers, which Django's LOGGING does not reach; a filter on the logger itself
    applies whatever the handlers. Django imports this module when it sets up logging, in
    every gunicorn worker."""
    access = logging.getLogger("gunicorn.access")
    if not any(isinstance(f, RedactTokensFilter) for f in access.filters):
        access.addFilter(RedactTokensFilter())


_protect_gunicorn_access_log()
