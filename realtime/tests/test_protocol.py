import doctest
import json
import uuid

import pytest

from games import errors as games_errors
from games.errors import Forbidden, InvalidLineup, VersionConflict
from realtime import protocol, ratelimit
from realtime.protocol import ActionKind, ActionRequest, Chat, ErrorCode, Hello, ProtocolError, parse_client_message


def _action(**overrides: object) -> str:
    message: dict[str, object] = {
        "type": "action",
        "action_id": str(uuid.uuid4()),
        "expected_version": 4,
        "action": {"kind": "roll"},
    }
    message.update(overrides)
    return json.dumps(message)


def test_doctests_pass() -> None:
    for module in (protocol, ratelimit):
        assert doctest.testmod(module).failed == 0


def test_hello_with_and_without_version() -> None:
    assert parse_client_message('{"type": "hello", "last_version": 7}') == Hello(last_version=7)
    assert parse_client_message('{"type": "hello"}') == Hello(last_version=None)


def test_action_is_parsed_into_kind_and_body() -> None:
    action_id = str(uuid.uuid4())
    raw = _action(action_id=action_id, action={"kind": "defense", "infield": "in", "hold": ["R1"]})
    assert parse_client_message(raw) == ActionRequest(
        action_id=action_id,
        expected_version=4,
        kind=ActionKind.DEFENSE,
        body={"infield": "in", "hold": ["R1"]},
    )


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ({"kind": "swap_positions", "side": "home", "moves": {"12": "SS", "15": "2B"}}, ActionKind.SWAP_POSITIONS),
        (
            {"kind": "double_switch", "side": "home", "pitcher": "30", "player_out": "16", "player_in": "21"},
            ActionKind.DOUBLE_SWITCH,
        ),
    ],
)
def test_defensive_move_kinds_are_accepted(body: dict[str, object], kind: ActionKind) -> None:
    parsed = parse_client_message(_action(action=body))
    assert isinstance(parsed, ActionRequest)
    assert parsed.kind is kind
    assert parsed.body == {k: v for k, v in body.items() if k != "kind"}


def test_chat_is_trimmed() -> None:
    assert parse_client_message('{"type": "chat", "text": "  nice catch "}') == Chat(text="nice catch")


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("not json", ErrorCode.BAD_JSON),
        ("[1, 2]", ErrorCode.BAD_MESSAGE),
        ('{"type": "launch"}', ErrorCode.UNKNOWN_TYPE),
        ('{"no_type": 1}', ErrorCode.UNKNOWN_TYPE),
        ('{"type": "hello", "last_version": -1}', ErrorCode.BAD_MESSAGE),
        ('{"type": "hello", "last_version": "3"}', ErrorCode.BAD_MESSAGE),
        ('{"type": "hello", "last_version": true}', ErrorCode.BAD_MESSAGE),
        ('{"type": "hello", "extra": 1}', ErrorCode.BAD_MESSAGE),
        ('{"type": "chat", "text": ""}', ErrorCode.BAD_MESSAGE),
        ('{"type": "chat", "text": 5}', ErrorCode.BAD_MESSAGE),
        (json.dumps({"type": "chat", "text": "x" * 501}), ErrorCode.TOO_LARGE),
        (json.dumps({"type": "chat", "text": "x" * 9000}), ErrorCode.TOO_LARGE),
        (_action(action_id="not-a-uuid"), ErrorCode.BAD_MESSAGE),
        (_action(action_id=None), ErrorCode.BAD_MESSAGE),
        (_action(expected_version="4"), ErrorCode.BAD_MESSAGE),
        (_action(expected_version=None), ErrorCode.BAD_MESSAGE),
        (_action(action="roll"), ErrorCode.BAD_MESSAGE),
        (_action(action={"kind": "teleport"}), ErrorCode.BAD_MESSAGE),
        (_action(surprise=True), ErrorCode.BAD_MESSAGE),
    ],
)
def test_malformed_messages_are_refused_with_a_code(raw: str, code: ErrorCode) -> None:
    with pytest.raises(ProtocolError) as caught:
        parse_client_message(raw)
    assert caught.value.code == code
    assert caught.value.as_message()["type"] == "error"
    assert caught.value.message


def test_action_errors_echo_the_action_id() -> None:
    action_id = str(uuid.uuid4())
    with pytest.raises(ProtocolError) as caught:
        parse_client_message(_action(action_id=action_id, expected_version=-2))
    assert caught.value.as_message()["action_id"] == action_id


def test_token_bucket_refills_over_time() -> None:
    now = [0.0]
    bucket = ratelimit.TokenBucket(rate_per_s=2.0, burst=3, clock=lambda: now[0])
    assert [bucket.allow() for _ in range(4)] == [True, True, True, False]
    now[0] = 0.5
    assert bucket.allow() is True
    assert bucket.allow() is False


def test_protocol_and_services_share_one_error_code_list() -> None:
    assert ErrorCode is games_errors.ErrorCode
    assert {str(cls.code) for cls in (Forbidden, VersionConflict, InvalidLineup)} <= {code.value for code in ErrorCode}
