"""Availability carried from game to game (leagues/availability.py, leagues/services/availability.py): rest from
the recorded pitching lines, injuries for exactly their games with the league's w##g#, refusals with the reason
and nothing saved, the AI leaving unavailable players out, and the rest and injuries of the league's result."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from games import engine
from games.access import SYSTEM
from games.engine.enums import InjuryResult
from games.errors import InvalidLineup
from games.models import Game, GameStatus, Lineup, PitchingLine
from games.selectors import game_log, lineup_card_options, lineup_suggest
from games.services import game_create_scheduled, game_set_lineup, season_play_weeks_with_ai
from games.tests.live_helpers import load_two_teams
from leagues.availability import (
    availability_for_team,
    game_injury_rows,
    unavailable_for_slot,
)
from leagues.models import Injury, League, ScheduledGame, Season, Team
from leagues.schedule import schedule_generate
from leagues.services import commissioner_add
from outbox.services import result_payload
from players.demo_cards import demo_league
from players.models import Player

pytestmark = pytest.mark.django_db
SERIES = 3  # games a week: a slot's schedule index i is week i // 3 + 1, game i % 3 + 1


def _season(code: str, *, meetings: int = 4, **options: Any) -> tuple[Season, list[ScheduledGame]]:
    league = load_two_teams(code)
    League.objects.filter(pk=league.pk).update(**options)
    season = league.seasons.get(is_current=True)
    for team in league.teams.all():
        team.managers.clear()
    schedule_generate(
        season=season, teams=list(league.teams.order_by("abbreviation")), meetings=meetings, series_length=SERIES
    )
    season.refresh_from_db()
    return season, list(ScheduledGame.objects.filter(series__season=season).order_by("series__week", "number"))


def _words(index: int) -> str:
    return f"week {index // SERIES + 1} game {index % SERIES + 1}"


def _code(index: int) -> str:
    return f"w{index // SERIES + 1:02d}g{index % SERIES + 1}"


def _expected_rest(outs: int, started: bool, back_to_back: bool) -> int:
    """docs/season.md's default chart, written out: 0-3 outs 1, 4-9 2, 10-15 3, 16+ 4; a start at least 4; a
    reliever back to back one more."""
    base = 1 if outs <= 3 else 2 if outs <= 9 else 3 if outs <= 15 else 4
    return max(base, 4) if started else base + back_to_back


def _lines(game: Game, team: Team) -> list[tuple[int, int, bool]]:
    rows = PitchingLine.objects.filter(game=game, lineup__team=team).values_list(
        "lineup__player_id", "outs", "lineup__is_starter", "lineup__position"
    )
    return [(player, outs, starter and position == "P") for player, outs, starter, position in rows]


def test_rest_is_computed_from_the_recorded_pitching_lines_in_the_teams_scheduled_games() -> None:
    season, _ = _season("pd")
    games = season_play_weeks_with_ai(season=season, weeks=1)
    assert [game.status for game in games] == [GameStatus.COMPLETED] * SERIES
    for team in season.league.teams.all():
        want: dict[int, int] = {}  # player -> the schedule index he may pitch again
        pitched: set[tuple[int, int]] = set()
        for index, game in enumerate(games):
            for player, outs, started in _lines(game, team):
                back = _expected_rest(outs, started, (player, index - 1) in pitched)
                want[player] = max(want.get(player, 0), index + back + 1)
                pitched.add((player, index))
        resting = {player: back for player, back in want.items() if back > SERIES}
        assert resting  # every starter of the week rests into the next one
        got = {row.player.pk: row for row in availability_for_team(team) if row.status != "available"}
        assert {player: (row.status, row.reason, row.returns) for player, row in got.items()} == {
            player: ("rest", f"rests until {_words(back)}", _code(back)) for player, back in resting.items()
        }
        starters = [next(p for p, _, started in _lines(game, team) if started) for game in games]
        assert len(set(starters)) == SERIES  # the AI's rotation went round: no starter pitched on short rest


def test_the_leagues_result_carries_each_pitchers_rest_in_the_decisions_fields() -> None:
    season, _ = _season("pd")
    first, second = season_play_weeks_with_ai(season=season, weeks=1)[:2]
    first_pitchers = {player for team in (first.home_team, first.away_team) for player, _, _ in _lines(first, team)}
    lines = result_payload(second)["pitcher_rest"]
    want = []
    for team in (second.away_team, second.home_team):
        for player, outs, started in _lines(second, team):
            rest = _expected_rest(outs, started, player in first_pitchers)
            ip = outs // 3 + (outs % 3) / 10
            want.append((Player.objects.get(pk=player).external_id, team.external_id, ip, started, rest))
    got = [
        (line["pitcher_id"], line["team_id"], line["rest_ip"], line["is_start"], line["rest_required"])
        for line in lines
    ]
    assert sorted(got) == sorted(want)
    assert all(line["rest_required"] == line["base_rest"] + line["extra_rest"] for line in lines)
    assert sum(line["is_start"] for line in lines) == 2


def test_the_ai_never_picks_a_player_unavailable_for_the_slot() -> None:
    season, slots = _season("pd")
    unavailable_seen = 0
    for week in range(2):
        week_slots = slots[week * SERIES : (week + 1) * SERIES]
        for slot in week_slots:
            out = {team.pk: unavailable_for_slot(team, slot) for team in (slot.home_team, slot.away_team)}
            game = game_create_scheduled(scheduled=slot, user=SYSTEM, ai_plays_both=True)
            assert game.status == GameStatus.COMPLETED
            for team_id, players in out.items():
                unavailable_seen += len(players)
                assert not Lineup.objects.filter(game=game, team_id=team_id, player_id__in=players).exists()
        season.current_week = (season.current_week or 1) + 1
        season.save()
    assert unavailable_seen > 0


def test_a_lineup_with_a_resting_pitcher_is_refused_at_his_slot_with_the_reason_and_nothing_is_saved() -> None:
    season, slots = _season("pd")
    played = season_play_weeks_with_ai(season=season, weeks=1)[0]
    team = played.home_team
    starter = Lineup.objects.get(game=played, team=team, is_starter=True, position="P")
    boss = get_user_model().objects.create_user("boss", password="pw")
    team.managers.add(boss)
    game = game_create_scheduled(scheduled=slots[SERIES], user=boss)
    entries = lineup_suggest(game=game, team=team)
    assert starter.player_id not in {entry.player_id for entry in entries}
    pitcher = next(index for index, entry in enumerate(entries) if entry.position == "P")
    resting = list(entries)
    resting[pitcher] = replace(entries[pitcher], player_id=starter.player_id, card_id=starter.card_id)
    with pytest.raises(InvalidLineup) as refused:
        game_set_lineup(game=game, team=team, user=boss, entries=resting)
    # he started the week's first game (index 0): 4 games of rest at least, so he pitches again at index 5 or later
    reason = unavailable_for_slot(team, slots[SERIES])[starter.player_id]
    assert reason in {f"rests until {_words(index)}" for index in range(5, 9)}
    assert refused.value.errors == {f"entry {pitcher + 1}": f"{starter.player.name}: {reason}"}
    assert not Lineup.objects.filter(game=game, team=team).exists()
    option = next(o for o in lineup_card_options(game=game, team=team) if o.player_id == starter.player_id)
    assert option.unavailable == reason
    assert option.label.endswith(f" · {reason}")
    game_set_lineup(game=game, team=team, user=boss, entries=entries, start=False)
    assert Lineup.objects.filter(game=game, team=team).exists()
    assert not Lineup.objects.filter(game=game, player=starter.player).exists()  # not even in the bullpen


def _sba_games_until_an_injury(season: Season, monkeypatch: pytest.MonkeyPatch) -> tuple[list[Game], Injury]:
    for team in demo_league("sba").teams[:2]:  # the demo's SBA injury ratings, as `load_demo` stores them
        for demo in team.players:
            Player.objects.filter(league=season.league, external_id=demo.external_id).update(
                injury_rating=demo.injury_rating, pitcher_injury=demo.pitcher_injury
            )
    dice = engine.SeededDice(13)
    monkeypatch.setattr(engine, "SystemDice", lambda: dice)
    games: list[Game] = []
    for _ in range(4):
        games += season_play_weeks_with_ai(season=season, weeks=1)
        season.refresh_from_db()
        injury = Injury.objects.filter(game__in=games).order_by("game__scheduled__series__week", "pk").first()
        if injury is not None:
            return games, injury
    raise AssertionError("no injury for games in four weeks of seeded play")


def test_an_injury_keeps_him_out_of_exactly_his_teams_next_n_scheduled_games(monkeypatch: pytest.MonkeyPatch) -> None:
    season, slots = _season("sba", meetings=12, pitcher_rest=False)
    games, injury = _sba_games_until_an_injury(season, monkeypatch)
    replayed = set()  # the injuries for games of the recorded plays, replayed through the engine
    for game in games:
        log = game_log(game=game)
        assert log is not None
        replayed |= {
            (game.pk, int(play.injury.player), play.injury.games)
            for play in log.plays
            if play.injury is not None and play.injury.result is InjuryResult.GAMES
        }
    lineup_of = dict(Lineup.objects.filter(game__in=games).values_list("pk", "player_id"))
    written = {(row.game_id, row.player_id, row.games) for row in Injury.objects.filter(game__in=games)}
    assert written == {(game_id, lineup_of[lineup], count) for game_id, lineup, count in replayed}

    team, index = injury.team, next(i for i, slot in enumerate(slots) if slot.pk == injury.game.scheduled_id)
    returns = index + injury.games + 1
    out = [i for i in range(len(slots)) if injury.player_id in unavailable_for_slot(team, slots[i])]
    assert out == list(range(index + 1, min(returns, len(slots))))
    assert unavailable_for_slot(team, slots[index + 1])[injury.player_id] == f"injured, returns {_code(returns)}"
    rows = [row for row in game_injury_rows(injury.game) if row["player_id"] == injury.player.external_id]
    assert [(r["total_games"], r["start_week"], r["start_game"], r["end_week"], r["end_game"]) for r in rows] == [
        (injury.games, (index + 1) // SERIES + 1, (index + 1) % SERIES + 1, returns // SERIES + 1, returns % SERIES + 1)
    ]
    assert rows[0]["il_return"] == _code(returns)
    assert result_payload(injury.game)["injuries"] == game_injury_rows(injury.game)


def test_the_lineup_builder_page_refuses_a_resting_pitcher_at_his_field_and_saves_nothing(client: Client) -> None:
    season, slots = _season("pd")
    played = season_play_weeks_with_ai(season=season, weeks=1)[0]
    team = played.away_team
    starter = Lineup.objects.get(game=played, team=team, is_starter=True, position="P")
    boss = get_user_model().objects.create_user("boss", password="pw")
    team.managers.add(boss)
    game = game_create_scheduled(scheduled=slots[SERIES], user=boss)
    data = {"team": str(team.pk)}
    for entry in lineup_suggest(game=game, team=team):
        if entry.batting_order is None:
            data["pitcher"] = f"{starter.player_id}:{starter.card_id}"
        else:
            data[f"slot_{entry.batting_order}_player"] = f"{entry.player_id}:{entry.card_id or ''}"
            data[f"slot_{entry.batting_order}_position"] = entry.position
    client.force_login(boss)
    page = client.get(f"/games/{game.pk}/lineup/?team={team.pk}").content.decode()
    reason = unavailable_for_slot(team, slots[SERIES])[starter.player_id]
    assert escape(f"{starter.player.name} · P") in page
    assert escape(reason) in page
    response = client.post(f"/games/{game.pk}/lineup/", data)
    assert response.status_code == 400
    message = re.escape(escape(f"{starter.player.name}: {reason}"))
    assert re.search(rf'id="id_pitcher_error"[^>]*>{message}', response.content.decode())
    assert not Lineup.objects.filter(game=game, team=team).exists()


def test_the_injured_list_in_the_admin_filters_by_team_and_league_and_shows_the_return(client: Client) -> None:
    season, _ = _season("pd")
    first, second = season_play_weeks_with_ai(season=season, weeks=1)[:2]
    home, away = first.home_team, first.away_team
    hurt = Lineup.objects.filter(game=first, team=home, is_starter=True).exclude(position="P").first()
    other = Lineup.objects.filter(game=second, team=away, is_starter=True).exclude(position="P").first()
    assert hurt is not None
    assert other is not None
    Injury.objects.create(game=first, team=home, player=hurt.player, games=2, play_number=5)
    Injury.objects.create(game=second, team=away, player=other.player, games=4, play_number=9)
    client.force_login(get_user_model().objects.create_superuser("root", password="pw"))
    url = reverse("admin:leagues_injury_changelist")
    everyone = client.get(url).content.decode()
    assert escape(hurt.player.name) in everyone
    assert escape(other.player.name) in everyone
    assert "w01g1" in everyone
    assert _code(0 + 2 + 1) in everyone
    assert _code(1 + 4 + 1) in everyone
    one_team = client.get(url, {"team__id__exact": home.pk}).content.decode()
    assert escape(hurt.player.name) in one_team
    assert escape(other.player.name) not in one_team
    by_league = client.get(url, {"team__league__id__exact": season.league_id}).content.decode()
    assert escape(other.player.name) in by_league
    commissioner = get_user_model().objects.create_user("commish", password="pw")
    commissioner_add(user=commissioner, league=League.objects.create(code="sba", name="Another"))
    client.force_login(commissioner)
    theirs = client.get(url)
    assert theirs.status_code == 200
    assert escape(hurt.player.name) not in theirs.content.decode()
    assert client.get(reverse("admin:leagues_injury_add")).status_code == 403
    # as of the next game (index 3): hurt at index 0 for 2 games he is back; hurt at index 1 for 4 he is not
    assert [row.status for row in availability_for_team(home) if row.player == hurt.player] == ["available"]
    assert [(row.status, row.returns) for row in availability_for_team(away) if row.player == other.player] == [
        ("injured", _code(6))
    ]
