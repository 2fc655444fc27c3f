"""A finished scheduled SBA game goes to the league API (the fake SBA server) in its shapes, as the league bot
submits a scorecard: plays, the game's result, the decisions (W/L/SV/HLD/BS); each request exactly once, in order,
a failed one retried without resending those before it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from games import engine
from games.access import SYSTEM
from games.engine.boxscore import relief_decisions
from games.models import Game, GameStatus, Lineup, Play
from games.selectors import game_box_score, game_log
from games.services import game_create_scheduled
from games.tests.live_helpers import load_two_teams
from leagues.availability import game_injury_rows, game_rest_lines
from leagues.models import Injury, ScheduledGame
from leagues.schedule import schedule_generate
from leagues.tests.fake_league_api import SBA_PREFIX, Failure, FakeLeagueApi, running_fake_league_api
from outbox.models import OutboxKind, OutboxMessage, OutboxStatus
from outbox.sba_results import INJURY_FIELDS, REST_FIELDS, sba_result_steps
from outbox.services import GameMoment, key_plays, outbox_deliver_due, outbox_enqueue_for_transition
from players.models import Player
from scorecard.clock import pendulum_now

pytestmark = pytest.mark.django_db
LEAGUE_GAME = 20482


@pytest.fixture
def sba_api(settings: Any) -> Iterator[FakeLeagueApi]:
    for server in running_fake_league_api():
        settings.LEAGUE_APIS = {
            "pd": {"base_url": "", "key": ""},
            "sba": {"base_url": server.sba_url, "key": "sba-secret", "path_prefix": SBA_PREFIX},
        }
        settings.LEAGUE_RESULTS_URLS = {}
        yield server


def _scheduled_sba_game(external_id: str = str(LEAGUE_GAME)) -> Game:
    """Two SBA teams and players with the league's numeric ids; game 1 of week 1 (the league's game row
    `external_id`) played AI against AI."""
    league = load_two_teams("sba")
    league.injuries = False  # injuries are posted too: test_an_injury_is_posted_with_its_return_date
    league.save()
    for number, team in enumerate(league.teams.order_by("abbreviation"), start=612):
        team.managers.clear()
        team.external_id = str(number)
        team.save()
    for number, player in enumerate(Player.objects.filter(league=league).order_by("pk"), start=14000):
        player.external_id = str(number)
        player.save()
    season = league.seasons.get(is_current=True)
    schedule_generate(season=season, teams=list(league.teams.order_by("abbreviation")), meetings=1, series_length=2)
    slot = ScheduledGame.objects.filter(series__season=season).order_by("series__week", "number").first()
    assert slot is not None
    slot.external_id = external_id
    slot.save()
    game = game_create_scheduled(scheduled=slot, user=SYSTEM)
    game.refresh_from_db()
    assert game.status == GameStatus.COMPLETED
    return game


def _writes(server: FakeLeagueApi) -> list[Any]:
    return [request for request in server.requests if request.method != "GET"]


def test_a_finished_scheduled_game_is_posted_in_the_leagues_shapes_once(sba_api: FakeLeagueApi) -> None:
    game = _scheduled_sba_game()
    message = OutboxMessage.objects.get(game=game, kind=OutboxKind.LEAGUE_RESULT)
    assert message.key == f"league_result:{game.pk}"
    report = outbox_deliver_due()
    assert report.delivered == 1
    message.refresh_from_db()
    assert (message.status, message.steps_done) == (OutboxStatus.DELIVERED, 2)
    writes = _writes(sba_api)
    root = f"/sba/{SBA_PREFIX}"
    assert [(w.method, w.path) for w in writes] == [
        ("POST", f"{root}plays"),
        ("PATCH", f"{root}games/{LEAGUE_GAME}"),
        ("POST", f"{root}decisions"),
    ]
    assert [w.headers["Idempotency-Key"] for w in writes] == [f"{message.key}:{n}" for n in (1, 2, 3)]
    assert {w.headers["Authorization"] for w in writes} == {"Bearer sba-secret"}

    ids = {str(p.pk): int(p.external_id) for p in Player.objects.filter(league=game.league)}
    plays = writes[0].body["plays"]
    rows = list(Play.objects.filter(game=game).select_related("batter", "pitcher").order_by("play_number"))
    assert [p["play_num"] for p in plays] == [row.play_number for row in rows]
    assert {p["game_id"] for p in plays} == {LEAGUE_GAME}
    assert [p.get("batter_id") for p in plays] == [ids[str(r.batter.player_id)] if r.batter else None for r in rows]
    assert [p["pitcher_id"] for p in plays] == [ids[str(r.pitcher.player_id)] if r.pitcher else None for r in rows]
    assert sum(p["run"] for p in plays if p["inning_half"] == "top") == game.away_score
    assert sum(p["run"] for p in plays if p["inning_half"] == "bot") == game.home_score
    assert {p["on_base_code"] for p in plays} <= {f"{a}{b}{c}" for a in "01" for b in "01" for c in "01"}
    assert all(p["hand_batting"] in "LR" and p["hand_pitching"] in "LR" for p in plays if "batter_id" in p)
    assert sum(p["pa"] for p in plays) == sum(row.pa for row in rows)

    assert writes[1].query == {
        "away_score": str(game.away_score),
        "home_score": str(game.home_score),
        "game_num": "1",
        "scorecard_url": f"http://127.0.0.1:8000/games/{game.pk}/",
    }
    assert writes[1].body is None

    decisions = writes[2].body["decisions"]
    box = game_box_score(game=game)
    log = game_log(game=game)
    assert box is not None
    assert log is not None
    relief = relief_decisions(log.setup, log.plays)
    player_of = dict(Lineup.objects.filter(game=game).values_list("pk", "player_id"))
    want = [
        (
            ids[str(player_of[int(line.player)])],
            int((game.home_team if side is engine.Side.HOME else game.away_team).external_id),
            index == 0,
            line.decision,
            line.player in relief.holds,
            line.player in relief.blown_saves,
        )
        for side in engine.Side
        for index, line in enumerate(box.pitching(side))
    ]
    got = [
        (
            d["pitcher_id"],
            d["team_id"],
            d["is_start"],
            "W" if d["win"] else "L" if d["loss"] else "S" if d["is_save"] else None,
            bool(d["hold"]),
            bool(d["b_save"]),
        )
        for d in decisions
    ]
    assert got == want
    assert sum(d["win"] for d in decisions) == sum(d["loss"] for d in decisions) == 1
    winner = game.home_team if game.home_score > game.away_score else game.away_team
    assert next(d["team_id"] for d in decisions if d["win"]) == int(winner.external_id)
    assert {(d["game_id"], d["season"], d["week"], d["game_num"]) for d in decisions} == {(LEAGUE_GAME, 1, 1, 1)}
    assert all(isinstance(d["rest_ip"], float) for d in decisions)
    rests = game_rest_lines(game)
    assert rests  # the league's pitchers rest: each row carries the rest the schedule derives
    assert [{key: d[key] for key in REST_FIELDS} for d in decisions] == [
        next({key: r[key] for key in REST_FIELDS} for r in rests if (r["pitcher_id"], r["team_id"]) == pair)
        for pair in ((d["pitcher_id"], d["team_id"]) for d in decisions)
    ]

    assert outbox_deliver_due(pendulum_now() + timedelta(days=1)).delivered == 0  # nothing is sent twice
    count = OutboxMessage.objects.filter(game=game).count()
    outbox_enqueue_for_transition(game, GameMoment("active", game.version - 1), GameMoment.of(game))
    assert OutboxMessage.objects.filter(game=game).count() == count
    assert outbox_deliver_due(pendulum_now() + timedelta(days=2)).delivered == 0
    assert len(_writes(sba_api)) == 3


def test_a_failed_step_is_retried_without_resending_the_ones_before_it(sba_api: FakeLeagueApi) -> None:
    game = _scheduled_sba_game()
    sba_api.fail(f"/sba/{SBA_PREFIX}games/{LEAGUE_GAME}", Failure(status=503), Failure(disconnect=True))
    first = outbox_deliver_due()
    message = OutboxMessage.objects.get(game=game, kind=OutboxKind.LEAGUE_RESULT)
    assert (first.delivered, first.retrying) == (0, 1)
    assert (message.status, message.steps_done, message.attempts) == (OutboxStatus.FAILED, 1, 1)
    assert "503" in message.last_error
    later = message.next_attempt_at + timedelta(seconds=1)
    assert outbox_deliver_due(later).retrying == 1  # the dropped connection
    assert outbox_deliver_due(later + timedelta(days=1)).delivered == 1
    writes = [(w.method, w.path.rsplit("/", 1)[-1]) for w in _writes(sba_api)]
    assert writes == [
        ("POST", "plays"),
        ("PATCH", str(LEAGUE_GAME)),
        ("PATCH", str(LEAGUE_GAME)),
        ("PATCH", str(LEAGUE_GAME)),
        ("POST", "decisions"),
    ]
    keys = [w.headers["Idempotency-Key"] for w in _writes(sba_api)]
    assert keys == [f"{message.key}:{n}" for n in (1, 2, 2, 2, 3)]


def test_no_league_result_without_the_leagues_game_row_or_key(sba_api: FakeLeagueApi, settings: Any) -> None:
    game = _scheduled_sba_game(external_id="")
    assert not OutboxMessage.objects.filter(game=game, kind=OutboxKind.LEAGUE_RESULT).exists()
    settings.LEAGUE_APIS = {"sba": {"base_url": sba_api.sba_url, "key": ""}}
    slot = ScheduledGame.objects.filter(game__isnull=True).order_by("series__week", "number").first()
    assert slot is not None
    slot.external_id = "20483"
    slot.save()
    other = game_create_scheduled(scheduled=slot, user=SYSTEM)
    assert not OutboxMessage.objects.filter(game=other, kind=OutboxKind.LEAGUE_RESULT).exists()
    assert _writes(sba_api) == []


def test_key_plays_are_the_biggest_win_probability_swings(sba_api: FakeLeagueApi) -> None:
    game = _scheduled_sba_game()
    swings = sorted((abs(play.wpa) for play in Play.objects.filter(game=game)), reverse=True)[:3]
    assert [abs(play.wpa) for play in key_plays(game)] == swings
    assert swings[0] > 0


def test_an_injury_is_posted_with_its_return_date(sba_api: FakeLeagueApi) -> None:
    game = _scheduled_sba_game()
    player = Player.objects.filter(team=game.home_team).order_by("pk").first()
    assert player is not None
    Injury.objects.create(game=game, team=game.home_team, player=player, games=2, play_number=1)
    steps = sba_result_steps(game, link="https://scorecard.example/games/1/")
    assert steps is not None
    (row,) = game_injury_rows(game)
    assert steps[3:] == [
        {"method": "POST", "path": "injuries", "body": {key: row[key] for key in INJURY_FIELDS}},
        {"method": "PATCH", "path": f"players/{player.external_id}", "query": {"il_return": row["il_return"]}},
    ]
    assert (steps[3]["body"]["player_id"], steps[3]["body"]["total_games"]) == (int(player.external_id), 2)
