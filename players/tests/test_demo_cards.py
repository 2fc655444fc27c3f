"""The demo generator: deterministic, pure, and every card valid under RULES §2."""

import ast
import json
from collections import Counter
from decimal import Decimal
from pathlib import Path
from statistics import mean

import pytest

from players import demo_cards, ratings
from players.demo_cards import BATTER_MEAN, PITCHER_MEAN, DemoPlayer, demo_league

CODES = ["pd", "sba"]
FIELD_POSITIONS = {"C", "1B", "2B", "3B", "SS", "LF", "CF", "RF"}
SHARED = Path(__file__).resolve().parents[3] / "shared"


def _players(code: str) -> list[DemoPlayer]:
    return [player for team in demo_league(code).teams for player in team.players]


@pytest.mark.parametrize("module", [demo_cards, ratings])
def test_module_is_pure_python(module: object) -> None:
    tree = ast.parse(Path(module.__file__).read_text())  # type: ignore[attr-defined]
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not [name for name in imported if name.split(".")[0] in {"django", "rest_framework", "channels"}]


def test_mean_tables_sum_to_108() -> None:
    assert sum(BATTER_MEAN.values()) == pytest.approx(108)
    assert sum(PITCHER_MEAN.values()) == pytest.approx(108)
    assert set(BATTER_MEAN) == set(ratings.BATTER_FIELDS)
    assert set(PITCHER_MEAN) == set(ratings.PITCHER_FIELDS)
    assert sum(PITCHER_MEAN[name] for name in ratings.XCHECK_FIELDS) == pytest.approx(29)


@pytest.mark.parametrize("code", CODES)
def test_generation_is_deterministic(code: str) -> None:
    assert demo_league(code) == demo_league(code)


@pytest.mark.parametrize("code", CODES)
def test_every_card_is_valid(code: str) -> None:
    for player in _players(code):
        pitching = player.pitching.ratings if player.pitching else None
        fielding = [{"position": row.position, "range": row.range} for row in player.fielding]
        assert ratings.card_errors(vars(player.batting), player.batting.ratings, pitching, fielding) == {}, player
        for rows in (player.batting.ratings, *([pitching] if pitching else [])):
            assert set(rows) == {"L", "R"}
            for row in rows.values():
                assert sum(row.values()) == Decimal(108)
                assert all(value >= 0 and value % Decimal("0.05") == 0 for value in row.values())
        if player.pitching:
            for row in player.pitching.ratings.values():
                assert sum(row[name] for name in ratings.XCHECK_FIELDS) == Decimal(29)
        assert 8 <= player.batting.running <= 17


@pytest.mark.parametrize("code", CODES)
def test_rosters_are_complete(code: str) -> None:
    league = demo_league(code)
    assert len(league.teams) >= 4
    for team in league.teams:
        players = team.players
        assert len(players) == 26
        hitters = [player for player in players if not player.is_pitcher]
        pitchers = [player for player in players if player.is_pitcher]
        assert len(hitters) == 13
        assert len(pitchers) == 13
        coverage = Counter(row.position for player in hitters for row in player.fielding)
        assert all(coverage[position] >= 2 for position in FIELD_POSITIONS), coverage
        assert sum(1 for player in hitters if player.fielding[0].position == "C") == 2
        starters = [player.pitching for player in pitchers if player.positions == ("SP",)]
        assert len(starters) == 5
        assert all(card and 5 <= (card.starter_rating or 0) <= 7 for card in starters)
        relievers = [player.pitching for player in pitchers if player.positions != ("SP",)]
        assert all(card and 1 <= (card.relief_rating or 0) <= 3 for card in relievers)
        assert sum(1 for card in relievers if card and card.closer_rating) == 1
        for player in players:
            for row in player.fielding:
                if row.position in {"C", "LF", "CF", "RF"}:
                    assert row.arm is not None
                if row.position == "C":
                    assert row.passed_ball is not None
                    assert row.throwing is not None


@pytest.mark.parametrize("code", CODES)
def test_ids_and_names_are_unique(code: str) -> None:
    players = _players(code)
    assert len({player.external_id for player in players}) == len(players)
    assert len({player.name for player in players}) == len(players)


@pytest.mark.parametrize("code", CODES)
def test_players_vary_around_the_league_means(code: str) -> None:
    hitters = [row for player in _players(code) if not player.is_pitcher for row in player.batting.ratings.values()]
    pitchers = [row for player in _players(code) if player.pitching for row in player.pitching.ratings.values()]
    for rows, means in ((hitters, BATTER_MEAN), (pitchers, PITCHER_MEAN)):
        for name in ("homerun", "walk", "strikeout", "single_one"):
            values = [float(row[name]) for row in rows]
            assert mean(values) == pytest.approx(means[name], rel=0.25), name
            assert max(values) > 1.2 * min(values), f"{name} does not vary"


def test_error_ratings_fit_the_shared_error_chart() -> None:
    path = SHARED / "rules" / "data" / "xcheck_errors.json"
    if not path.exists():
        pytest.skip("shared rules data not available")
    chart = json.loads(path.read_text())
    for position, (_low, high) in demo_cards.ERROR_RANGE.items():
        key = "LF/RF" if position in {"LF", "RF"} else position
        assert high <= chart[key]["max"], position


@pytest.mark.parametrize("code", ["pd", "sba"])
def test_holds_and_catchers_arms_spread_as_league_data_does(code: str) -> None:
    """RULES §8 adds the pitcher's hold and the catcher's arm to the runner's steal number (higher: easier)."""
    players = [player for team in demo_league(code).teams for player in team.players]
    holds = {hand: [p.pitching.hold for p in players if p.pitching and p.pitching.hand == hand] for hand in "LR"}
    arms = [f.arm for p in players for f in p.fielding if f.position == "C"]
    assert all(-5 <= hold <= 9 for hold in holds["L"] + holds["R"])
    assert all(arm is not None and -6 <= arm <= 5 for arm in arms)
    assert sum(holds["L"]) / len(holds["L"]) < sum(holds["R"]) / len(holds["R"])
    assert max(holds["R"]) >= 4  # a tail of poor holds
    assert sum(arm or 0 for arm in arms) / len(arms) < 0
