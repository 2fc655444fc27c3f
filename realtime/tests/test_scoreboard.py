"""The league scoreboard socket: `hello` gets every live public game; each committed action of a public game
sends that game's new row; other messages are refused with an error and the socket stays open."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
import pytest_asyncio
from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.layers import channel_layers, get_channel_layer
from channels.testing import WebsocketCommunicator
from django.db import connections

from games.models import Game, GameAction, Visibility
from games.services import game_apply_action
from games.snapshot import game_state
from games.tests.live_helpers import demo_game, manager, next_body
from leagues.tests.factories import LeagueFactory
from realtime.consumers import close_pool_connections
from scorecard.asgi import application

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]
ORIGIN = b"http://127.0.0.1"


@pytest_asyncio.fixture(autouse=True)
async def _own_channel_layer(settings: Any) -> Any:
    settings.SCORECARD_WS_RATE = (10_000.0, 10_000)
    channel_layers.backends.clear()
    yield
    layer = get_channel_layer()
    if layer is not None and hasattr(layer, "close_pools"):
        await layer.close_pools()
    channel_layers.backends.clear()
    await database_sync_to_async(connections.close_all)()
    await sync_to_async(close_pool_connections, thread_sensitive=False)()


async def scoreboard(code: str = "pd") -> tuple[WebsocketCommunicator, bool, Any]:
    ws = WebsocketCommunicator(application, f"/ws/leagues/{code}/scoreboard/", headers=[(b"origin", ORIGIN)])
    connected, close_code = await ws.connect()
    return ws, connected, close_code


def _act(game: Game) -> None:
    """One action by whoever the (human against AI) game waits for."""
    game.refresh_from_db()
    actor = game_state(game).actor
    assert actor is not None
    user = manager(game, actor.value)
    game_apply_action(
        game_id=game.pk, user=user, action=next_body(game), action_id=uuid.uuid4(), expected_version=game.version
    )


def _latest_summary(game: Game) -> dict[str, Any]:
    return GameAction.objects.filter(game=game).order_by("-version").values_list("summary", flat=True)[0]


def _expected(game: Game) -> dict[str, Any]:
    game.refresh_from_db()
    summary = _latest_summary(game)
    return {
        "score": summary["score"],
        "inning": summary["inning"],
        "outs": summary["outs"],
        "bases": [runner is not None for runner in summary["bases"]],
    }


def _shown(row: dict[str, Any]) -> dict[str, Any]:
    return {key: row[key] for key in ("score", "inning", "outs", "bases")}


async def test_hello_lists_live_public_games_and_each_action_sends_the_new_row() -> None:
    game = await sync_to_async(demo_game)(home_is_ai=True)
    private = await sync_to_async(demo_game)(home_is_ai=True, visibility=Visibility.PRIVATE)
    ws, connected, _ = await scoreboard()
    assert connected
    await ws.send_json_to({"type": "hello"})
    board = await ws.receive_json_from(timeout=5)
    assert board["type"] == "scoreboard"
    assert [row["game"] for row in board["games"]] == [str(game.pk)]
    row = board["games"][0]
    teams = await sync_to_async(lambda: (game.away_team.abbreviation, game.home_team.abbreviation))()
    assert (row["away"], row["home"], row["live"]) == (*teams, True)
    assert row["state"] == f"{'Top' if row['half'] == 'top' else 'Bot'} {row['inning']}"
    assert _shown(row) == await sync_to_async(_expected)(game)

    await sync_to_async(_act)(private)
    await sync_to_async(_act)(game)
    update = await ws.receive_json_from(timeout=5)
    assert update["type"] == "scoreboard_game"
    assert update["game"]["game"] == str(game.pk)
    assert _shown(update["game"]) == await sync_to_async(_expected)(game)
    assert await ws.receive_nothing(timeout=0.3)  # the private game's action sent nothing
    await ws.disconnect()


async def test_bad_messages_get_an_error_and_the_socket_stays_open() -> None:
    await sync_to_async(LeagueFactory)(code="pd")
    ws, connected, _ = await scoreboard()
    assert connected
    for frame, code in (
        ('{"type": "chat", "text": "hi"}', "bad_message"),
        ("not json", "bad_json"),
        ('{"type": "hello", "last_version": -1}', "bad_message"),
        ("[" * 40 + "]" * 40, "too_large"),
    ):
        await ws.send_to(text_data=frame)
        error = await ws.receive_json_from(timeout=5)
        assert (error["type"], error["code"]) == ("error", code), frame
    await ws.send_json_to({"type": "hello"})
    assert (await ws.receive_json_from(timeout=5)) == {"type": "scoreboard", "games": []}
    await ws.disconnect()


async def test_an_unknown_league_is_refused() -> None:
    _, connected, close_code = await scoreboard("zz")
    assert (connected, close_code) == (False, 4404)
