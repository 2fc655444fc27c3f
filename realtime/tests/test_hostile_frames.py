"""Hostile frames against the real consumer (one socket, one event loop for every generated frame): each gets an
`error`, the socket stays open, the game is unchanged and nothing is logged at ERROR."""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from channels.layers import channel_layers, get_channel_layer
from channels.testing import WebsocketCommunicator
from django.db import connections
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from games.models import Game, Play
from games.services import game_apply_action
from games.snapshot import game_state
from games.tests.live_helpers import demo_game, manager, next_body
from realtime import limits
from realtime.consumers import close_pool_connections
from realtime.protocol import MAX_DEPTH, ActionKind
from scorecard.asgi import application

pytestmark = pytest.mark.django_db(transaction=True)
EXAMPLES = 120


def _cookie(user: Any) -> bytes:
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}".encode()


def _frame(message: dict[str, Any]) -> str:
    return json.dumps(message)


def _raw_action(expected: str, extra: str = "") -> str:
    """An action frame written by hand: `expected` and `extra` (`, "key": value` in the body) as raw JSON text."""
    head = '{"type":"action","action_id":"' + str(uuid.uuid4()) + '","expected_version":' + expected
    return head + ',"action":{"kind":"roll"' + extra + "}}"


def hostile_frames(version: int) -> st.SearchStrategy[str | bytes]:
    """Frames none of which may change the game: the socket's user is the away manager while the game waits for
    home's defense, and no action carries the current version unless its kind is one away may not send now."""
    garbage = st.text(max_size=40)
    json_values = st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | garbage,
        lambda children: st.lists(children, max_size=3) | st.dictionaries(garbage, children, max_size=3),
        max_leaves=8,
    )
    depth = st.integers(MAX_DEPTH + 1, 5_000)
    digits = st.integers(20, 6_000).map(lambda n: "9" * n)
    not_now = st.one_of(st.integers(0, version - 1), st.integers(version + 1, 2**53))
    kinds = st.sampled_from([k.value for k in ActionKind])
    uuids = st.uuids().map(str)

    def action(kind: Any, expected: Any, **body: Any) -> dict[str, Any]:
        return {
            "type": "action",
            "action_id": str(uuid.uuid4()),
            "expected_version": expected,
            "action": {"kind": kind, **body},
        }

    surrogates = st.sampled_from(["\\ud800", "\\udfff", "\\ud800x", "\\udc00\\ud800", "a\\udbff"])
    return st.one_of(
        depth.map(lambda n: "[" * n + "]" * n),
        depth.map(lambda n: '{"type": "action", "action": ' + '{"a": ' * n + "1" + "}" * n + "}"),
        depth.map(lambda n: '{"type":"hello","last_version":' + "[" * n + "]" * n + "}"),
        digits.map(lambda d: '{"type":"hello","last_version":' + d + "}"),
        digits.map(_raw_action),
        digits.map(lambda d: _raw_action("0", ',"n":' + d)),
        st.sampled_from(["1e400", "-1e400", "1.0", "2.5", "1e3", "-0.0"]).map(
            lambda f: '{"type":"hello","last_version":' + f + "}"
        ),
        st.floats(allow_nan=False).map(lambda f: _frame(action("roll", f))),
        st.one_of(st.floats(), st.booleans(), st.text(max_size=10), st.integers(max_value=-1)).map(
            lambda v: _frame({"type": "hello", "last_version": v})
        ),
        surrogates.map(lambda s: '{"type":"chat","text":"' + s + '"}'),
        surrogates.map(lambda s: _raw_action("0", ',"x":"' + s + '"')),
        st.text(max_size=20).map(lambda t: '{"type":"chat","text":"\\u0000' + json.dumps(t)[1:-1] + '"}'),
        st.sampled_from(["\x00", '{"type":"hello"}\x00', '{"type":\x00"hello"}', '\x00{"type":"chat","text":"hi"}']),
        not_now.map(lambda v: _frame(action("defense", version, note="\x00", v=v))),
        st.binary(min_size=1, max_size=60),
        st.text(min_size=1, max_size=40),
        json_values.map(json.dumps),
        st.tuples(garbage, json_values).map(lambda t: _frame({"type": t[0], "payload": t[1]})),
        st.tuples(garbage.filter(lambda k: k not in {k.value for k in ActionKind}), st.integers(0, 2**53)).map(
            lambda t: _frame(action(t[0], t[1]))
        ),
        st.tuples(kinds, not_now, st.dictionaries(garbage, json_values, max_size=3)).map(
            lambda t: _frame(action(t[0], t[1], **{k: v for k, v in t[2].items() if k != "kind"}))
        ),
        st.sampled_from(["defense", "claim_forfeit"]).map(lambda k: _frame(action(k, version))),
        st.sampled_from(["pitching_change", "substitute"]).map(lambda k: _frame(action(k, version, side="home"))),
        st.tuples(uuids, json_values).map(lambda t: _frame({"type": "hello", "last_version": 0, t[0]: t[1]})),
        st.one_of(
            st.just(""), st.just("   "), st.text(min_size=501, max_size=520).filter(lambda t: len(t.strip()) > 500)
        ).map(lambda t: _frame({"type": "chat", "text": t})),
        st.text(max_size=8_300).map(lambda t: "x" * 8_200 + t),
    )


