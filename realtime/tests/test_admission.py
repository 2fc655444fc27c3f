"""Admission control: an action over the worker's or the game's bound of actions in flight is refused at once with
`busy` and a retry hint, and nothing is applied for it."""

import asyncio
import threading

import pytest
from asgiref.sync import sync_to_async

from games.models import Game, GameAction
from games.tests.live_helpers import demo_game, manager, next_body
from realtime import consumers
from realtime.admission import admission
from realtime.tests.test_game_consumer import (  # noqa: F401 - the fixture is used by name
    _fast_rate_and_closed_connections,
    action,
    connect,
    hello,
    receive_until,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


@pytest.mark.parametrize("bound", ["worker", "game"])
async def test_an_action_over_the_bound_is_refused_busy_and_nothing_is_applied(settings, monkeypatch, bound):
    if bound == "worker":
        settings.SCORECARD_WS_ACTIONS_IN_FLIGHT = 1
    else:
        settings.SCORECARD_WS_GAME_ACTIONS_IN_FLIGHT = 1
    first = await sync_to_async(demo_game)(home_is_ai=True)
    other = first if bound == "game" else await sync_to_async(demo_game)(home_is_ai=True)
    sockets = []
    for game in (first, other):
        user = await sync_to_async(manager)(game, "away")
        ws, connected, _ = await connect(game.pk, user)
        assert connected
        await hello(ws)
        sockets.append(ws)
    entered, release = threading.Event(), threading.Event()
    apply = consumers._apply

    def held(*args):
        entered.set()
        release.wait(10)
        return apply(*args)

    monkeypatch.setattr(consumers, "_apply", held)
    await sockets[0].send_json_to(action(await sync_to_async(next_body)(first), first.version))
    assert await asyncio.to_thread(entered.wait, 10)
    refused = action(await sync_to_async(next_body)(other), other.version)
    await sockets[1].send_json_to(refused)
    error = (await receive_until(sockets[1], "error"))[-1]
    assert error["code"] == "busy"
    assert error["action_id"] == refused["action_id"]
    assert error["retry_after_ms"] >= settings.SCORECARD_WS_BUSY_RETRY_MS
    assert not await GameAction.objects.filter(action_id=refused["action_id"]).aexists()
    assert (await Game.objects.aget(pk=other.pk)).version == other.version
    release.set()
    ack = (await receive_until(sockets[0], "ack"))[-1]
    assert ack["type"] == "ack"
    assert admission.total == 0
    await sync_to_async(other.refresh_from_db)()
    again = action(await sync_to_async(next_body)(other), other.version)
    await sockets[1].send_json_to(again)
    assert (await receive_until(sockets[1], "ack"))[-1]["action_id"] == again["action_id"]
    for ws in sockets:
        await ws.disconnect()
