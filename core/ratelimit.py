"""One rate limiter for the limits the service keeps itself (allauth keeps the sign-in ones).

Each limit counts attempts per key in fixed windows of time, in a database row per key and
window. The count goes up in the database (``F("count") + 1``) and is read back in the same
transaction, which holds the row's lock: however many requests arrive at once, exactly
``limit`` of them are allowed. (A count read, then written, let 20 of 30 simultaneous posts
through a limit of 10.)"""

import ipaddress
from datetime import UTC, datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .http import client_ip
from .models import AttemptCount


def client_key(request):
    """The client as limits count it: its address (core.http.client_ip); an IPv6 address stands
    for its /64 network, which one household or device can hold all of."""
    address = client_ip(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False).network_address)
    return address


def attempt_allowed(*, scope, value, limit, window):
    """Count one attempt by ``value`` (an address, an email) against ``scope``'s limit of
    ``limit`` per ``window`` (a timedelta), and say whether it is within the limit."""
    row = _row(scope, value, window)
    with transaction.atomic():
        AttemptCount.objects.filter(pk=row.pk).update(count=F("count") + 1)
        count = AttemptCount.objects.values_list("count", flat=True).get(pk=row.pk)
    return count <= limit


def attempt_refund(*, scope, value, window):
    """Take back an attempt counted by ``attempt_allowed`` that turned out well (the right code),
    so only failures use the limit up. Counted first, refunded after: never more than ``limit``
    tries at once."""
    row = _row(scope, value, window)
    AttemptCount.objects.filter(pk=row.pk, count__gt=0).update(count=F("count") - 1)


def _row(scope, value, window):
    now = timezone.now()
    seconds = int(window.total_seconds())
    start = datetime.fromtimestamp(int(now.timestamp()) // seconds * seconds, tz=UTC)
    # Keyed hash: the table never holds an address or an email.
    key = f"{scope}:{salted_hmac(scope, str(value).strip().lower(), algorithm='sha256').hexdigest()[:64]}"
    row, created = AttemptCount.objects.get_or_create(
        key=key, window_start=start, defaults={"window_end": start + window}
    )
    if created:
        # The table holds recent windows only (a window's end is left a while, for a request
        # still counting in it at the turn of the window).
        AttemptCount.objects.filter(window_end__lt=now - window).delete()
    return row
