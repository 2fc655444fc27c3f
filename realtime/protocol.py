"""The game WebSocket protocol: parsing and validating client messages.

Client messages are JSON objects with a `type` (ARCHITECTURE.md, "Real-time protocol"). `parse_client_message`
turns raw text into one of the typed messages below or raises `ProtocolError` with a code and a readable
message; nothing is acted on before a message has parsed. Input is bounded before any work: the frame's size, its
nesting depth (counted before decoding), numbers (msgspec refuses integers beyond 64 bits; counts are at most
`MAX_COUNT`), valid UTF-8 without lone surrogates, no NUL characters; then each message is validated against its
msgspec schema. Game actions keep their `action` body as a plain mapping here: the service layer hands it to the
engine, which validates it against the game's rules. Error codes are `games.errors.ErrorCode` (re-exported here),
the one list shared with the services (`INTERNAL` for a failure of the server's own).
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

import msgspec

from games.errors import ErrorCode as ErrorCode

MAX_MESSAGE_BYTES = 8_192
MAX_CHAT_CHARS = 500
MAX_DEPTH = 16
MAX_COUNT = 2**53


class ActionKind(enum.StrEnum):
    DEFENSE = "defense"
    OFFENSE = "offense"
    ROLL = "roll"
    SUBMIT_OUTCOME = "submit_outcome"
    DECIDE = "decide"
    SUBSTITUTE = "substitute"
    PITCHING_CHANGE = "pitching_change"
    SWAP_POSITIONS = "swap_positions"
    DOUBLE_SWITCH = "double_switch"
    FORFEIT = "forfeit"
    CLAIM_FORFEIT = "claim_forfeit"
    # Not a game action: {"side": "away"|"home", "on": bool} lets the server play the side's routine decisions.
    AUTO_SIDES = "auto_sides"


class ProtocolError(ValueError):
    """A client message that cannot be accepted; `action_id` is echoed back when the message carried one."""

    def __init__(self, code: ErrorCode | str, message: str, action_id: str | None = None) -> None:
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


@dataclass(frozen=True, slots=True)
class DisputeRequest:
    """`{"type": "dispute", "play": N, "reason": "..."}`: the opposing manager disputes play N's entered result."""

    play: int
    reason: str


ClientMessage = Hello | ActionRequest | Chat | DisputeRequest


Count = Annotated[int, msgspec.Meta(ge=0, le=MAX_COUNT)]


class _HelloSchema(msgspec.Struct, forbid_unknown_fields=True):
    type: str
    last_version: Count | None = None


class _ActionSchema(msgspec.Struct, forbid_unknown_fields=True):
    type: str
    action_id: uuid.UUID
    expected_version: Count
    action: dict[str, Any]


class _ChatSchema(msgspec.Struct, forbid_unknown_fields=True):
    type: str
    text: str


class _DisputeSchema(msgspec.Struct, forbid_unknown_fields=True):
    type: str
    play: Annotated[int, msgspec.Meta(ge=1, le=100_000)]
    reason: Annotated[str, msgspec.Meta(max_length=MAX_CHAT_CHARS)] = ""


_DECODER = msgspec.json.Decoder()
T = TypeVar("T")


