"""Decision-window timers: one sweep (dead presence rows pruned, deadlines of empty rooms extended, warnings before
a window runs out, the rules' default where it ran out) and the task that repeats it in every worker process.

Every step is idempotent across processes (deterministic action ids, a cache key per warning), so each daphne
worker can sweep beside the others and beside `manage.py sweep_games --loop`; with the embedded default (SQLite and
the in-memory channel layer) the worker's own sweep is the only one whose broadcasts reach its sockets.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from channels.db import database_sync_to_async
from django.conf import settings
from django.db import close_old_connections

from games.services import game_close_abandoned, game_extend_deadlines, game_sweep_expired, game_warn_expiring
from realtime.presence import presence_prune

logger = logging.getLogger("scorecard.timers")

_task: asyncio.Task[None] | None = None


@dataclass(frozen=True, slots=True)
class Sweep:
    applied: int
    extended: int
    pruned: int
    warned: int
    closed: int = 0

    def __bool__(self) -> bool:
        return bool(self.applied or self.extended or self.pruned or self.warned or self.closed)

    def __str__(self) -> str:
        return (
            f"{self.applied} defaults applied, {self.extended} deadlines extended, "
            f"{self.pruned} dead connections pruned, {self.warned} warnings, {self.closed} abandoned games closed"
        )


def sweep_once(*, grace_seconds: int | None = None) -> Sweep:
    """One pass of the timers. Presence rows of dead workers (no heartbeat for three beats) go first, then games
    nobody is connected to get their deadline pushed to now + grace (a restart or an empty room never times a
    side out), then the warnings and the expired windows, and last the games idle past their league's
    abandon_after_days are closed (`games.services.game_close_abandoned`)."""
    grace = settings.SCORECARD_RESTART_GRACE_SECONDS if grace_seconds is None else grace_seconds
    pruned = presence_prune(max_age_seconds=3 * settings.SCORECARD_PRESENCE_HEARTBEAT_SECONDS)
    extended = game_extend_deadlines(grace_seconds=grace)
    warned = game_warn_expiring()
    applied = game_sweep_expired()
    closed = game_close_abandoned()
    return Sweep(len(applied), extended, pruned, len(warned), len(closed))


def _sweep_in_worker() -> Sweep:
    close_old_connections()
    return sweep_once()


async def _run() -> None:
    while True:
        await asyncio.sleep(settings.SCORECARD_SWEEP_INTERVAL_SECONDS)
        try:
            done = await database_sync_to_async(_sweep_in_worker)()
        except Exception:
            logger.exception("decision-window sweep failed")
            continue
        if done:
            logger.info("%s", done)


def ensure_timers() -> None:
    """Starts this process's sweep task once (again if it ended); off with SCORECARD_WORKER_SWEEP=0."""
    global _task
    if not settings.SCORECARD_WORKER_SWEEP:
        return
    if _task is None or _task.done():
        _task = asyncio.get_running_loop().create_task(_run())


class WithTimers:
    """ASGI wrapper: the first connection of any kind (HTTP or WebSocket) starts the worker's sweep task."""

    def __init__(self, app: Callable[[Any, Any, Any], Awaitable[Any]]) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> Any:
        ensure_timers()
        return await self.app(scope, receive, send)
