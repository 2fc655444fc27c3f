"""Real daphne processes on PostgreSQL + Redis, real sockets (websockets), real login sessions."""

import asyncio
import json
import signal
import time
import uuid

import pytest
from asgiref.sync import sync_to_async
from django.contrib.auth import get_user_model
from django.db import connections
from django.test import Client

from games.models import GameAction, GameStatus
from games.selectors import game_replay_check
from games.snapshot import game_state
from games.tests.live_helpers import demo_game, manager, next_body
from realtime.client import GameClient
from scorecard.tests.servers import daphne_workers, start_daphne

pytestmark = pytest.mark.django_db(transaction=True)


def _cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


async def _open(name, worker, game, user=None):
    cookie = await sync_to_async(_cookie)(user) if user is not None else None
    client = await GameClient.open(
        name, f"{worker.ws_url}/ws/games/{game.pk}/", origin=f"http://127.0.0.1:{worker.port}", cookie=cookie
    )
    await client.hello()
    return client


async def _play(game, players, limit, *, until_over=True):
    """Lets whichever side the game waits for act, through its own socket, `limit` times or to the end."""
    version = max(c.version for c in players.values())
    acks = []
    for _ in range(limit):
        await sync_to_async(game.refresh_from_db)()
        if game.status != GameStatus.ACTIVE:
            break
        side = await sync_to_async(_actor)(game)
        ack = await players[side].act(await sync_to_async(next_body)(game), game.version)
        assert ack["type"] == "ack", ack
        acks.append(ack)
        version = ack["version"]
    assert not until_over or game.status != GameStatus.ACTIVE or len(acks) == limit
    return version, acks


async def _closing(coroutine):
    """Runs `coroutine`, then closes the database connection its sync_to_async thread opened."""
    try:
        return await coroutine
    finally:
        await sync_to_async(connections.close_all)()


def _actor(game):
    actor = game_state(game).actor
    assert actor is not None, "the game is over"
    return actor.value


def test_two_workers_four_sockets_identical_streams(tmp_path, monkeypatch):
    # Actions are acknowledged faster than the default per-connection rate (20/s): lift it for this long game.
    monkeypatch.setenv("SCORECARD_WS_RATE", "1000")
    monkeypatch.setenv("SCORECARD_WS_BURST", "1000")
    for name in ("USER_MESSAGES", "IP_MESSAGES", "USER_ACTIONS", "IP_ACTIONS"):
        monkeypatch.setenv(f"SCORECARD_WS_{name}", "1000000")
    game = demo_game()
    home, away = manager(game, "home"), manager(game, "away")
    fan = get_user_model().objects.create_user("fan")

    async def scenario():
        with daphne_workers(tmp_path, count=2) as (one, two):
            clients = {
                "home": await _open("home", one, game, home),
                "away": await _open("away", two, game, away),
                "fan": await _open("fan", one, game, fan),
                "anonymous": await _open("anonymous", two, game),
            }
            version, _ = await _play(game, {"home": clients["home"], "away": clients["away"]}, 2_000)
            for client in clients.values():
                await client.wait_for(lambda c=client: c.version >= version, timeout=20)
            streams = {name: [(e["version"], e["plays"]) for e in c.events] for name, c in clients.items()}
            for client in clients.values():
                await client.close()
            return version, streams

    version, streams = asyncio.run(_closing(scenario()))
    game.refresh_from_db()
    assert game.status == GameStatus.COMPLETED
    assert version == game.version
    assert [v for v, _ in streams["fan"]] == list(range(1, version + 1))
    assert streams["home"] == streams["away"] == streams["fan"] == streams["anonymous"]
    assert game_replay_check(game).mismatches == ()


def test_a_killed_worker_loses_no_acknowledged_play(tmp_path):
    game = demo_game(home_is_ai=True)
    away = manager(game, "away")

    async def scenario():
        worker = start_daphne(tmp_path)
        restarted = None
        try:
            client = await _open("away", worker, game, away)
            _, acks = await _play(game, {"away": client}, 30, until_over=False)
            await sync_to_async(game.refresh_from_db)()
            in_flight = str(uuid.uuid4())
            body = await sync_to_async(next_body)(game)
            message = {"type": "action", "action_id": in_flight, "expected_version": game.version, "action": body}
            await client.socket.send(json.dumps(message))
            worker.kill(signal.SIGKILL)
            await client.close()
            restarted = start_daphne(tmp_path)
            client = await _open("away again", restarted, game, away)
            retry = await client.act(body, game.version, action_id=in_flight)
            assert retry["type"] == "ack", retry
            _, more = await _play(game, {"away": client}, 10, until_over=False)
            await client.close()
        finally:
            for process in (worker, restarted):
                if process is not None:
                    process.kill(signal.SIGTERM)
        return acks, retry, more

    acks, retry, more = asyncio.run(_closing(scenario()))
    recorded = set(GameAction.objects.filter(game=game).values_list("action_id", flat=True))
    assert {uuid.UUID(a["action_id"]) for a in [*acks, retry, *more]} <= recorded
    game.refresh_from_db()
    assert game_replay_check(game).mismatches == ()
    assert game.version >= more[-1]["version"]


def test_one_user_s_twenty_sockets_on_two_workers_share_the_limits(tmp_path, monkeypatch):
    """The socket cap and the chat window are per user across workers (counted in Redis), not per socket."""
    monkeypatch.setenv("SCORECARD_WS_USER_SOCKETS", "20")
    monkeypatch.setenv("SCORECARD_WS_USER_CHATS", "5")
    monkeypatch.setenv("SCORECARD_WS_LIMIT_SECONDS", "3600")  # fixed windows: one hour, so the chats fall in one
    # Every socket of the suite comes from 127.0.0.1: lift the per-IP windows so earlier tests cannot spend them.
    for name in ("IP_SOCKETS", "IP_CHATS", "IP_MESSAGES", "USER_MESSAGES"):
        monkeypatch.setenv(f"SCORECARD_WS_{name}", "1000000")
    game = demo_game()
    home = manager(game, "home")

    async def scenario():
        with daphne_workers(tmp_path, count=2) as workers:
            sockets = [await _open(f"home-{n}", workers[n % 2], game, home) for n in range(20)]
            extra = await GameClient.open(
                "extra",
                f"{workers[1].ws_url}/ws/games/{game.pk}/",
                origin=f"http://127.0.0.1:{workers[1].port}",
                cookie=await sync_to_async(_cookie)(home),
            )
            await extra.wait_for(lambda: any(m.get("type") == "error" for m in extra.others), timeout=20)
            refusal = next(m for m in extra.others if m.get("type") == "error")
            await extra.close()
            while time.time() % 3600 > 3570:  # not at the edge of a window
                await asyncio.sleep(1)
            for client in sockets:
                for _ in range(5):
                    await client.socket.send(json.dumps({"type": "chat", "text": "spam"}))

            def settled():
                chats = sum(1 for c in sockets for m in c.others if m.get("type") == "chat")
                refused = sum(1 for c in sockets for m in c.others if m.get("code") == "rate_limited")
                return chats, refused

            deadline = asyncio.get_running_loop().time() + 30
            while settled() != (5 * 20, 95) and asyncio.get_running_loop().time() < deadline:
                await asyncio.sleep(0.1)
            for client in sockets:
                await client.close()
            return refusal, settled()

    refusal, (chats, refused) = asyncio.run(_closing(scenario()))
    assert (refusal["type"], refusal["code"]) == ("error", "rate_limited")
    assert (chats, refused) == (100, 95)  # five chats let through for the user, each reaching all twenty sockets
