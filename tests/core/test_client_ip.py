"""The client's address behind our own proxies, and never one the client wrote itself."""

import pytest
from django.test import RequestFactory

from core.http import client_ip

PROXY = "10.0.0.2"


def request(forwarded=None, remote=PROXY):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request("203.0.113.9", remote="198.51.100.7")) == "198.51.100.7"


@pytest.mark.parametrize(
    "count, forwarded, expected",
    [
        (1, "203.0.113.9", "203.0.113.9"),
        # Whatever the client wrote to the left of what our proxy appended is not read.
        (1, "1.1.1.1, 203.0.113.9", "203.0.113.9"),
        (1, "1.1.1.1,203.0.113.9", "203.0.113.9"),
        (2, "1.1.1.1, 203.0.113.9, 192.0.2.44", "203.0.113.9"),
        (1, "203.0.113.9:51234", "203.0.113.9"),
        (1, "[2001:db8::1]:443", "2001:db8::1"),
        (1, "2001:DB8::1", "2001:db8::1"),
    ],
)
def test_the_address_that_many_hops_from_the_right_is_the_client(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_ip(request(forwarded)) == expected


@pytest.mark.parametrize(
    "count, forwarded",
    [(1, None), (1, ""), (2, "203.0.113.9"), (1, "not-an-address"), (1, "1.1.1.1, junk")],
)
def test_a_header_that_did_not_pass_every_proxy_falls_back_to_the_connection(settings, count, forwarded):
    settings.TRUSTED_PROXY_COUNT = count
    assert client_ip(request(forwarded)) == PROXY
