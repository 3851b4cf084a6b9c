"""Which function renders each kind of message, and which jobs run periodically.

Apps register in their own emails.py / tasks.py; OutboxConfig.ready() imports those."""

from datetime import timedelta

_MESSAGES = {}
PERIODIC = {}


def message(kind):
    """Register ``fn(email) -> EmailMultiAlternatives | None`` for a kind of message.

    Returning None means the message is no longer needed (for example a stale pack)."""

    def register(fn):
        _MESSAGES[kind] = fn
        return fn

    return register


def renderer_for(kind):
    return _MESSAGES[kind]


def periodic(*, minutes):
    """Run a plain function every so many minutes from the heartbeat task."""

    def register(fn):
        PERIODIC[f"{fn.__module__}.{fn.__qualname__}"] = (fn, timedelta(minutes=minutes))
        return fn

    return register
