"""A team's page data: season lines equal the sums over its players' box-score lines, its schedule is its slots
with their results, its roster its players."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import pytest

from games.models import Game, GameStatus
from games.selectors import game_box_score_data
from leagues.availability import availability_for_team
from leagues.models import League, Season, Team
from leagues.team_selectors import team_season

pytestmark = pytest.mark.django_db
BATTING = ("ab", "h", "doubles", "triples", "hr", "rbi", "bb", "so")
PITCHING = ("outs", "h", "r", "er", "bb", "so", "hr", "bf")


def _team_box_totals(season: Season, team: Team) -> tuple[dict[int, Counter[str]], dict[int, Counter[str]]]:
    """Per player of `team`: his batting and pitching totals over the season's box scores (and decisions)."""
    batting: dict[int, Counter[str]] = defaultdict(Counter)
    pitching: dict[int, Counter[str]] = defaultdict(Counter)
    for game in Game.objects.filter(season=season, status=GameStatus.COMPLETED):
        for side in game_box_score_data(game=game)["teams"].values():
            if side["team"]["id"] != team.pk:
                continue
            for line in side["batting"]:
                batting[int(line["player"])].update({key: line[key] for key in BATTING})
            for line in side["pitching"]:
                pitching[int(line["player"])].update({key: line[key] for key in PITCHING}, games=1)
                if line["decision"]:
                    pitching[int(line["player"])][line["decision"]] += 1
    return batting, pitching


def test_team_lines_are_the_sums_over_its_box_scores(played: tuple[League, Season]) -> None:
    league, season = played
    for team in league.teams.all():
        data = team_season(team, season)
        box_batting, box_pitching = _team_box_totals(season, team)
        got = {line["player_id"]: {key: line[key] for key in BATTING} for line in data.batting}
        want = {player: {key: totals[key] for key in BATTING} for player, totals in box_batting.items()}
        assert {player: line for player, line in got.items()} == {p: want[p] for p in got}
        assert set(got) <= set(want)
        assert sum(line["ab"] for line in data.batting) == sum(t["ab"] for t in box_batting.values()) > 0
        got_p = {line["player_id"]: line for line in data.pitching}
        assert set(got_p) == {player for player, totals in box_pitching.items() if totals["bf"]}
        for player, line in got_p.items():
            totals = box_pitching[player]
            assert {key: line[key] for key in PITCHING} == {key: totals[key] for key in PITCHING}
            assert (line["games"], line["wins"], line["losses"], line["saves"]) == (
                totals["games"],
                totals["W"],
                totals["L"],
                totals["S"],
            )
        assert all(line["player_id"] in {row.player.pk for row in data.roster} for line in data.batting)


def test_team_schedule_and_roster(played: tuple[League, Season]) -> None:
    league, season = played
    team = league.teams.order_by("abbreviation").first()
    assert team is not None
    data = team_season(team, season)
    assert [(row.slot.series.week, row.slot.number) for row in data.schedule] == [(1, 1), (1, 2), (2, 1), (2, 2)]
    for row in data.schedule:
        assert row.opponent != team
        assert row.home == (row.slot.home_team_id == team.pk)
        game: Any = row.game
        if row.slot.series.week == 1:
            ours, theirs = (game.home_score, game.away_score) if row.home else (game.away_score, game.home_score)
            assert row.result == f"{'W' if ours > theirs else 'L'} {ours}-{theirs}"
        else:
            assert (game, row.result) == (None, "")
    assert [row.player.name for row in data.roster] == sorted(team.players.values_list("name", flat=True))
    assert all(row.bats or row.throws for row in data.roster)
    reasons = {row.player.pk: row.reason for row in availability_for_team(team) if row.reason}
    assert {row.player.pk: row.availability for row in data.roster if row.availability} == reasons
    assert data.shows_availability  # the pitchers of the last game rest into week 2
    assert any(reason.startswith("rests until week 2") for reason in reasons.values())
