import json
import uuid
from typing import Any

import pytest
import pytest_asyncio
from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.layers import channel_layers, get_channel_layer
from channels.testing import WebsocketCommunicator
from django.contrib.auth import get_user_model
from django.db import connections
from django.test import Client

from games import events as game_events
from games.access import game_viewer
from games.models import Game, GameAction, Visibility
from games.selectors import game_events_after
from games.services import game_apply_action, record
from games.setup import game_setup
from games.snapshot import game_state
from games.tests.live_helpers import demo_game, manager, next_body
from realtime import limits
from realtime.consumers import close_pool_connections
from scorecard.asgi import application

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]
ORIGIN = b"http://127.0.0.1"


@pytest_asyncio.fixture(autouse=True)
async def _fast_rate_and_closed_connections(settings):
    """Each test gets its own channel layer: a Redis layer's receive lock and buffers belong to the event loop
    that first used them, and every test runs on a new loop."""
    settings.SCORECARD_WS_RATE = (10_000.0, 10_000)
    channel_layers.backends.clear()
    yield
    await limits.close_clients()
    layer = get_channel_layer()
    if layer is not None and hasattr(layer, "close_pools"):
        await layer.close_pools()
    channel_layers.backends.clear()
    await database_sync_to_async(connections.close_all)()
    await sync_to_async(close_pool_connections, thread_sensitive=False)()


def _cookie(user) -> bytes:
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}".encode()


async def connect(game_id, user=None, origin=ORIGIN):
    headers = [(b"origin", origin)]
    if user is not None:
        headers.append((b"cookie", await sync_to_async(_cookie)(user)))
    communicator = WebsocketCommunicator(application, f"/ws/games/{game_id}/", headers=headers)
    connected, code = await communicator.connect()
    return communicator, connected, code


def _actor(game) -> str:
    actor = game_state(game).actor
    assert actor is not None, "the game is over"
    return actor.value


async def receive_until(communicator, kind, timeout=5):
    """Messages up to and including the first of type `kind`."""
    seen: list[dict[str, Any]] = []
    while True:
        try:
            message = await communicator.receive_json_from(timeout=timeout)
        except TimeoutError as exc:
            raise AssertionError(f"no {kind} after {seen}") from exc
        seen.append(message)
        if message["type"] == kind:
            return seen


async def hello(communicator, last_version=None):
    await communicator.send_json_to({"type": "hello", "last_version": last_version})
    return (await receive_until(communicator, "state" if last_version is None else "event"))[-1]


def action(body, version, action_id=None):
    return {"type": "action", "action_id": str(action_id or uuid.uuid4()), "expected_version": version, "action": body}


async def drain(communicator, quiet=0.3):
    """Everything queued until the socket has been quiet for `quiet` seconds (without cancelling the app)."""
    messages = []
    while not await communicator.receive_nothing(timeout=quiet):
        messages.append(await communicator.receive_json_from())
    return messages


async def test_a_full_game_against_the_ai_to_the_final_out():
    game = await sync_to_async(demo_game)(home_is_ai=True)
    user = await sync_to_async(manager)(game, "away")
    ws, connected, _ = await connect(game.pk, user)
    assert connected
    state = await hello(ws)
    assert state["role"] == "away"
    assert state["pending"]["side"] == "away"
    version = state["version"]
    events = []
    for _ in range(3000):
        if state["game"].get("phase") == "game_over":
            break
        body = await sync_to_async(next_body)(game)
        await ws.send_json_to(action(body, version))
        messages = await receive_until(ws, "ack")
        ack = messages[-1]
        assert ack["type"] == "ack", ack
        for message in await _events_until(ws, ack["version"], messages):
            events.append(message)
            state["game"] = message["game"]
        version = ack["version"]
    assert state["game"]["phase"] == "game_over"
    assert [e["version"] for e in events] == list(range(events[0]["version"], version + 1))
    await ws.disconnect()


async def _events_until(ws, version, already):
    events = [m for m in already if m["type"] == "event"]
    while not events or events[-1]["version"] < version:
        message = await ws.receive_json_from(timeout=5)
        if message["type"] == "event":
            events.append(message)
    return events


