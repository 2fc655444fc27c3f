"""The game WebSocket protocol: parsing and validating client messages.

Client messages are JSON objects with a `type` (ARCHITECTURE.md, "Real-time protocol"). `parse_client_message`
turns raw text into one of the typed messages below or raises `ProtocolError` with a code and a readable
message; nothing is acted on before a message has parsed. Game actions keep their `action` body as a plain
mapping here: the service layer hands it to the engine, which validates it against the game's rules. Error codes
are `games.errors.ErrorCode` (re-exported here), the one list shared with the services.
"""

from __future__ import annotations

import enum
import json
import uuid
from dataclasses import dataclass
from typing import Any, TypeGuard, cast

from games.errors import ErrorCode as ErrorCode

MAX_MESSAGE_BYTES = 8_192
MAX_CHAT_CHARS = 500


class ActionKind(enum.StrEnum):
    DEFENSE = "defense"
    OFFENSE = "offense"
    ROLL = "roll"
    SUBMIT_OUTCOME = "submit_outcome"
    DECIDE = "decide"
    SUBSTITUTE = "substitute"
    PITCHING_CHANGE = "pitching_change"
    FORFEIT = "forfeit"
    CLAIM_FORFEIT = "claim_forfeit"


class ProtocolError(ValueError):
    """A client message that cannot be accepted; `action_id` is echoed back when the message carried one."""

    def __init__(self, code: ErrorCode, message: str, action_id: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.action_id = action_id

    def as_message(self) -> dict[str, Any]:
        return {"type": "error", "action_id": self.action_id, "code": str(self.code), "message": self.message}


@dataclass(frozen=True, slots=True)
class Hello:
    last_version: int | None


@dataclass(frozen=True, slots=True)
class ActionRequest:
    action_id: str
    expected_version: int
    kind: ActionKind
    body: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Chat:
    text: str


ClientMessage = Hello | ActionRequest | Chat


def parse_client_message(raw: str | bytes) -> ClientMessage:
    """Parse one client frame.

    >>> parse_client_message('{"type": "hello", "last_version": 3}')
    Hello(last_version=3)
    >>> parse_client_message('{"type": "chat", "text": " good game "}')
    Chat(text='good game')
    """
    size = len(raw.encode() if isinstance(raw, str) else raw)
    if size > MAX_MESSAGE_BYTES:
        raise ProtocolError(ErrorCode.TOO_LARGE, f"message is {size} bytes; the limit is {MAX_MESSAGE_BYTES}")
    try:
        content = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ProtocolError(ErrorCode.BAD_JSON, f"message is not valid JSON: {exc}") from exc
    if not isinstance(content, dict):
        raise ProtocolError(ErrorCode.BAD_MESSAGE, "message must be a JSON object with a 'type'")
    kind = content.get("type")
    if kind == "hello":
        return _parse_hello(content)
    if kind == "action":
        return _parse_action(content)
    if kind == "chat":
        return _parse_chat(content)
    raise ProtocolError(ErrorCode.UNKNOWN_TYPE, f"unknown message type {kind!r}; expected hello, action or chat")


def _parse_hello(content: dict[str, Any]) -> Hello:
    _reject_unknown_keys(content, {"type", "last_version"})
    last_version = content.get("last_version")
    if last_version is not None and not _is_count(last_version):
        raise ProtocolError(ErrorCode.BAD_MESSAGE, "last_version must be a non-negative integer or null")
    return Hello(last_version=last_version)


def _parse_action(content: dict[str, Any]) -> ActionRequest:
    raw_id = content.get("action_id")
    action_id = raw_id if isinstance(raw_id, str) else None
    try:
        _reject_unknown_keys(content, {"type", "action_id", "expected_version", "action"})
        if action_id is None:
            raise ProtocolError(ErrorCode.BAD_MESSAGE, "action_id must be a UUID string")
        try:
            action_id = str(uuid.UUID(action_id))
        except ValueError as exc:
            raise ProtocolError(ErrorCode.BAD_MESSAGE, "action_id must be a UUID string") from exc
        expected_version = content.get("expected_version")
        if not _is_count(expected_version):
            raise ProtocolError(ErrorCode.BAD_MESSAGE, "expected_version must be a non-negative integer")
        body = content.get("action")
        if not isinstance(body, dict):
            raise ProtocolError(ErrorCode.BAD_MESSAGE, "action must be an object with a 'kind'")
        try:
            kind = ActionKind(cast(str, body.get("kind")))  # any JSON value: a non-member raises ValueError
        except ValueError as exc:
            choices = ", ".join(k.value for k in ActionKind)
            raise ProtocolError(ErrorCode.BAD_MESSAGE, f"action kind must be one of {choices}") from exc
    except ProtocolError as error:
        error.action_id = action_id
        raise
    return ActionRequest(
        action_id=action_id,
        expected_version=expected_version,
        kind=kind,
        body={k: v for k, v in body.items() if k != "kind"},
    )


def _parse_chat(content: dict[str, Any]) -> Chat:
    _reject_unknown_keys(content, {"type", "text"})
    text = content.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ProtocolError(ErrorCode.BAD_MESSAGE, "chat text must be a non-empty string")
    text = text.strip()
    if len(text) > MAX_CHAT_CHARS:
        raise ProtocolError(ErrorCode.TOO_LARGE, f"chat text is limited to {MAX_CHAT_CHARS} characters")
    return Chat(text=text)


def _is_count(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _reject_unknown_keys(content: dict[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(content) - allowed)
    if unknown:
        raise ProtocolError(ErrorCode.BAD_MESSAGE, f"unexpected field(s): {', '.join(unknown)}")
