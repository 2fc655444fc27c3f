"""The cyclic garbage collector in a worker: long-lived objects kept out of its passes, so a full collection does not
stop every game on the worker for a walk of the whole heap.

On this kind of box a full collection costs about 1-2 µs per tracked object (pointer chasing through a heap
scattered over memory): the ~130,000 objects Django and the libraries leave after start-up alone take 100-300 ms,
and a worker serving a few hundred sockets holds 200,000+ (measured with `gc.callbacks`; docs/live-play.md). Most of
it lives as long as the process (modules, classes, cached setups and cards, open sockets' consumers), so:

- at start-up (`scorecard/asgi.py`) everything loaded is collected once and frozen (`gc.freeze()`: moved to the
  permanent generation, which no collection walks);
- every `SCORECARD_GC_FREEZE_SECONDS` (default 20) the worker collects its young generations (cheap: what was
  allocated lately) and freezes what survived, so the automatic full collections walk only what survived since;
- every `SCORECARD_GC_SWEEP_SECONDS` (default 3600) it unfreezes and runs one full collection, which frees the
  cyclic garbage that had been frozen while still in use (a socket's consumer closed after its freeze, an evicted
  setup), then freezes again. That one pass is the only full walk of the heap, once an hour instead of every few
  seconds. `SCORECARD_GC_FREEZE_SECONDS=0` leaves the collector as Python configures it.
"""

from __future__ import annotations

import asyncio
import gc
import time

from django.conf import settings

from realtime.log import log

_last_sweep = time.monotonic()
_last_freeze = 0.0


def freeze_seconds() -> float:
    return float(settings.SCORECARD_GC_FREEZE_SECONDS)


def sweep_seconds() -> float:
    return float(settings.SCORECARD_GC_SWEEP_SECONDS)


def freeze_loaded() -> None:
    """Collects and freezes what start-up loaded (no-op when the policy is off)."""
    if freeze_seconds() <= 0:
        return
    gc.collect()
    gc.freeze()


def maintain(now: float | None = None) -> str:
    """The periodic step: "sweep" (unfreeze, one full collection, freeze), "freeze" (young collection, freeze the
    survivors) or "" (not due, or the policy is off)."""
    global _last_sweep, _last_freeze
    now = time.monotonic() if now is None else now
    every = freeze_seconds()
    if every <= 0 or now - _last_freeze < every:
        return ""
    _last_freeze = now
    if now - _last_sweep >= sweep_seconds():
        _last_sweep = now
        start = time.perf_counter()
        gc.unfreeze()
        collected = gc.collect()
        gc.freeze()
        log.info("gc.sweep", collected=collected, ms=round((time.perf_counter() - start) * 1000, 1))
        return "sweep"
    gc.collect(1)
    gc.freeze()
    return "freeze"


_task: asyncio.Task[None] | None = None


async def _run() -> None:
    while True:
        await asyncio.sleep(max(1.0, freeze_seconds()))
        maintain()


def ensure_running() -> None:
    """One task per worker process runs :func:`maintain` (started with the first socket, like the heartbeat)."""
    global _task
    if freeze_seconds() > 0 and (_task is None or _task.done()):
        _task = asyncio.get_running_loop().create_task(_run())