async def test_two_managers_and_a_spectator_see_the_same_events():
    game = await sync_to_async(demo_game)()
    home, away = await sync_to_async(manager)(game, "home"), await sync_to_async(manager)(game, "away")
    spectator = await sync_to_async(get_user_model().objects.create_user)("watcher")
    sockets = {}
    for name, user in (("home", home), ("away", away), ("spectator", spectator)):
        sockets[name], connected, _ = await connect(game.pk, user)
        assert connected
        assert (await hello(sockets[name]))["role"] == name
    logs: dict[str, list[Any]] = {name: [] for name in sockets}
    version = game.version
    for _ in range(25):
        await sync_to_async(game.refresh_from_db)()
        side = _actor(game)
        await sockets[side].send_json_to(action(await sync_to_async(next_body)(game), version))
        messages = await receive_until(sockets[side], "ack")
        logs[side] += messages
        version = messages[-1]["version"]
    streams = {}
    for name, ws in sockets.items():
        logs[name] += await drain(ws)
        streams[name] = [m for m in logs[name] if m["type"] == "event"]
        await ws.disconnect()
    for name, stream in streams.items():
        assert [e["version"] for e in stream] == list(range(1, version + 1)), name
    assert [e["plays"] for e in streams["home"]] == [e["plays"] for e in streams["away"]]
    assert [e["plays"] for e in streams["spectator"]] == [e["plays"] for e in streams["home"]]
    hidden = [e for e in streams["spectator"] if e["action"]["kind"] in ("defense", "offense")]
    assert hidden
    assert all("body" not in e["action"] for e in hidden)


async def test_hello_with_an_old_version_gets_the_missed_events_and_a_big_gap_gets_state():
    game = await sync_to_async(demo_game)(home_is_ai=True, away_is_ai=True)
    user = await sync_to_async(get_user_model().objects.create_user)("late")
    ws, connected, _ = await connect(game.pk, user)
    assert connected
    await ws.send_json_to({"type": "hello", "last_version": game.version - 3})
    events = [m for m in await drain(ws) if m["type"] == "event"]
    assert [e["version"] for e in events] == [game.version - 2, game.version - 1, game.version]
    await ws.send_json_to({"type": "hello", "last_version": 0})
    state = (await receive_until(ws, "state"))[-1]
    assert state["version"] == game.version
    assert state["game"]["phase"] == "game_over"
    await ws.disconnect()


async def test_authorization_is_refused_everywhere():
    game = await sync_to_async(demo_game)()
    private = await sync_to_async(demo_game)(visibility=Visibility.PRIVATE)
    home = await sync_to_async(manager)(game, "home")
    away = await sync_to_async(manager)(game, "away")
    stranger = await sync_to_async(get_user_model().objects.create_user)("stranger")
    _, connected, code = await connect(private.pk, stranger)
    assert not connected
    _, connected, _ = await connect(private.pk)
    assert not connected
    _, connected, _ = await connect(game.pk, home, origin=b"http://evil.example")
    assert not connected
    _, connected, _ = await connect(uuid.uuid4(), home)
    assert not connected
    anonymous, connected, _ = await connect(game.pk)
    assert connected
    body = await sync_to_async(next_body)(game)
    for user, code in ((None, "forbidden"), (stranger, "forbidden"), (away, "forbidden")):
        ws = anonymous if user is None else (await connect(game.pk, user))[0]
        await ws.send_json_to(action(body, game.version))
        error = (await receive_until(ws, "error"))[-1]
        assert error["code"] == code
        await ws.disconnect()
    assert not await sync_to_async(GameAction.objects.filter(game=game).exists)()


async def test_malformed_messages_get_errors_and_change_nothing():
    game = await sync_to_async(demo_game)()
    home = await sync_to_async(manager)(game, "home")
    ws, _, _ = await connect(game.pk, home)
    cases = [
        ("not json", "bad_json"),
        (json.dumps({"type": "dance"}), "unknown_type"),
        (json.dumps({"type": "hello", "last_version": "x"}), "bad_message"),
        (json.dumps(action({"kind": "roll"}, -1)), "bad_message"),
        (json.dumps(action({"kind": "defense", "infield": "deep"}, game.version)), "illegal_action"),
        (json.dumps(action({"kind": "roll"}, game.version + 5)), "version_conflict"),
        (json.dumps({"type": "chat", "text": "x" * 600}), "too_large"),
        ("x" * 10_000, "too_large"),
    ]
    for raw, code in cases:
        await ws.send_to(text_data=raw)
        error = (await receive_until(ws, "error"))[-1]
        assert error["code"] == code, (raw[:40], error)
    await sync_to_async(game.refresh_from_db)()
    assert game.version == 0
    await ws.disconnect()


