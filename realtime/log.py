"""Structured log lines of the live layer (structlog, rendered through the standard `logging` handlers)."""

from __future__ import annotations

import uuid
from typing import Any

import structlog

log = structlog.get_logger("realtime")


def error_id() -> str:
    """A short id naming one failure in the log line and in the `error` message the client gets."""
    return uuid.uuid4().hex[:12]


def describe(exc: BaseException) -> str:
    """One line for an exception: its class and (shortened) message."""
    text = str(exc).replace("\n", " ")
    return f"{type(exc).__name__}: {text[:200]}" if text else type(exc).__name__


def user_id_of(user: Any) -> int | None:
    return getattr(user, "pk", None) if getattr(user, "is_authenticated", False) else None
