"""The client's IP address behind `SCORECARD_TRUSTED_PROXIES` reverse proxies (default 0: the peer's address).

With N trusted proxies the client is the N-th address from the right of X-Forwarded-For (each proxy appends the
address it received from); addresses further left were written by the client and are never trusted. DRF's
throttles use the same rule (REST_FRAMEWORK["NUM_PROXIES"] is set from the same setting); the WebSocket limits use
`scope_client_ip`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings


def client_ip(remote_addr: str | None, forwarded_for: str | None, trusted_proxies: int) -> str:
    """
    >>> client_ip("10.0.0.2", "6.6.6.6, 203.0.113.5", 1)
    '203.0.113.5'
    >>> client_ip("10.0.0.2", "6.6.6.6, 203.0.113.5", 0)
    '10.0.0.2'
    >>> client_ip("10.0.0.2", None, 1)
    '10.0.0.2'
    """
    if trusted_proxies > 0 and forwarded_for:
        addresses = [part.strip() for part in forwarded_for.split(",") if part.strip()]
        if addresses:
            return addresses[-min(trusted_proxies, len(addresses))][:64]
    return (remote_addr or "unknown")[:64]


def trusted_proxies() -> int:
    return int(getattr(settings, "SCORECARD_TRUSTED_PROXIES", 0))


def request_client_ip(request: Any) -> str:
    meta: Mapping[str, str] = request.META
    return client_ip(meta.get("REMOTE_ADDR"), meta.get("HTTP_X_FORWARDED_FOR"), trusted_proxies())


def scope_client_ip(scope: Mapping[str, Any]) -> str:
    """The client of an ASGI connection scope (its `client` and X-Forwarded-For header)."""
    peer = scope.get("client") or (None, None)
    headers: Iterable[tuple[bytes, bytes]] = scope.get("headers") or ()
    forwarded = b",".join(value for name, value in headers if name.lower() == b"x-forwarded-for")
    return client_ip(peer[0], forwarded.decode("latin-1") if forwarded else None, trusted_proxies())
