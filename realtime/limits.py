"""Limits that hold across sockets and worker processes: messages, chats and actions per user and per client IP
in fixed windows, and open sockets per user and per IP. Counts live in Redis when REDIS_URL is set (every worker
shares them), else in this process's memory. Settings: SCORECARD_WS_LIMITS (see settings.py)."""

from __future__ import annotations

import asyncio
import time
import weakref
from collections import defaultdict
from typing import Any

from django.conf import settings

SOCKET_TTL_SECONDS = 120  # a socket's entry expires unless refreshed (a crashed worker's sockets age out)


class _Memory:
    def __init__(self) -> None:
        self.counts: dict[str, tuple[int, int]] = {}
        self.sockets: dict[str, dict[str, float]] = defaultdict(dict)

    async def hits(self, windows: list[tuple[str, int, int]]) -> list[bool]:
        allowed = []
        for key, limit, period in windows:
            window = int(time.time() // period)
            seen_window, count = self.counts.get(key, (window, 0))
            count = count + 1 if seen_window == window else 1
            self.counts[key] = (window, count)
            allowed.append(count <= limit)
        return allowed

    async def open(self, key: str, member: str, cap: int) -> bool:
        now = time.time()
        members = self.sockets[key]
        for stale in [m for m, at in members.items() if at < now - SOCKET_TTL_SECONDS]:
            del members[stale]
        if len(members) >= cap:
            return False
        members[member] = now
        return True

    async def refresh(self, key: str, member: str) -> None:
        if member in self.sockets.get(key, {}):
            self.sockets[key][member] = time.time()

    async def close(self, key: str, member: str) -> None:
        self.sockets.get(key, {}).pop(member, None)


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
