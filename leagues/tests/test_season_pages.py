"""A played schedule: standings and leaders equal sums over the games' box scores; the pages and the API."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import pytest
from django.test import Client

from games.models import Game, GameStatus
from games.selectors import game_box_score_data
from leagues.models import League, Season
from leagues.stats import StandingRow, season_batting, season_leaders, season_pitching, standings, standings_by_division

pytestmark = pytest.mark.django_db


def _box_totals(season: Season) -> tuple[dict[str, Counter[str]], dict[str, Counter[str]]]:
    batting: dict[str, Counter[str]] = defaultdict(Counter)
    pitching: dict[str, Counter[str]] = defaultdict(Counter)
    for game in Game.objects.filter(season=season, status=GameStatus.COMPLETED):
        box = game_box_score_data(game=game)
        for side in box["teams"].values():
            for line in side["batting"]:
                batting[line["player"]].update({key: line[key] for key in ("ab", "h", "hr", "rbi", "so")})
            for line in side["pitching"]:
                pitching[line["player"]].update({key: line[key] for key in ("outs", "h", "er", "bb", "so")})
                if line["decision"]:
                    pitching[line["player"]][line["decision"]] += 1
    return batting, pitching


def test_standings_season_lines_and_leaders_are_sums_over_the_played_games(played: Any) -> None:
    league, season = played
    games = list(Game.objects.filter(season=season, status=GameStatus.COMPLETED).order_by("finished_at"))
    assert len(games) == 2
    rows = {row.team.pk: row for row in standings(league=league, season=season)}
    for team_id, row in rows.items():
        results = [
            ("W" if (g.home_score > g.away_score) == (g.home_team_id == team_id) else "L")
            for g in games
            if team_id in (g.home_team_id, g.away_team_id)
        ]
        home = [g for g in games if g.home_team_id == team_id]
        assert (row.wins, row.losses) == (results.count("W"), results.count("L"))
        assert row.home_wins + row.home_losses == len(home)
        assert row.runs_for == sum(g.home_score if g.home_team_id == team_id else g.away_score for g in games)
        assert row.last == tuple(results)
        assert row.streak[0] == results[-1]
        assert int(row.streak[1:]) >= 1
    assert sum(row.wins for row in rows.values()) == sum(row.losses for row in rows.values()) == 2
    assert [name for name, _ in standings_by_division(league=league, season=season)] == sorted(
        {row.team.division_name for row in rows.values()}
    )
    _season_lines_and_leaders_equal_sums_over_the_box_scores(league, season)


def test_streak_and_last_games() -> None:
    row = StandingRow(team=None, wins=5, losses=4, runs_for=0, runs_against=0, games_behind=0, last=tuple("WLLWWW"))  # type: ignore[arg-type]
    assert (row.streak, row.last_record) == ("W3", "4-2")
    assert StandingRow(None, 0, 0, 0, 0, 0).streak == ""  # type: ignore[arg-type]


def _season_lines_and_leaders_equal_sums_over_the_box_scores(league: League, season: Season) -> None:
    box_batting, box_pitching = _box_totals(season)
    batting = {str(line["player_id"]): line for line in season_batting(league=league, season=season)}
    assert {player for player, totals in box_batting.items() if any(totals.values())} <= set(batting)
    for player in set(batting) | set(box_batting):
        line, totals = batting.get(player, Counter()), box_batting.get(player, Counter())
        assert {key: line[key] for key in ("ab", "h", "hr", "rbi", "so")} == {
            key: totals[key] for key in ("ab", "h", "hr", "rbi", "so")
        }, player
    pitching = {str(line["player_id"]): line for line in season_pitching(league=league, season=season)}
    for player, totals in box_pitching.items():
        line = pitching[player]
        assert (line["outs"], line["h"], line["er"], line["bb"], line["so"]) == (
            totals["outs"],
            totals["h"],
            totals["er"],
            totals["bb"],
            totals["so"],
        )
        assert (line["wins"], line["losses"], line["saves"]) == (totals["W"], totals["L"], totals["S"])
    boards = {board.key: board for board in season_leaders(league=league, season=season, limit=3)}
    assert list(boards) == ["avg", "hr", "rbi", "ops", "era", "whip", "so", "saves"]
    assert boards["avg"].qualifier == "at least 7 PA"  # 3.1 x 2 team games, rounded up
    assert boards["era"].qualifier == "at least 2.0 IP"
    top_rbi = max(totals["rbi"] for totals in box_batting.values())
    assert boards["rbi"].leaders[0].value == top_rbi
    top_k = max(totals["so"] for totals in box_pitching.values())
    assert boards["so"].leaders[0].value == top_k
    for leader in boards["era"].leaders:
        totals = box_pitching[str(leader.player_id)]
        assert totals["outs"] >= 6
        assert leader.value == round(27 * totals["er"] / totals["outs"], 2)
    eras = [leader.value for leader in boards["era"].leaders]
    assert eras == sorted(eras)
    for leader in boards["avg"].leaders:
        totals = box_batting[str(leader.player_id)]
        assert leader.value == round(totals["h"] / totals["ab"], 3)
        assert leader.display.startswith(".") or leader.display == "1.000"


def test_the_pages_render_on_a_phone_and_bad_seasons_are_404(client: Client, played: Any) -> None:
    league, season = played
    teams = list(league.teams.order_by("abbreviation"))
    standings_page = client.get(f"/leagues/{league.code}/standings/").content.decode()
    for team in teams:
        assert f'data-team="{team.abbreviation}"' in standings_page
    assert ("L8" in standings_page, "Strk" in standings_page) == (True, True)
    leaders_page = client.get(f"/leagues/{league.code}/leaders/?season={season.number}").content.decode()
    for key, label in (("avg", "AVG"), ("hr", "HR"), ("rbi", "RBI"), ("ops", "OPS"), ("era", "ERA"), ("so", "K")):
        assert f'<caption id="leaders-{key}">{label}' in leaders_page
    schedule = client.get(f"/leagues/{league.code}/schedule/").content.decode()
    assert ("Week 1" in schedule, "Week 2" in schedule, "not played" in schedule) == (True, True, True)
    assert schedule.count("/games/") == 2
    assert 'name="viewport"' in schedule
    for bad in ("abc", "99", "1" * 30, "-1"):
        assert client.get(f"/leagues/{league.code}/standings/?season={bad}").status_code == 404
    assert client.get("/leagues/zz/standings/").status_code == 404
    _the_schedule_api(client, league, season)


def _the_schedule_api(client: Client, league: League, season: Season) -> None:
    rows = client.get("/api/schedule/", {"league": league.code}).json()
    assert len(rows) == 4
    assert [(row["week"], row["number"], row["games_in_series"]) for row in rows] == [
        (1, 1, 2),
        (1, 2, 2),
        (2, 1, 2),
        (2, 2, 2),
    ]
    assert [row["status"] for row in rows] == ["completed", "completed", "scheduled", "scheduled"]
    played_game = Game.objects.get(pk=rows[0]["game"])
    assert (rows[0]["home_score"], rows[0]["away_score"]) == (played_game.home_score, played_game.away_score)
    week_two = client.get("/api/schedule/", {"league": league.code, "season": str(season.number), "week": "2"}).json()
    assert [row["week"] for row in week_two] == [2, 2]
    team = rows[0]["home_team"]
    assert len(client.get("/api/schedule/", {"league": str(league.code), "team": str(team).lower()}).json()) == 4
    assert client.get("/api/schedule/", {"league": "pd", "week": "x"}).status_code == 400
    assert client.get("/api/schedule/", {"league": "pd", "season": "99"}).status_code == 404
    assert client.get("/api/schedule/?league=pd&team=a%00b").status_code == 400
    assert client.get(f"/leagues/{league.code}/schedule/?season=%00").status_code == 400  # the NUL guard
    standings_api = client.get("/api/standings/", {"league": league.code, "season": str(season.number)}).json()
    assert {row["streak"][:1] for row in standings_api} <= {"W", "L"}
    assert sum(len(row["last"]) for row in standings_api) == 4