async def test_presence_and_chat_are_broadcast():
    game = await sync_to_async(demo_game)()
    home = await sync_to_async(manager)(game, "home")
    away = await sync_to_async(manager)(game, "away")
    first, _, _ = await connect(game.pk, home)
    presence = (await receive_until(first, "presence"))[-1]
    assert [u["role"] for u in presence["users"]] == ["home"]
    second, _, _ = await connect(game.pk, away)
    presence = (await receive_until(first, "presence"))[-1]
    assert sorted(u["role"] for u in presence["users"]) == ["away", "home"]
    await second.send_json_to({"type": "chat", "text": "good luck"})
    chat = (await receive_until(first, "chat"))[-1]
    assert chat["text"] == "good luck"
    await second.disconnect()
    presence = (await receive_until(first, "presence"))[-1]
    assert [u["role"] for u in presence["users"]] == ["home"]
    await first.disconnect()
    session_users = await sync_to_async(lambda: list(Game.objects.get(pk=game.pk).session.connected_users.all()))()
    assert session_users == []


async def test_messages_over_the_rate_are_refused(settings):
    settings.SCORECARD_WS_RATE = (1.0, 3)
    game = await sync_to_async(demo_game)()
    ws, _, _ = await connect(game.pk)
    for _ in range(5):
        await ws.send_json_to({"type": "hello", "last_version": 0})
    codes = [m.get("code") for m in await drain(ws) if m["type"] == "error"]
    assert "rate_limited" in codes
    await ws.disconnect()


async def test_commissioner_watches_a_private_game_and_a_manager_forfeits_over_the_socket():
    from leagues.services import commissioner_add

    game = await sync_to_async(demo_game)(visibility=Visibility.PRIVATE)
    away = await sync_to_async(manager)(game, "away")
    commish = await sync_to_async(get_user_model().objects.create_user)("commish")
    league = await sync_to_async(lambda: game.league)()
    await sync_to_async(commissioner_add)(user=commish, league=league)
    watcher, connected, _ = await connect(game.pk, commish)
    assert connected
    assert (await hello(watcher))["role"] == "commissioner"
    ws, _, _ = await connect(game.pk, away)
    await hello(ws)
    await ws.send_json_to(action({"kind": "claim_forfeit"}, game.version))
    assert (await receive_until(ws, "error"))[-1]["code"] == "illegal_action"
    await ws.send_json_to(action({"kind": "substitute", "side": "home", "player_out": "1", "player_in": "2"}, 0))
    assert (await receive_until(ws, "error"))[-1]["code"] == "forbidden"
    await ws.send_json_to(action({"kind": "forfeit"}, game.version))
    messages = await receive_until(ws, "event")
    assert any(m["type"] == "ack" for m in messages)
    event = (await receive_until(watcher, "event"))[-1]
    assert event["action"] == {"kind": "forfeit", "side": "away", "source": "player", "body": event["action"]["body"]}
    assert event["game"]["winner"] == "home"
    for socket in (ws, watcher):
        await socket.disconnect()
    await sync_to_async(game.refresh_from_db)()
    assert game.status == "forfeited"


