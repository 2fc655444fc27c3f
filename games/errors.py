"""Errors the game services raise, and the one list of error codes the game's interfaces answer with.

A raised error changed nothing. `GameError.code` is one of the service codes; the WebSocket protocol
(`realtime.protocol`) adds the transport codes for frames it refuses before any service runs."""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    """Codes of `error` messages: service codes (carried by a GameError) then transport codes (the protocol's)."""

    FORBIDDEN = "forbidden"
    VERSION_CONFLICT = "version_conflict"
    ILLEGAL_ACTION = "illegal_action"
    NOT_FOUND = "not_found"
    GAME_OVER = "game_over"
    LOCKED = "locked"
    INVALID = "invalid"
    BAD_JSON = "bad_json"
    BAD_MESSAGE = "bad_message"
    UNKNOWN_TYPE = "unknown_type"
    TOO_LARGE = "too_large"
    RATE_LIMITED = "rate_limited"
    BUSY = "busy"  # the worker is at its bound of actions in flight: nothing applied, retry after `retry_after_ms`
    INTERNAL = "internal"  # the server failed to handle a message (logged with an error id)


class GameError(Exception):
    code = ErrorCode.INVALID

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Forbidden(GameError):
    code = ErrorCode.FORBIDDEN


class NotFound(GameError):
    code = ErrorCode.NOT_FOUND


class IllegalActionError(GameError):
    code = ErrorCode.ILLEGAL_ACTION


class GameOver(GameError):
    code = ErrorCode.GAME_OVER


class Locked(GameError):
    code = ErrorCode.LOCKED


class VersionConflict(GameError):
    """`current_version` is the game's version now; the client should resync."""

    code = ErrorCode.VERSION_CONFLICT

    def __init__(self, message: str, current_version: int) -> None:
        super().__init__(message)
        self.current_version = current_version


class InvalidLineup(GameError):
    """`errors` maps a slot ("slot 3", "pitcher", "lineup") to what is wrong with it."""

    code = ErrorCode.INVALID

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{slot}: {message}" for slot, message in errors.items()))
        self.errors = errors
