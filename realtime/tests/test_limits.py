"""The in-process limits backend (no REDIS_URL): fixed windows, socket caps, and memory that forgets what expired."""

from __future__ import annotations

import pytest

from realtime import limits

pytestmark = pytest.mark.asyncio


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def time(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock(1_000_000.0)
    monkeypatch.setattr(limits.time, "time", clock.time)
    return clock


async def test_hits_over_the_limit_are_refused_until_the_window_ends(clock: Clock) -> None:
    memory = limits._Memory()
    window = [("ws:user:1:chats", 2, 10)]
    assert [(await memory.hits(window))[0] for _ in range(3)] == [True, True, False]
    clock.now += 10
    assert await memory.hits(window) == [True]


async def test_expired_windows_and_closed_sockets_are_forgotten(clock: Clock) -> None:
    memory = limits._Memory()
    for user in range(500):
        await memory.hits([(f"ws:user:{user}:messages", 5, 10)])
        await memory.open(f"ws:user:{user}:sockets", "socket-a", 3)
    await memory.close("ws:user:0:sockets", "socket-a")
    assert len(memory.counts) == 500
    assert len(memory.sockets) == 499

    clock.now += limits.SOCKET_TTL_SECONDS + memory.PRUNE_SECONDS
    await memory.hits([("ws:user:9999:messages", 5, 10)])
    assert list(memory.counts) == ["ws:user:9999:messages"]
    assert memory.sockets == {}


async def test_socket_cap_counts_only_live_sockets(clock: Clock) -> None:
    memory = limits._Memory()
    key = "ws:ip:127.0.0.1:sockets"
    assert [await memory.open(key, f"s{i}", 2) for i in range(3)] == [True, True, False]
    await memory.close(key, "s0")
    assert await memory.open(key, "s2", 2)
    clock.now += limits.SOCKET_TTL_SECONDS + 1
    await memory.refresh(key, "s2")  # refreshed: it lives on; s1 aged out (a crashed worker's socket)
    assert await memory.open(key, "s3", 2)
    assert not await memory.open(key, "s4", 2)
