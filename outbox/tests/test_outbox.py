"""The outbox against a real HTTP receiver and PostgreSQL: messages are written with the state change that causes
them, delivered once with their idempotency key, retried with backoff, and given up on visibly."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from games import engine
from games.access import SYSTEM
from games.models import Game, GameAction, GameStatus
from games.services import game_apply_action, game_forfeit, game_forfeit_by_player, game_start
from games.snapshot import game_state
from games.tests.live_helpers import demo_game, manager, next_body
from leagues.tests.factories import LeagueFactory
from outbox.models import OutboxKind, OutboxMessage, OutboxStatus
from outbox.services import (
    GameMoment,
    outbox_deliver_due,
    outbox_deliver_one,
    outbox_enqueue_for_transition,
    outbox_resend,
)
from outbox.tests.receiver import Receiver, receiver
from scorecard.clock import pendulum_now

pytestmark = pytest.mark.django_db
LATER = timedelta(days=1)


def _actor(game: Game) -> engine.Side:
    actor = game_state(game).actor
    assert actor is not None, "the game is over"
    return actor


@pytest.fixture
def rx(settings: Any) -> Iterator[Receiver]:
    with receiver() as server:
        settings.LEAGUE_RESULTS_URLS = {"pd": server.url("/results/pd"), "sba": server.url("/results/sba")}
        settings.LEAGUE_APIS = {"pd": {"base_url": "", "key": "pd-secret"}, "sba": {"base_url": "", "key": ""}}
        yield server


def with_webhooks(game: Game, rx: Receiver, sides: tuple[str, ...] = ("away", "home")) -> Game:
    for side in sides:
        team = game.home_team if side == "home" else game.away_team
        team.discord_webhook_url = rx.url(f"/hooks/{team.abbreviation}")
        team.gm_discord_id = f"10{team.pk}"
        team.save()
    return game


def finished_ai_game(rx: Receiver, sides: tuple[str, ...] = ("away", "home")) -> Game:
    game = with_webhooks(demo_game(home_is_ai=True, away_is_ai=True, start=False), rx, sides)
    game_start(game_id=game.pk, user=SYSTEM)
    game.refresh_from_db()
    assert game.status == GameStatus.COMPLETED
    return game


def result_message(game: Game) -> OutboxMessage:
    return OutboxMessage.objects.get(game=game, kind=OutboxKind.GAME_RESULT)


def test_completed_game_writes_one_result_and_both_notifications(rx: Receiver) -> None:
    game = finished_ai_game(rx)
    message = result_message(game)
    assert message.key == f"game_result:{game.pk}"
    assert message.url == rx.url("/results/pd")
    payload = message.payload
    assert payload["score"] == {"away": game.away_score, "home": game.home_score}
    assert payload["home_team"]["abbreviation"] == game.home_team.abbreviation
    assert payload["status"] == "completed"
    assert payload["innings"] >= 9
    assert payload["plays"] == game.plays.count() > 50
    assert payload["winner"]["id"] in (game.home_team_id, game.away_team_id)
    assert payload["url"].endswith(f"/games/{game.pk}/")
    finished = OutboxMessage.objects.filter(game=game, kind=OutboxKind.GAME_FINISHED)
    assert {m.team_id for m in finished} == {game.home_team_id, game.away_team_id}
    assert not OutboxMessage.objects.filter(game=game, kind=OutboxKind.YOUR_TURN).exists()

    report = outbox_deliver_due(pendulum_now())
    assert report.delivered == 3
    by_path = {r.path: r for r in rx.requests}
    assert by_path["/results/pd"].headers["Idempotency-Key"] == message.key
    assert by_path["/results/pd"].headers["Authorization"] == "Bearer pd-secret"
    assert by_path["/results/pd"].body == payload
    hook = by_path[f"/hooks/{game.home_team.abbreviation}"]
    assert "Authorization" not in hook.headers
    assert hook.body["content"] == f"<@10{game.home_team_id}>"
    assert hook.body["embeds"][0]["title"].startswith("Game over (final)")
    assert hook.body["allowed_mentions"] == {"users": [f"10{game.home_team_id}"]}

    assert outbox_deliver_due(pendulum_now() + LATER).delivered == 0
    assert len(rx.requests) == 3
    message.refresh_from_db()
    assert message.status == OutboxStatus.DELIVERED
    assert message.attempts == 1
    assert message.delivered_at is not None


def test_rolled_back_completion_leaves_no_message(rx: Receiver) -> None:
    game = with_webhooks(demo_game(home_is_ai=True, away_is_ai=True, start=False), rx)

    class Abort(Exception):
        pass

    def start_then_abort() -> None:
        with transaction.atomic():
            game_start(game_id=game.pk, user=SYSTEM)
            assert OutboxMessage.objects.filter(game=game).count() == 3
            raise Abort

    with pytest.raises(Abort):
        start_then_abort()
    game.refresh_from_db()
    assert game.status == GameStatus.PENDING
    assert not OutboxMessage.objects.exists()


def test_forfeits_write_results(rx: Receiver) -> None:
    game = with_webhooks(demo_game(), rx)
    away = manager(game, "away")
    game_forfeit_by_player(game_id=game.pk, user=away, action_id=uuid.uuid4(), expected_version=game.version)
    message = result_message(game)
    assert message.payload["status"] == "forfeited"
    assert message.payload["winner"]["id"] == game.home_team_id
    assert OutboxMessage.objects.filter(game=game, kind=OutboxKind.GAME_FINISHED).count() == 2

    other = with_webhooks(demo_game(), rx)
    root = User.objects.create_superuser("root", "root@example.com", "x")
    game_forfeit(game=other, actor=root, reason="no show", winner=other.away_team)
    message = result_message(other)
    assert message.payload["forfeit_reason"] == "no show"
    assert message.payload["winner"]["id"] == other.away_team_id
    titles = [m.payload["embeds"][0]["title"] for m in other.outbox_messages.filter(kind=OutboxKind.GAME_FINISHED)]
    assert titles == [f"Game over (forfeit): {other.away_team.abbreviation} win"] * 2


def test_nothing_for_teams_without_a_webhook_or_leagues_without_results_url(rx: Receiver, settings: Any) -> None:
    game = finished_ai_game(rx, sides=("home",))
    kinds = OutboxMessage.objects.filter(game=game).values_list("kind", "team")
    assert sorted(kinds) == [(OutboxKind.GAME_FINISHED, game.home_team_id), (OutboxKind.GAME_RESULT, None)]
    settings.LEAGUE_RESULTS_URLS = {}
    for team in (game.home_team, game.away_team):
        team.discord_webhook_url = ""
        team.save()
    quiet = demo_game(home_is_ai=True, away_is_ai=True)
    assert quiet.status == GameStatus.COMPLETED
    assert not OutboxMessage.objects.filter(game=quiet).exists()


def test_server_error_is_retried_with_backoff_and_delivered_once(rx: Receiver) -> None:
    game = finished_ai_game(rx, sides=())
    rx.fail_next(500)
    now = pendulum_now()
    assert outbox_deliver_due(now).retrying == 1
    message = result_message(game)
    assert message.status == OutboxStatus.FAILED
    assert message.last_error.startswith("HTTP 500")
    assert now + timedelta(seconds=14) <= message.next_attempt_at <= now + timedelta(seconds=31)
    assert outbox_deliver_due(now).delivered == 0
    assert outbox_deliver_due(now + LATER).delivered == 1
    assert outbox_deliver_due(now + 2 * LATER).delivered == 0
    assert rx.keys() == [message.key, message.key]
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (OutboxStatus.DELIVERED, 2, "")


def test_too_many_failures_make_a_message_dead(rx: Receiver, settings: Any) -> None:
    settings.OUTBOX_MAX_ATTEMPTS = 3
    finished_ai_game(rx, sides=())
    rx.fail_next(503, 429, 502)
    now = pendulum_now()
    reports = [outbox_deliver_one(now + i * LATER) for i in range(4)]
    assert [(r.retrying, r.dead) if r else None for r in reports] == [(1, 0), (1, 0), (0, 1), None]
    assert OutboxMessage.objects.get().status == OutboxStatus.DEAD


@pytest.fixture
def superuser_client(client: Client) -> Client:
    client.force_login(User.objects.create_superuser("admin", "admin@example.com", "x"))
    return client


def test_client_error_is_dead_at_once_visible_in_admin_and_can_be_resent(
    rx: Receiver, superuser_client: Client
) -> None:
    game = finished_ai_game(rx, sides=())
    rx.fail_next(400)
    assert outbox_deliver_due(pendulum_now()).dead == 1
    message = result_message(game)
    assert (message.status, message.attempts) == (OutboxStatus.DEAD, 1)
    assert message.last_error == "HTTP 400: answer 400"

    changelist = reverse("admin:outbox_outboxmessage_changelist")
    page = superuser_client.get(changelist, {"status__exact": "dead", "q": str(game.pk)})
    assert page.status_code == 200
    assert message.key in page.content.decode()
    assert "HTTP 400: answer 400" in page.content.decode()
    detail = superuser_client.get(reverse("admin:outbox_outboxmessage_change", args=[message.pk]))
    assert "HTTP 400: answer 400" in detail.content.decode()
    for kind in ("game_result", "your_turn"):
        assert (
            superuser_client.get(changelist, {"kind__exact": kind, "league__id__exact": game.league_id}).status_code
            == 200
        )

    response = superuser_client.post(changelist, {"action": "resend", "_selected_action": [message.pk]})
    assert response.status_code == 302
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.PENDING, 0)
    assert outbox_deliver_due(pendulum_now()).delivered == 1
    assert rx.keys() == [message.key, message.key]
    assert outbox_resend([message]) == 0


@pytest.mark.django_db(transaction=True)
def test_two_workers_never_send_the_same_message(rx: Receiver) -> None:
    league = LeagueFactory()
    OutboxMessage.objects.bulk_create(
        OutboxMessage(kind=OutboxKind.YOUR_TURN, key=f"k{i}", league=league, url=rx.url(f"/m/{i}")) for i in range(12)
    )
    rx.delay = 0.02

    def work() -> int:
        try:
            return outbox_deliver_due(pendulum_now(), batch=100).delivered
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=3) as pool:
        delivered = [future.result() for future in [pool.submit(work) for _ in range(3)]]
    assert sum(delivered) == 12
    assert sum(1 for count in delivered if count) >= 2, "the workers did not overlap"
    assert sorted(rx.keys()) == sorted(f"k{i}" for i in range(12))
    assert OutboxMessage.objects.filter(status=OutboxStatus.DELIVERED).count() == 12


def test_your_turn_once_per_decision_window_and_team(rx: Receiver) -> None:
    game = with_webhooks(demo_game(start=False), rx)
    game_start(game_id=game.pk, user=SYSTEM)
    users = {engine.Side.AWAY: manager(game, "away"), engine.Side.HOME: manager(game, "home")}
    for _ in range(40):
        game.refresh_from_db()
        game_apply_action(
            game_id=game.pk,
            user=users[_actor(game)],
            action=next_body(game),
            action_id=uuid.uuid4(),
            expected_version=game.version,
        )
    actions = list(GameAction.objects.filter(game=game).order_by("version"))
    actors = [actions[0].side] + [a.summary["actor"] for a in actions]
    windows = {v: actors[v] for v in range(1, len(actors)) if actors[v] != actors[v - 1]}
    assert windows, "the turn never changed sides"
    turns = OutboxMessage.objects.filter(game=game, kind=OutboxKind.YOUR_TURN)
    team_of = {"away": game.away_team_id, "home": game.home_team_id}
    assert sorted((int(m.key.split(":")[2]), m.team_id) for m in turns) == sorted(
        (v, team_of[side]) for v, side in windows.items()
    )
    assert all(m.key == f"your_turn:{game.pk}:{m.key.split(':')[2]}:{m.team_id}" for m in turns)

    game.refresh_from_db()
    after = GameMoment.of(game, game_state(game).actor)
    before = GameMoment(game.status, game.version - 1, None)
    first = outbox_enqueue_for_transition(game, before, after)
    again = outbox_enqueue_for_transition(game, before, after)
    assert after.turn is not None
    rows = OutboxMessage.objects.filter(game=game, key=f"your_turn:{game.pk}:{game.version}:{team_of[after.turn]}")
    assert rows.count() == 1
    assert len(first) == len(again) == 1

    message = turns.first()
    assert message is not None
    assert message.payload["embeds"][0]["title"].startswith("Your turn")
    assert message.payload["content"] == f"<@10{message.team_id}>"


def test_no_your_turn_for_the_ai_or_a_team_without_webhook(rx: Receiver) -> None:
    game = with_webhooks(demo_game(home_is_ai=True, start=False), rx, sides=("home",))
    game_start(game_id=game.pk, user=SYSTEM)
    away = manager(game, "away")
    for _ in range(20):
        body, version = next_body(game), game.version
        game_apply_action(game_id=game.pk, user=away, action=body, action_id=uuid.uuid4(), expected_version=version)
    assert not OutboxMessage.objects.filter(kind=OutboxKind.YOUR_TURN).exists()


def test_deliver_outbox_command(rx: Receiver) -> None:
    league = LeagueFactory()
    OutboxMessage.objects.create(kind=OutboxKind.YOUR_TURN, key="k", league=league, url=rx.url("/m"))
    out = StringIO()
    call_command("deliver_outbox", "--batch", "5", stdout=out)
    assert out.getvalue().strip() == "1 delivered, 0 to retry, 0 dead"
    assert rx.keys() == ["k"]
