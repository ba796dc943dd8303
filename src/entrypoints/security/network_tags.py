"""A visitor's network as a keyed tag: limits per network without storing addresses.

A session records the tag of the address that started it (SessionStarted.origin), so its
escalations and model calls can be counted per network long after the request. The tag is
an HMAC under the signing key: it cannot be turned back into the address, and tags of one
deployment do not match another's. IPv6 clients are tagged by their /64, the block one
subscriber usually holds, so hopping addresses inside it buys nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress


class NetworkTags:
    def __init__(self, secret: str) -> None:
        self._key = hashlib.sha256(b"pasokh network tag\0" + secret.encode()).digest()

    def of(self, address: str) -> str:
        return hmac.new(self._key, network_of(address).encode(), hashlib.sha256).hexdigest()[:24]


def network_of(address: str) -> str:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address  # not an IP (a test client's name): itself
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)
