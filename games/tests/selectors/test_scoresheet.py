"""`games.selectors.game_scoresheet` / `game_play_rows`: the scoresheet and the named play rows of a game, from its
replayed plays, on PostgreSQL."""

import itertools

import pytest

from games.engine import Side
from games.engine.enums import PlayType
from games.models import GameStatus, Lineup
from games.selectors import PLAY_COLUMNS, game_box_score, game_log, game_play_rows, game_scoresheet
from games.tests.factories import GameFactory
from games.tests.live_helpers import demo_game

pytestmark = pytest.mark.django_db

PLATE_APPEARANCES = (PlayType.AT_BAT, PlayType.INTENTIONAL_WALK)


@pytest.fixture
def finished():
    game = demo_game(home_is_ai=True, away_is_ai=True)
    assert game.status == GameStatus.COMPLETED
    return game


def test_every_plate_appearance_is_in_its_batters_row_under_its_inning(finished) -> None:
    sheet = game_scoresheet(game=finished)
    log = game_log(game=finished)
    assert sheet is not None
    assert log is not None
    assert sheet.innings == tuple(range(1, max(9, log.plays[-1].inning) + 1))
    names = set(Lineup.objects.filter(game=finished).values_list("player__name", flat=True))
    for side in sheet.sides:
        appearances = [
            (p.inning, p.batter)
            for p in log.plays
            if p.batting_side is side.side
            and (p.stats.pa or p.play_type in (PlayType.AT_BAT, PlayType.INTENTIONAL_WALK))
        ]
        marks = [
            (inning, row.line.player)
            for row in side.rows
            for inning, cell in zip(sheet.innings, row.cells, strict=True)
            for mark in cell
            if mark.code != "PR"
        ]
        assert sorted(marks) == sorted(appearances)
        assert {row.name for row in side.rows} <= names
        scored = sum(mark.scored for row in side.rows for cell in row.cells for mark in cell)
        assert scored == side.line.runs == (finished.away_score if side.side is Side.AWAY else finished.home_score)
        assert sum(runs or 0 for runs in side.runs) == side.line.runs
        assert sum(hits or 0 for hits in side.hits) == side.line.hits


def test_the_outs_marked_add_up_to_the_outs_made_and_the_lines_are_the_box_scores(finished) -> None:
    sheet = game_scoresheet(game=finished)
    log = game_log(game=finished)
    box = game_box_score(game=finished)
    assert sheet is not None
    assert log is not None
    assert box is not None
    for side in sheet.sides:
        outs = sum(min(p.outs_after, 3) - p.outs_before for p in log.plays if p.batting_side is side.side)
        marked = sum(1 for row in side.rows for cell in row.cells for mark in cell if mark.out)
        assert marked == outs
        assert side.pitchers == box.pitching(side.side)
        assert [row.line for row in side.rows] == list(box.batting(side.side))
        for row in side.rows:
            for cell in row.cells:
                for mark in cell:
                    assert mark.out is None or 1 <= mark.out <= 3
    winner = {line.name for side in sheet.sides for line in side.pitchers if line.decision == "W"}
    assert {sheet.decisions["W"]} == winner


def test_a_game_without_lineups_has_no_scoresheet_and_no_play_rows() -> None:
    game = GameFactory()
    assert game_scoresheet(game=game) is None
    assert game_play_rows(game=game) == []


def test_one_named_row_per_play_with_win_probability_chained_play_to_play(finished) -> None:
    rows = game_play_rows(game=finished)
    log = game_log(game=finished)
    assert log is not None
    assert [row["play"] for row in rows] == [play.number for play in log.plays]
    assert all(set(row) == set(PLAY_COLUMNS) for row in rows)
    names = set(Lineup.objects.filter(game=finished).values_list("player__name", flat=True))
    assert {row["batter"] for row in rows} <= names
    assert {row["pitcher"] for row in rows} <= names
    for before, after in itertools.pairwise(rows):
        assert after["win_probability_before"] == before["win_probability_after"]
    home_won = finished.home_score > finished.away_score
    assert rows[-1]["win_probability_after"] == (1.0 if home_won else 0.0)
    home_gain = sum(r["wpa"] if r["batting_team"] == finished.home_team.abbreviation else -r["wpa"] for r in rows)
    assert home_gain == pytest.approx(rows[-1]["win_probability_after"] - rows[0]["win_probability_before"], abs=1e-3)
    assert rows[-1]["score_after"] == f"{finished.away_score}-{finished.home_score}"
    walks = [row for row in rows if row["notation"] == "BB"]
    assert all("walks" in row["result"] for row in walks)