async def test_events_fanned_out_in_the_group_message_equal_what_the_database_renders():
    game = await sync_to_async(demo_game)()
    home, away = await sync_to_async(manager)(game, "home"), await sync_to_async(manager)(game, "away")
    sockets: dict[str, Any] = {"home": None, "away": None, "spectator": None}
    users = {"home": home, "away": away, "spectator": None}
    for name in sockets:
        sockets[name], connected, _ = await connect(game.pk, users[name])
        assert connected
        await hello(sockets[name])
    version = game.version
    for _ in range(12):
        await sync_to_async(game.refresh_from_db)()
        side = _actor(game)
        await sockets[side].send_json_to(action(await sync_to_async(next_body)(game), version))
        version = (await receive_until(sockets[side], "ack"))[-1]["version"]
    for name, ws in sockets.items():
        pushed = [m for m in await drain(ws) if m["type"] == "event"]
        viewer = await database_sync_to_async(game_viewer)(game_id=game.pk, user=users[name])
        stored = await database_sync_to_async(game_events_after)(game_id=game.pk, after=0, upto=None, viewer=viewer)
        assert pushed[-1]["version"] == version
        stored = stored[-len(pushed) :]
        # Each call's last event was the latest when it was committed, so it carries that moment's `pending` (a
        # swing's offensive decision is followed by its roll in the same call); the database path gives it to the
        # event of the current version only.
        assert pushed[-1] == stored[-1], name
        assert all(("pending" in event) == (event["action"]["kind"] != "offense") for event in pushed), name
        assert [{k: v for k, v in e.items() if k != "pending"} for e in pushed[:-1]] == stored[:-1], name
        await ws.disconnect()


async def test_a_consumer_that_missed_a_version_reads_it_from_the_database(monkeypatch):
    game = await sync_to_async(demo_game)()
    home = await sync_to_async(manager)(game, "home")
    ws, connected, _ = await connect(game.pk)
    assert connected
    start = (await hello(ws))["version"]
    monkeypatch.setattr(record, "broadcast_version", lambda *args, **kwargs: None)
    for _ in range(2):
        await sync_to_async(game.refresh_from_db)()
        await database_sync_to_async(game_apply_action)(
            game_id=game.pk,
            user=home if _actor(game) == "home" else await sync_to_async(manager)(game, "away"),
            action=await sync_to_async(next_body)(game),
            action_id=uuid.uuid4(),
            expected_version=game.version,
        )
    latest = await database_sync_to_async(GameAction.objects.get)(game=game, version=start + 2)
    message = {"type": "game.event", "version": start + 2, "actions": [game_events.fanout_fields(latest)]}
    layer = get_channel_layer()
    assert layer is not None
    await layer.group_send(game_events.game_group(game.pk), message)
    events = [m for m in await drain(ws) if m["type"] == "event"]
    await sync_to_async(game.refresh_from_db)()
    # every version it missed (the second call's swing made two: the decision and its roll), from the database
    assert game.version > start + 2
    assert [e["version"] for e in events] == list(range(start + 1, game.version + 1))
    await ws.disconnect()


async def test_the_state_names_each_side_s_bench_and_bullpen():
    game = await sync_to_async(demo_game)()
    ws, connected, _ = await connect(game.pk)
    assert connected
    state = await hello(ws)
    setup = await database_sync_to_async(game_setup)(game)
    bench = state["game"]["bench"]
    assert {row["id"] for row in bench["home"]} >= set(setup.home.bench) | set(setup.home.bullpen)
    assert all(row["id"] not in {slot["id"] for slot in state["game"]["lineups"]["home"]} for row in bench["home"])
    assert {slot["order"] for slot in state["game"]["lineups"]["away"]} >= set(range(1, 10))
    await ws.disconnect()


async def test_one_user_s_twenty_sockets_share_the_limits(settings):
    from realtime.tests.conftest import GENEROUS

    settings.SCORECARD_WS_LIMITS = {
        **GENEROUS,
        "chats": {"user": (5, 3600), "ip": (1_000, 3600)},
        "sockets": {"user": 20, "ip": 1_000},
    }
    game = await sync_to_async(demo_game)()
    home = await sync_to_async(manager)(game, "home")
    sockets = []
    for _ in range(20):
        ws, connected, _ = await connect(game.pk, home)
        assert connected
        sockets.append(ws)
    extra, connected, _ = await connect(game.pk, home)
    assert connected
    refusal = await extra.receive_json_from(timeout=5)
    assert (refusal["type"], refusal["code"]) == ("error", "rate_limited")
    assert (await extra.receive_output(timeout=5))["code"] == 4429
    for ws in sockets:
        await drain(ws, quiet=0.1)
    for ws in sockets:
        for _ in range(5):
            await ws.send_json_to({"type": "chat", "text": "spam"})
    replies = [m for ws in sockets for m in await drain(ws)]
    broadcast = [m for m in replies if m["type"] == "chat"]
    refused = [m for m in replies if m["type"] == "error" and m["code"] == "rate_limited"]
    assert len(broadcast) == 5 * 20  # five chats, each received by the twenty sockets
    assert len(refused) == 95
    for ws in sockets:
        await ws.disconnect()
    again, connected, _ = await connect(game.pk, home)
    assert connected
    assert await again.receive_json_from(timeout=5) != refusal
    await again.disconnect()


