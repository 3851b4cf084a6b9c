"""Who sent a request: the one rule for the client's address, used by every limit we keep.

Behind a proxy, REMOTE_ADDR is the proxy's address. Each proxy appends the address it received
the request from to X-Forwarded-For, so with N proxies of our own in front, the address N entries
from the right was written by the outermost of them: that is the client. Anything further left
was written by the client and may be forged, so it is never read. allauth's sign-in limits
follow the same rule (ALLAUTH_TRUSTED_PROXY_COUNT is set from the same setting)."""

import ipaddress

from django.conf import settings


def client_ip(request):
    """The client's address, given ``settings.TRUSTED_PROXY_COUNT`` proxies of our own in front
    (0: no proxy, REMOTE_ADDR is the client). A header too short to have passed through every
    proxy, or an entry that is not an address, falls back to REMOTE_ADDR: never to a value the
    client chose."""
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_COUNT
    if hops <= 0:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(forwarded) < hops:
        return remote
    return _address(forwarded[-hops]) or remote


def _address(text):
    """``text`` as a normalised IP address (a port, if a proxy added one, dropped), or None."""
    text = text.strip()
    if text.startswith("["):  # [IPv6]:port
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:  # IPv4:port
        text = text.partition(":")[0]
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None
