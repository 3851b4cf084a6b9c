import logging
import re

# Emailed links carry a token as the last path segment after /r/ (resident links);
# they are rewritten before any log line is written.
TOKEN_IN_PATH = re.compile(r"(/r/[a-z-]+/)[A-Za-z0-9_\-]{16,}")


class RedactTokensFilter(logging.Filter):
    def filter(self, record):
        if isinstance(record.msg, str):
            record.msg = TOKEN_IN_PATH.sub(r"\1[token]", record.msg)
        if record.args:
            record.args = (
                tuple(TOKEN_IN_PATH.sub(r"\1[token]", a) if isinstance(a, str) else a for a in record.args)
                if isinstance(record.args, tuple)
                else record.args
            )
        return True
