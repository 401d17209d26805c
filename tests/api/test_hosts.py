"""The Host allowlist and the trusted proxies (rag.api.hosts.HostPolicy): which Host a request may name, which
client address it counts as, and which origins are the service's own; X-Forwarded-* only from a trusted proxy."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.datastructures import Headers

from rag.api.hosts import MAX_FORWARDED_HOPS, HostPolicy, split_host

POLICY = HostPolicy(["localhost", "qa.example.org", "*.intranet.example"], ["10.9.0.0/16", "fd00::/8"])


def scope(peer: str | None = "203.0.113.5", scheme: str = "http") -> dict[str, Any]:
    return {"client": (peer, 50000) if peer else None, "scheme": scheme}


@pytest.mark.parametrize(
    ("value", "host"),
    [
        ("localhost", "localhost"),
        ("QA.Example.org:8000", "qa.example.org"),
        ("[::1]:8000", "::1"),
        ("[::1]", "::1"),
        ("qa.example.org:http", None),
        ("[::1]x", None),
        ("[::1", None),
        ("*", None),
        ("*.example.org", None),
        ("", None),
    ],
)
def test_split_host(value: str, host: str | None) -> None:
    assert split_host(value) == host


@pytest.mark.parametrize(
    ("host", "allowed"),
    [
        ("localhost:8000", True),
        ("qa.example.org", True),
        ("wiki.intranet.example", True),
        ("a.b.intranet.example:443", True),
        ("intranet.example", False),  # *.name is its subdomains, not the name
        ("evilintranet.example", False),
        ("rebind.attacker.example", False),
        ("localhost:port", False),
    ],
)
def test_only_allowed_hosts_get_in(host: str, allowed: bool) -> None:
    assert POLICY.host_allowed(Headers({"host": host})) is allowed


def test_no_host_is_allowed_but_two_are_not() -> None:
    assert POLICY.host_allowed(Headers({})) is True  # HTTP/1.0: no browser sends that
    two = Headers(raw=[(b"host", b"localhost"), (b"host", b"rebind.attacker.example")])
    assert POLICY.host_allowed(two) is False
    assert HostPolicy(["*"]).host_allowed(Headers({"host": "anything.example"})) is True


def test_trusted_proxies_are_the_configured_networks_only() -> None:
    assert POLICY.is_proxy("10.9.3.4") and POLICY.is_proxy("fd00::1")
    assert not POLICY.is_proxy("10.8.0.1") and not POLICY.is_proxy("not an address") and not POLICY.is_proxy(None)
    assert not HostPolicy(["localhost"]).is_proxy("127.0.0.1")  # none configured: none trusted
    with pytest.raises(ValueError):
        HostPolicy(["localhost"], ["10.9.0.1/8"])  # host bits set: a typo, not a network


def test_x_forwarded_for_is_believed_from_a_trusted_proxy_only() -> None:
    forwarded = Headers({"x-forwarded-for": "1.2.3.4, 198.51.100.9, 10.9.0.2"})
    assert POLICY.client_address(scope("203.0.113.5"), forwarded) == "203.0.113.5"  # a client's own header
    # behind the proxy: the nearest address that is not a proxy; what the client wrote to its left is ignored
    assert POLICY.client_address(scope("10.9.0.1"), forwarded) == "198.51.100.9"
    assert POLICY.client_address(scope("10.9.0.1"), Headers({})) == "10.9.0.1"
    assert POLICY.client_address(scope("10.9.0.1"), Headers({"x-forwarded-for": "garbage"})) == "10.9.0.1"
    assert POLICY.client_address(scope(None), forwarded) == "-"


def test_only_the_last_hops_are_looked_at() -> None:
    hops = ", ".join(["198.51.100.9"] + ["10.9.0.2"] * MAX_FORWARDED_HOPS)
    assert POLICY.client_address(scope("10.9.0.1"), Headers({"x-forwarded-for": hops})) == "10.9.0.1"


def test_own_origins_are_the_host_as_addressed() -> None:
    headers = Headers({"host": "qa.example.org:8000", "x-forwarded-proto": "https", "x-forwarded-host": "localhost"})
    assert POLICY.own_origins(scope(), headers) == {"http://qa.example.org:8000"}  # forwarded-*: not believed


def test_a_trusted_proxy_adds_the_origin_it_forwarded_if_allowed() -> None:
    headers = Headers(
        {"host": "10.9.0.1:8000", "x-forwarded-proto": "HTTPS, http", "x-forwarded-host": "qa.example.org"}
    )
    assert POLICY.own_origins(scope("10.9.0.1"), headers) == {
        "http://10.9.0.1:8000",
        "https://10.9.0.1:8000",
        "https://qa.example.org",
    }
    rebound = Headers({"host": "localhost", "x-forwarded-proto": "gopher", "x-forwarded-host": "attacker.example"})
    assert POLICY.own_origins(scope("10.9.0.1"), rebound) == {"http://localhost"}  # neither believed
