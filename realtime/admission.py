"""Admission control of a worker's actions: a bounded number in flight (applying or queued for the database
threads), per worker and per game. An action over either bound is refused at once with `busy` and a retry hint,
nothing applied, instead of queueing until every client on the worker times out (docs/live-play.md, overload).
Settings: SCORECARD_WS_ACTIONS_IN_FLIGHT (per worker), SCORECARD_WS_GAME_ACTIONS_IN_FLIGHT (per game on this
worker), SCORECARD_WS_BUSY_RETRY_MS (the hint's base; the hint adds up to as much again, at random, so refused
clients do not all come back at the same instant)."""

from __future__ import annotations

import random
from collections import Counter

from django.conf import settings


class Admission:
    """In-flight actions of this process (the event loop's thread only: no locking)."""

    def __init__(self) -> None:
        self.total = 0
        self.games: Counter[str] = Counter()

    def enter(self, game_id: str) -> bool:
        """Counts one action in; False (nothing counted) when the worker or the game is at its bound."""
        if (
            self.total >= settings.SCORECARD_WS_ACTIONS_IN_FLIGHT
            or self.games[game_id] >= settings.SCORECARD_WS_GAME_ACTIONS_IN_FLIGHT
        ):
            return False
        self.total += 1
        self.games[game_id] += 1
        return True

    def leave(self, game_id: str) -> None:
        self.total -= 1
        self.games[game_id] -= 1
        if self.games[game_id] <= 0:
            del self.games[game_id]


def retry_after_ms() -> int:
    base = int(settings.SCORECARD_WS_BUSY_RETRY_MS)
    return base + random.randint(0, base)  # jitter, not a secret


admission = Admission()
