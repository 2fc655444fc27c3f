"""Limits that hold across sockets and worker processes: messages, chats and actions per user and per client IP
in fixed windows, and open sockets per user and per IP. Counts live in Redis when REDIS_URL is set (every worker
shares them), else in this process's memory. Settings: SCORECARD_WS_LIMITS (see settings.py)."""

from __future__ import annotations

import asyncio
import time
import weakref
from typing import Any

from django.conf import settings

SOCKET_TTL_SECONDS = 120  # a socket's entry expires unless refreshed (a crashed worker's sockets age out)


class _Memory:
    """One process's counts. Expired windows and closed sockets are forgotten (a sweep at most every
    PRUNE_SECONDS), so memory holds only the users and IPs seen in the current windows."""

    PRUNE_SECONDS = 60

    def __init__(self) -> None:
        self.counts: dict[str, tuple[float, int]] = {}  # key -> (the window's end, hits in it)
        self.sockets: dict[str, dict[str, float]] = {}
        self.pruned_at = time.time()

    def prune(self, now: float) -> None:
        if now - self.pruned_at < self.PRUNE_SECONDS:
            return
        self.pruned_at = now
        self.counts = {key: entry for key, entry in self.counts.items() if entry[0] > now}
        for key in list(self.sockets):
            self._drop_stale(key, now)

    def _drop_stale(self, key: str, now: float) -> dict[str, float]:
        members = self.sockets.get(key, {})
        for stale in [m for m, at in members.items() if at < now - SOCKET_TTL_SECONDS]:
            del members[stale]
        if not members:
            self.sockets.pop(key, None)
        return members

    async def hits(self, windows: list[tuple[str, int, int]]) -> list[bool]:
        now = time.time()
        self.prune(now)
        allowed = []
        for key, limit, period in windows:
            ends, count = self.counts.get(key, (0.0, 0))
            if ends <= now:
                ends, count = (now // period + 1) * period, 0
            self.counts[key] = (ends, count + 1)
            allowed.append(count + 1 <= limit)
        return allowed

    async def open(self, key: str, member: str, cap: int) -> bool:
        now = time.time()
        self.prune(now)
        members = self._drop_stale(key, now)
        if len(members) >= cap:
            return False
        self.sockets.setdefault(key, members)[member] = now
        return True

    async def refresh(self, key: str, member: str) -> None:
        if member in self.sockets.get(key, {}):
            self.sockets[key][member] = time.time()

    async def close(self, key: str, member: str) -> None:
        members = self.sockets.get(key, {})
        members.pop(member, None)
        if not members:
            self.sockets.pop(key, None)


class _Redis:
    """One client per event loop (tests run each on a new loop)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Any] = weakref.WeakKeyDictionary()

    def client(self) -> Any:
        import redis.asyncio

        loop = asyncio.get_running_loop()
        if loop not in self.clients:
            # redis-py 8's default pool holds 100 connections and refuses the 101st: a worker opening hundreds of
            # sockets at once counts each against the limits (bench/ws_load.py --spectators), so the channel
            # layer's pool size (REDIS_MAX_CONNECTIONS) and timeout.
            self.clients[loop] = redis.asyncio.Redis.from_url(
                self.url,
                max_connections=settings.REDIS_MAX_CONNECTIONS,
                socket_timeout=settings.REDIS_SOCKET_TIMEOUT,
            )
        return self.clients[loop]

    async def hits(self, windows: list[tuple[str, int, int]]) -> list[bool]:
        """Counts one hit in each (key, limit, period) window: one round trip for all of them."""
        now = time.time()
        async with self.client().pipeline(transaction=False) as pipe:
            for key, _, period in windows:
                window_key = f"{key}:{int(now // period)}"
                pipe.incr(window_key)
                pipe.expire(window_key, period + 1)
            replies = await pipe.execute()
        return [int(count) <= limit for count, (_, limit, _) in zip(replies[::2], windows, strict=True)]

    async def open(self, key: str, member: str, cap: int) -> bool:
        now = time.time()
        async with self.client().pipeline(transaction=True) as pipe:
            pipe.zremrangebyscore(key, "-inf", now - SOCKET_TTL_SECONDS)
            pipe.zadd(key, {member: now})
            pipe.zcard(key)
            pipe.expire(key, SOCKET_TTL_SECONDS * 2)
            _, _, count, _ = await pipe.execute()
        if int(count) > cap:
            await self.client().zrem(key, member)
            return False
        return True

    async def refresh(self, key: str, member: str) -> None:
        await self.client().zadd(key, {member: time.time()}, xx=True)
        await self.client().expire(key, SOCKET_TTL_SECONDS * 2)

    async def close(self, key: str, member: str) -> None:
        await self.client().zrem(key, member)


_backend: _Memory | _Redis | None = None


def backend() -> _Memory | _Redis:
    global _backend
    if _backend is None:
        _backend = _Redis(settings.REDIS_URL) if settings.REDIS_URL else _Memory()
    return _backend


async def close_clients() -> None:
    """Closes the Redis client of the running event loop (tests, before their loop ends)."""
    if isinstance(_backend, _Redis):
        client = _backend.clients.pop(asyncio.get_running_loop(), None)
        if client is not None:
            await client.aclose()


def reset() -> None:
    """Forgets the backend (tests: a fresh count, and a Redis client for the new event loop)."""
    global _backend
    _backend = None


class SocketLimits:
    """The limits of one socket's user (when signed in) and client IP."""

    def __init__(self, *, user_id: int | None, ip: str, member: str) -> None:
        self.keys = {"user": f"ws:user:{user_id}" if user_id is not None else None, "ip": f"ws:ip:{ip}"}
        self.member = member
        self.opened: list[str] = []

    async def open(self) -> str:
        """Registers the socket; "" if allowed, else which cap it exceeds ("user" or "ip")."""
        caps = settings.SCORECARD_WS_LIMITS["sockets"]
        for who, key in self.keys.items():
            if key is None:
                continue
            if not await backend().open(f"{key}:sockets", self.member, caps[who]):
                await self.close()
                return who
            self.opened.append(f"{key}:sockets")
        return ""

    async def refresh(self) -> None:
        for key in self.opened:
            await backend().refresh(key, self.member)

    async def close(self) -> None:
        for key in self.opened:
            await backend().close(key, self.member)
        self.opened = []

    async def allow(self, kind: str) -> str:
        """Counts one `kind` ("messages", "chats", "actions"); "" if allowed, else who is over ("user"/"ip")."""
        limits = settings.SCORECARD_WS_LIMITS[kind]
        counted = [(who, key) for who, key in self.keys.items() if key is not None]
        windows = [(f"{key}:{kind}", *limits[who]) for who, key in counted]
        for (who, _), allowed in zip(counted, await backend().hits(windows), strict=True):
            if not allowed:
                return who
        return ""
