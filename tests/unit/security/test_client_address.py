"""X-Forwarded-For counts only from trusted proxies, read from the right."""

from __future__ import annotations

import pytest

from entrypoints.security.client_address import ClientAddresses, parse_networks

PROXIES = ClientAddresses.trusting(["10.0.0.0/8", "192.0.2.10"])


@pytest.mark.parametrize(("peer", "forwarded", "client"), [
    # no proxy in between: the peer, whatever it claims
    ("203.0.113.7", [], "203.0.113.7"),
    ("203.0.113.7", ["198.51.100.1"], "203.0.113.7"),
    # a trusted proxy: the address it saw
    ("10.0.0.2", ["198.51.100.1"], "198.51.100.1"),
    ("192.0.2.10", ["198.51.100.1"], "198.51.100.1"),
    # the client's own forged entries stand left of what the proxy saw
    ("10.0.0.2", ["1.2.3.4, 198.51.100.1"], "198.51.100.1"),
    ("10.0.0.2", ["1.2.3.4", "198.51.100.1"], "198.51.100.1"),
    # two trusted hops
    ("10.0.0.2", ["198.51.100.1, 10.0.0.9"], "198.51.100.1"),
    # only trusted hops: the leftmost of them
    ("10.0.0.2", ["10.0.0.5, 10.0.0.9"], "10.0.0.5"),
    # garbage where an address should be: the last address a trusted hop vouched for
    ("10.0.0.2", ["<script>, 10.0.0.9"], "10.0.0.9"),
    ("10.0.0.2", ["not-an-ip"], "10.0.0.2"),
    ("10.0.0.2", [], "10.0.0.2"),
    # spellings: IPv6, brackets, IPv4-mapped IPv6, spaces
    ("10.0.0.2", [" 2001:db8::1 "], "2001:db8::1"),
    ("10.0.0.2", ["[2001:db8::1]"], "2001:db8::1"),
    ("::ffff:10.0.0.2", ["198.51.100.1"], "198.51.100.1"),
    # not an IP at all (test clients, unix sockets): used as it is, never trusted
    ("testclient", ["198.51.100.1"], "testclient"),
])
def test_the_client_is_the_first_untrusted_address_from_the_right(
        peer: str, forwarded: list[str], client: str) -> None:
    assert PROXIES.resolve(peer, forwarded) == client


def test_without_trusted_proxies_the_header_is_ignored() -> None:
    assert ClientAddresses().resolve("10.0.0.2", ["198.51.100.1"]) == "10.0.0.2"


def test_no_peer_is_unknown() -> None:
    assert PROXIES.resolve(None, ["198.51.100.1"]) == "unknown"


def test_an_asgi_scope_is_read_with_every_forwarded_header() -> None:
    scope = {"client": ("10.0.0.2", 5000),
             "headers": [(b"x-forwarded-for", b"1.2.3.4"), (b"host", b"x"),
                         (b"x-forwarded-for", b"198.51.100.1")]}
    assert PROXIES.of_scope(scope) == "198.51.100.1"
    assert PROXIES.of_scope({"headers": []}) == "unknown"


def test_bad_proxy_entries_are_named() -> None:
    with pytest.raises(ValueError, match="10.0.0.300"):
        parse_networks(["10.0.0.0/8", "10.0.0.300"])
    assert parse_networks(["", " 10.1.2.3/8 "])[0].with_prefixlen == "10.0.0.0/8"
