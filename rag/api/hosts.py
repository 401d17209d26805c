"""Which Host a request may address, and which client and origin it comes from: the Host allowlist (against DNS
rebinding) and the trusted reverse proxies, the only peers whose X-Forwarded-For, -Proto and -Host are believed.

A browser that a hostile page has pointed at this service by rebinding its own name still sends that name as
Host, so a request whose Host is not one of the service's names is refused before anything else. A client's
own X-Forwarded-* headers are ignored unless the connection comes from a configured proxy: otherwise anyone
could pick the address its rate limit is counted under, or the origin it is judged same-origin with."""

from __future__ import annotations

from collections.abc import Sequence
from ipaddress import IPv4Network, IPv6Network, ip_address, ip_network

from starlette.datastructures import Headers
from starlette.types import Scope

from rag.core.settings import normalise_host, normalise_origin

MAX_FORWARDED_HOPS = 32  # X-Forwarded-For entries looked at, from the right


def split_host(value: str) -> str | None:
    """The host of a Host header value (`name`, `name:port`, `[v6]:port`), normalised; None if it is not one."""
    value = value.strip()
    if value.startswith("["):
        end = value.find("]")
        host, rest = value[: end + 1], value[end + 1 :]
        if end < 0 or (rest and not (rest.startswith(":") and rest[1:].isdigit())):
            return None
    else:
        host, _, port = value.partition(":")
        if port and not port.isdigit():
            return None
    try:
        return normalise_host(host) if host and host != "*" and not host.startswith("*.") else None
    except ValueError:
        return None


class HostPolicy:
    """The allowed host names (`*` any, `*.example.org` its subdomains) and the trusted proxies' networks."""

    def __init__(self, allowed: Sequence[str], trusted_proxies: Sequence[str] = ()) -> None:
        self.any_host = "*" in allowed
        self.names = {entry for entry in allowed if not entry.startswith("*")}
        self.suffixes = tuple(entry[1:] for entry in allowed if entry.startswith("*."))
        self.proxies: list[IPv4Network | IPv6Network] = [ip_network(entry) for entry in trusted_proxies]

    def host_allowed(self, headers: Headers) -> bool:
        """True for an allowed Host, or none at all (HTTP/1.0: no browser sends that, so nothing to rebind)."""
        values = headers.getlist("host")
        if not values:
            return True
        if len(values) > 1:
            return False
        host = split_host(values[0])
        if host is None:
            return False
        return self.any_host or host in self.names or host.endswith(self.suffixes)

    def is_proxy(self, address: str | None) -> bool:
        if not self.proxies or not address:
            return False
        try:
            ip = ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in self.proxies)

    def from_proxy(self, scope: Scope) -> bool:
        client = scope.get("client")
        return self.is_proxy(client[0] if client else None)

    def client_address(self, scope: Scope, headers: Headers) -> str:
        """The peer's address; behind a trusted proxy, the nearest address in X-Forwarded-For that is not a
        trusted proxy itself (the entries to its left are the client's to write, so they are not believed)."""
        client = scope.get("client")
        peer = client[0] if client else "-"
        if not self.from_proxy(scope):
            return peer
        hops = [hop.strip() for value in headers.getlist("x-forwarded-for") for hop in value.split(",")]
        for hop in reversed(hops[-MAX_FORWARDED_HOPS:]):
            if not self.is_proxy(hop):
                try:
                    return str(ip_address(hop))
                except ValueError:
                    return peer  # garbage where the proxy should have written an address: count the proxy
        return peer

    def own_origins(self, scope: Scope, headers: Headers) -> set[str]:
        """The service's own origin(s): scheme and Host as addressed (an allowed host, checked before), and
        what a trusted proxy says it forwarded (X-Forwarded-Proto/-Host, only from a proxy, and only a host
        that is allowed too)."""
        scheme, host = scope.get("scheme", "http"), headers.get("host", "")
        candidates = [(scheme, host)]
        if self.from_proxy(scope):
            proto = headers.get("x-forwarded-proto", scheme).split(",")[0].strip().lower()
            proto = proto if proto in ("http", "https") else scheme
            candidates.append((proto, host))  # a proxy that ends TLS passes the Host on over plain HTTP
            forwarded = headers.get("x-forwarded-host", "").split(",")[0].strip()
            if forwarded and self.host_allowed(Headers({"host": forwarded})):
                candidates.append((proto, forwarded))
        found = set()
        for scheme, host in candidates:
            try:
                found.add(normalise_origin(f"{scheme}://{host}"))
            except ValueError:
                continue  # no Host, or not one an origin can name
        return found
