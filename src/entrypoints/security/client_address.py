"""Who the client is: the peer's address, or what trusted proxies say it is.

`X-Forwarded-For` is honoured only when the peer is a configured trusted proxy, and read
from the right: each trusted hop appended the address it saw, so the first address that is
not a trusted proxy is the client. Anything to its left was written by the client and may
be forged. (uvicorn's own proxy-header handling trusts the leftmost entry when told to trust
every peer, so `pasokh serve` turns it off and this module decides.)
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
UNKNOWN = "unknown"


def parse_networks(entries: Iterable[str]) -> tuple[IPNetwork, ...]:
    """IPs and CIDRs (`10.0.0.5`, `10.0.0.0/8`, `::1`); ValueError names a bad entry."""
    networks = []
    for entry in (e.strip() for e in entries):
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise ValueError(f"not an IP address or CIDR range: {entry!r}") from None
    return tuple(networks)


def _ip(text: str) -> IPAddress | None:
    try:
        address = ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)  # ::ffff:10.0.0.1 is 10.0.0.1
    return mapped or address


@dataclass(frozen=True)
class ClientAddresses:
    trusted_proxies: tuple[IPNetwork, ...] = ()

    @classmethod
    def trusting(cls, entries: Iterable[str]) -> ClientAddresses:
        return cls(parse_networks(entries))

    def is_trusted(self, address: IPAddress | None) -> bool:
        return address is not None and any(address in net for net in self.trusted_proxies
                                           if net.version == address.version)

    def resolve(self, peer: str | None, forwarded_for: Iterable[str] = ()) -> str:
        """The client's address from the peer and every X-Forwarded-For header, in order."""
        if not peer:
            return UNKNOWN
        peer_ip = _ip(peer)
        if not self.is_trusted(peer_ip):
            return str(peer_ip) if peer_ip else peer
        client = str(peer_ip)
        hops = [hop for header in forwarded_for for hop in header.split(",")]
        for hop in reversed(hops):
            hop_ip = _ip(hop)
            if hop_ip is None:
                break  # garbage: keep the last address a trusted hop vouched for
            client = str(hop_ip)
            if not self.is_trusted(hop_ip):
                break
        return client

    def of_scope(self, scope: Any) -> str:
        """The client of an ASGI HTTP or WebSocket scope."""
        peer = scope.get("client")
        forwarded = [value.decode("latin-1") for name, value in scope.get("headers", ())
                     if name == b"x-forwarded-for"]
        return self.resolve(peer[0] if peer else None, forwarded)