def _played_game() -> tuple[Game, Any]:
    """A started game after two actions or more, waiting for home; and its away manager."""
    game = demo_game()
    home, away = manager(game, "home"), manager(game, "away")
    for _ in range(30):
        game.refresh_from_db()
        actor = game_state(game).actor
        assert actor is not None
        if game.version >= 2 and actor.value == "home":
            break
        user = home if actor.value == "home" else away
        game_apply_action(
            game_id=game.pk, user=user, action=next_body(game), action_id=uuid.uuid4(), expected_version=game.version
        )
    game.refresh_from_db()
    return game, away


async def _close_layer() -> None:
    await limits.close_clients()
    layer = get_channel_layer()
    close_pools = getattr(layer, "close_pools", None)
    if close_pools is not None:
        await close_pools()


def _fingerprint(game_id: Any) -> tuple[int, Any, int]:
    game = Game.objects.get(pk=game_id)
    return game.version, game.state, Play.objects.filter(game_id=game_id).count()


async def _reply(ws: WebsocketCommunicator, frame: str | bytes) -> list[dict[str, Any]]:
    """Everything the frame is answered with, up to and including its `error`."""
    if isinstance(frame, bytes):
        await ws.send_to(bytes_data=frame)
    else:
        await ws.send_to(text_data=frame)
    seen = []
    while True:
        message = await ws.receive_json_from(timeout=10)
        seen.append(message)
        if message["type"] in ("error", "ack", "state", "chat"):
            return seen


def test_hostile_frames_get_errors_and_change_nothing(settings_override: None, caplog: Any) -> None:
    game, away = _played_game()
    before = _fingerprint(game.pk)
    loop = asyncio.new_event_loop()
    run = loop.run_until_complete
    ws = WebsocketCommunicator(
        application, f"/ws/games/{game.pk}/", headers=[(b"origin", b"http://127.0.0.1"), (b"cookie", _cookie(away))]
    )
    try:
        connected, _ = run(ws.connect())
        assert connected
        state = run(_reply(ws, '{"type":"hello"}'))[-1]
        assert state["type"] == "state"
        assert state["pending"]["side"] == "home", "the frames below assume the game waits for home"
        caplog.set_level(logging.DEBUG)

        @given(frame=hostile_frames(game.version))
        @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def check(frame: str | bytes) -> None:
            caplog.clear()
            replies = run(_reply(ws, frame))
            assert replies[-1]["type"] == "error", (frame[:80], replies)
            assert replies[-1]["code"] != "internal", (frame[:80], replies)
            assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
            assert _fingerprint(game.pk) == before

        check()
        # Still open and answering.
        assert run(_reply(ws, '{"type":"hello"}'))[-1]["version"] == game.version
    finally:
        run(ws.disconnect())
        run(_close_layer())
        channel_layers.backends.clear()
        run(sync_to_async(connections.close_all)())
        close_pool_connections()
        loop.close()


@pytest.fixture
def settings_override(settings: Any) -> Any:
    settings.SCORECARD_WS_RATE = (10_000.0, 10_000)
    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()
