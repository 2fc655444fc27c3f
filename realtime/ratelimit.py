"""Per-connection rate limiting for WebSocket messages."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(slots=True)
class TokenBucket:
    """Allows `burst` messages at once and `rate_per_s` on average; `allow()` spends one token if it can.

    >>> clock = iter([0.0, 0.0, 0.0, 0.0, 1.0]).__next__
    >>> bucket = TokenBucket(rate_per_s=1.0, burst=2, clock=clock)
    >>> [bucket.allow(), bucket.allow(), bucket.allow()]
    [True, True, False]
    >>> bucket.allow()
    True
    """

    rate_per_s: float
    burst: int
    clock: Callable[[], float] = time.monotonic
    tokens: float = field(init=False)
    updated: float = field(init=False)

    def __post_init__(self) -> None:
        self.tokens = float(self.burst)
        self.updated = self.clock()

    def allow(self) -> bool:
        now = self.clock()
        self.tokens = min(float(self.burst), self.tokens + (now - self.updated) * self.rate_per_s)
        self.updated = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return True
        return False