def parse_client_message(raw: str | bytes) -> ClientMessage:
    """Parse one client frame.

    >>> parse_client_message('{"type": "hello", "last_version": 3}')
    Hello(last_version=3)
    >>> parse_client_message('{"type": "chat", "text": " good game "}')
    Chat(text='good game')
    >>> parse_client_message("[" * 40 + "]" * 40)
    Traceback (most recent call last):
    ...
    realtime.protocol.ProtocolError: message is nested deeper than 16 levels
    """
    if isinstance(raw, str):
        if len(raw) > MAX_MESSAGE_BYTES:
            raise ProtocolError(ErrorCode.TOO_LARGE, f"message is over {MAX_MESSAGE_BYTES} bytes")
        try:
            data = raw.encode()
        except UnicodeEncodeError as exc:
            raise ProtocolError(ErrorCode.BAD_JSON, "message is not valid UTF-8") from exc
    else:
        data = raw
    if len(data) > MAX_MESSAGE_BYTES:
        raise ProtocolError(ErrorCode.TOO_LARGE, f"message is {len(data)} bytes; the limit is {MAX_MESSAGE_BYTES}")
    if _depth(data) > MAX_DEPTH:
        raise ProtocolError(ErrorCode.TOO_LARGE, f"message is nested deeper than {MAX_DEPTH} levels")
    try:
        content = _DECODER.decode(data)
    except msgspec.DecodeError as exc:
        raise ProtocolError(ErrorCode.BAD_JSON, f"message is not valid JSON: {exc}") from exc
    except msgspec.ValidationError as exc:  # a number beyond 64 bits or a float's range
        raise ProtocolError(ErrorCode.BAD_MESSAGE, f"message holds an unsupported value: {exc}") from exc
    if not isinstance(content, dict):
        raise ProtocolError(ErrorCode.BAD_MESSAGE, "message must be a JSON object with a 'type'")
    kind = content.get("type")
    if kind == "hello":
        return _parse_hello(content)
    if kind == "action":
        return _parse_action(content)
    if kind == "chat":
        return _parse_chat(content)
    if kind == "dispute":
        message = _convert(content, _DisputeSchema)
        _check_strings(message.reason)
        return DisputeRequest(play=message.play, reason=message.reason.strip())
    shown = repr(kind)[:40] if isinstance(kind, str | int | float | None) else type(kind).__name__
    raise ProtocolError(
        ErrorCode.UNKNOWN_TYPE, f"unknown message type {shown}; expected hello, action, chat or dispute"
    )


def _depth(data: bytes) -> int:
    """How deeply arrays and objects nest in a JSON text (brackets inside strings not counted); the count of
    opening brackets bounds it, so a usual message is not scanned."""
    if data.count(b"[") + data.count(b"{") <= MAX_DEPTH:
        return 0
    depth = deepest = 0
    in_string = escaped = False
    for byte in data:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_DEPTH:
                    break
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


def _convert(content: dict[str, Any], schema: type[T], action_id: str | None = None) -> T:
    try:
        return msgspec.convert(content, schema, strict=True)
    except msgspec.ValidationError as exc:
        raise ProtocolError(ErrorCode.BAD_MESSAGE, str(exc), action_id) from exc


def _check_strings(value: object, action_id: str | None = None) -> None:
    """Refuses NUL characters anywhere (the database cannot store them); depth is already bounded."""
    if isinstance(value, str):
        if "\x00" in value:
            raise ProtocolError(ErrorCode.BAD_MESSAGE, "strings may not contain NUL characters", action_id)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_strings(key, action_id)
            _check_strings(item, action_id)
    elif isinstance(value, list):
        for item in value:
            _check_strings(item, action_id)


def _parse_hello(content: dict[str, Any]) -> Hello:
    return Hello(last_version=_convert(content, _HelloSchema).last_version)


def _parse_action(content: dict[str, Any]) -> ActionRequest:
    raw_id = content.get("action_id")
    action_id = raw_id if isinstance(raw_id, str) and len(raw_id) <= 64 else None
    message = _convert(content, _ActionSchema, action_id)
    action_id = str(message.action_id)
    _check_strings(message.action, action_id)
    kind = message.action.get("kind")
    if not isinstance(kind, str) or kind not in _ACTION_KINDS:
        choices = ", ".join(k.value for k in ActionKind)
        raise ProtocolError(ErrorCode.BAD_MESSAGE, f"action kind must be one of {choices}", action_id)
    return ActionRequest(
        action_id=action_id,
        expected_version=message.expected_version,
        kind=ActionKind(kind),
        body={k: v for k, v in message.action.items() if k != "kind"},
    )


def _parse_chat(content: dict[str, Any]) -> Chat:
    text = _convert(content, _ChatSchema).text
    _check_strings(text)
    text = text.strip()
    if not text:
        raise ProtocolError(ErrorCode.BAD_MESSAGE, "chat text must be a non-empty string")
    if len(text) > MAX_CHAT_CHARS:
        raise ProtocolError(ErrorCode.TOO_LARGE, f"chat text is limited to {MAX_CHAT_CHARS} characters")
    return Chat(text=text)


_ACTION_KINDS = frozenset(k.value for k in ActionKind)
