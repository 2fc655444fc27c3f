"""CSV exports: attachments with a header row, names not ids, the same numbers as the pages' selectors."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client

from games.models import Lineup, PitchingLine
from leagues.models import League, Season
from leagues.player_selectors import player_batting_log, player_pitching_log
from leagues.stats import season_batting, season_leaders, season_pitching, standings
from players.models import Player

pytestmark = pytest.mark.django_db


def _rows(response: Any, filename: str) -> list[dict[str, str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_standings_leaders_and_schedule(client: Client, played: tuple[League, Season]) -> None:
    league, season = played
    base, query = f"/leagues/{league.code}", f"?season={season.number}"
    rows = _rows(client.get(f"{base}/standings.csv{query}"), f"pd-s{season.number}-standings.csv")
    assert [(r["Team"], r["W"], r["L"], r["Streak"]) for r in rows] == [
        (row.team.abbreviation, str(row.wins), str(row.losses), row.streak)
        for row in standings(league=league, season=season)
    ]
    assert {r["Name"] for r in rows} == set(league.teams.values_list("name", flat=True))
    leaders = _rows(client.get(f"{base}/leaders.csv"), f"pd-s{season.number}-leaders.csv")
    boards = season_leaders(league=league, season=season)
    assert [(r["Stat"], r["Player"], r["Value"]) for r in leaders] == [
        (board.label, leader.player_name, leader.display) for board in boards for leader in board.leaders
    ]
    schedule = _rows(client.get(f"{base}/schedule.csv"), f"pd-s{season.number}-schedule.csv")
    assert [(r["Week"], r["Game"], r["Status"]) for r in schedule] == [
        ("1", "1", "Completed"),
        ("1", "2", "Completed"),
        ("2", "1", "not played"),
        ("2", "2", "not played"),
    ]
    assert {r["Home"] for r in schedule} <= set(league.teams.values_list("name", flat=True))
    assert all(r["Away score"] for r in schedule[:2])
    assert not any(r["Away score"] for r in schedule[2:])


def test_team_lines_and_player_game_logs(client: Client, played: tuple[League, Season]) -> None:
    league, season = played
    team = league.teams.order_by("abbreviation").first()
    assert team is not None
    slug = team.abbreviation.lower()
    batting = _rows(client.get(f"/leagues/pd/teams/{team.pk}/batting.csv"), f"pd-s{season.number}-{slug}-batting.csv")
    want = season_batting(league=league, season=season, team=team)
    assert [(r["Player"], r["AB"], r["H"], r["OPS"]) for r in batting] == [
        (line["player_name"], str(line["ab"]), str(line["h"]), str(line["ops"])) for line in want
    ]
    pitching = _rows(
        client.get(f"/leagues/pd/teams/{team.pk}/pitching.csv"), f"pd-s{season.number}-{slug}-pitching.csv"
    )
    want = season_pitching(league=league, season=season, team=team)
    assert [(r["Player"], r["IP"], r["ER"], r["W"]) for r in pitching] == [
        (line["player_name"], line["ip"], str(line["er"]), str(line["wins"])) for line in want
    ]
    starter = Player.objects.get(pk=Lineup.objects.filter(team=team, position="P", is_starter=True).first().player_id)  # type: ignore[union-attr]
    log = client.get(f"/leagues/pd/players/{starter.pk}/pitching.csv")
    slug = "".join(ch if ch.isalnum() else "-" for ch in starter.name.lower())
    rows = _rows(log, f"pd-s{season.number}-{slug}-pitching-log.csv")
    assert [(r["Opponent"], r["Result"], r["IP"], r["ER"]) for r in rows] == [
        (row.opponent, row.result, row.line["ip"], str(row.line["er"])) for row in player_pitching_log(starter, season)
    ]
    assert len(rows) == PitchingLine.objects.filter(lineup__player=starter, bf__gt=0).count() >= 1
    assert {r["Team"] for r in rows} == {team.abbreviation}
    hitter = Player.objects.get(pk=Lineup.objects.filter(team=team, batting_order=1).first().player_id)  # type: ignore[union-attr]
    rows = list(
        csv.DictReader(io.StringIO(client.get(f"/leagues/pd/players/{hitter.pk}/batting.csv").content.decode()))
    )
    assert [r["H"] for r in rows] == [str(row.line["h"]) for row in player_batting_log(hitter, season)]