async def test_auto_over_the_socket_plays_routine_decisions_and_refuses_bad_bodies():
    game = await sync_to_async(demo_game)(home_is_ai=True)
    away = await sync_to_async(manager)(game, "away")
    ws, connected, _ = await connect(game.pk, away)
    assert connected
    await hello(ws)
    for body in (
        {"kind": "auto_sides", "side": "away"},
        {"kind": "auto_sides", "side": "left", "on": True},
        {"kind": "auto_sides", "side": "away", "on": "yes"},
        {"kind": "auto_sides", "side": "away", "on": True, "extra": 1},
    ):
        await ws.send_json_to(action(body, game.version))
        error = (await receive_until(ws, "error"))[-1]
        assert error["code"] == "illegal_action", (body, error)
    await ws.send_json_to(action({"kind": "auto_sides", "side": "home", "on": True}, game.version))
    assert (await receive_until(ws, "error"))[-1]["code"] == "forbidden"
    await sync_to_async(game.refresh_from_db)()
    assert (game.auto_sides, game.version) == ([], game.version)
    start = game.version
    await ws.send_json_to(action({"kind": "auto_sides", "side": "away", "on": True}, game.version))
    messages = await receive_until(ws, "ack")
    ack = messages[-1]
    await sync_to_async(game.refresh_from_db)()
    assert game.auto_sides == ["away"]
    assert ack["version"] == game.version > start  # the routine answers were made at once
    events = [m for m in messages + await drain(ws) if m["type"] == "event"]
    assert events
    assert events[-1]["pending"]["auto_sides"] == ["away"]
    await ws.disconnect()


async def test_the_opposing_manager_disputes_over_the_socket_and_both_see_the_correction(monkeypatch):
    from games.services import dispute_correct
    from games.tests.live_helpers import enter_against_the_card

    case = await sync_to_async(enter_against_the_card)(monkeypatch)
    game_id, number = case.game.pk, case.play.play_number
    opponent, _, _ = await connect(game_id, case.opponent)
    entering, _, _ = await connect(game_id, case.entered_by)
    for communicator in (opponent, entering):
        await hello(communicator)
        await drain(communicator)

    await entering.send_json_to({"type": "dispute", "play": number})
    refused = (await receive_until(entering, "error"))[-1]
    assert refused["code"] == "forbidden"
    await opponent.send_json_to({"type": "dispute", "play": "three"})
    assert (await receive_until(opponent, "error"))[-1]["code"] == "bad_message"

    await opponent.send_json_to({"type": "dispute", "play": number, "reason": "my card says otherwise"})
    for communicator in (opponent, entering):
        raised = (await receive_until(communicator, "dispute"))[-1]["dispute"]
        assert (raised["play"], raised["status"], raised["reason"]) == (number, "open", "my card says otherwise")
    await opponent.send_json_to({"type": "dispute", "play": number})
    assert "already disputed" in (await receive_until(opponent, "error"))[-1]["message"]

    card = case.card
    await sync_to_async(dispute_correct)(
        dispute_id=raised["id"],
        user=case.commissioner,
        outcome=card.outcome.value,
        fielder=card.fielder.value if card.fielder else None,
        reason="the card reads it",
    )
    for communicator in (opponent, entering):
        seen = await receive_until(communicator, "dispute")
        kinds = [m["type"] for m in seen]
        assert "correction" in kinds
        assert seen[-1]["dispute"]["status"] == "corrected"
        correction = next(m for m in seen if m["type"] == "correction")
        assert correction["from_version"] == raised["version"]
    events = await database_sync_to_async(game_events_after)(
        game_id=game_id,
        after=0,
        upto=None,
        viewer=await database_sync_to_async(game_viewer)(game_id=game_id, user=None),
    )
    plays = [p for e in events for p in e["plays"] if p["number"] == number]
    assert plays[0]["mismatch"] is None
    for communicator in (opponent, entering):
        await communicator.disconnect()
