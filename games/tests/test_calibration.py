"""Calibration of the at-bat dice against the cards (RULES §2): over many plate appearances each card outcome
comes up with probability (batter chances + pitcher chances) / 216. Chi-square goodness of fit, fixed seeds."""

import functools
import math
from collections import Counter
from decimal import Decimal

import pytest

from games.engine.cards import CARD_FIELDS
from games.engine.dice import SeededDice
from games.engine.enums import Outcome
from games.engine.simulation import at_bat_state, card_outcomes, play_matchup
from games.engine.state import GameSetup, GameState
from games.simulation import sim_league
from players.demo_cards import DemoPlayer

P_THRESHOLD = 0.001
OUTCOME_OF = {name: outcome for name, outcome, _ in CARD_FIELDS}


def chi2_sf(statistic: float, df: int) -> float:
    """P(X >= statistic) for a chi-square variable with ``df`` degrees of freedom (series of the regularised
    lower incomplete gamma function)."""
    a, x = df / 2, statistic / 2
    if x == 0:
        return 1.0
    term = total = 1 / a
    n = 0
    while term > total * 1e-15:
        n += 1
        term *= x / (a + n)
        total += term
    return max(0.0, 1 - total * math.exp(-x + a * math.log(x) - math.lgamma(a)))


def chi_square(observed: Counter[Outcome], expected: dict[Outcome, float]) -> tuple[float, int]:
    assert set(observed) <= set(expected), f"outcomes not on either card: {set(observed) - set(expected)}"
    total = sum(observed.values())
    statistic = sum((observed[o] - share * total) ** 2 / (share * total) for o, share in expected.items())
    return statistic, len(expected) - 1


def expected_from_demo(batter: DemoPlayer, pitcher: DemoPlayer) -> dict[Outcome, float]:
    """(batter + pitcher chances) / 216 straight from the demo ratings, without the engine's tables."""
    assert pitcher.pitching is not None
    throws = pitcher.pitching.hand
    side = batter.batting.hand if batter.batting.hand != "S" else ("L" if throws == "R" else "R")
    chances: dict[Outcome, Decimal] = {}
    for ratings in (batter.batting.ratings[throws], pitcher.pitching.ratings[side]):
        for name, value in ratings.items():
            if value:
                chances[OUTCOME_OF[name]] = chances.get(OUTCOME_OF[name], Decimal(0)) + value
    return {outcome: float(value / 216) for outcome, value in chances.items()}


def test_chi2_sf_matches_known_values():
    assert chi2_sf(3.841, 1) == pytest.approx(0.05, abs=1e-3)
    assert chi2_sf(45.315, 20) == pytest.approx(0.001, rel=1e-2)
    assert chi2_sf(10.0, 10) == pytest.approx(0.4405, abs=1e-3)


MATCHUPS = [("demo-pd-0001", "demo-pd-0014"), ("demo-pd-0029", "demo-pd-0016")]
"""Right-handed batter vs right-handed starter; left vs left."""
PLATE_APPEARANCES = 200_000


def matchup_at_bat(batter: str, pitcher: str) -> tuple[GameSetup, GameState, dict[Outcome, float]]:
    league = sim_league("pd")
    expected = expected_from_demo(league.demo_players[batter], league.demo_players[pitcher])
    home = league.teams[league.team_of[pitcher]]
    setup = league.game_setup(league.teams[0].setup(0), home.setup(0, starter=pitcher), home.park)
    return setup, at_bat_state(setup, batter, pitcher), expected


@functools.cache
def observed_card_outcomes(batter: str, pitcher: str) -> Counter[Outcome]:
    setup, state, _ = matchup_at_bat(batter, pitcher)
    return card_outcomes(setup, state, PLATE_APPEARANCES, SeededDice(2026))


@pytest.mark.parametrize(("batter", "pitcher"), MATCHUPS)
def test_card_outcomes_follow_the_chances(batter, pitcher):
    _, _, expected = matchup_at_bat(batter, pitcher)
    assert sum(expected.values()) == pytest.approx(1.0)
    observed = observed_card_outcomes(batter, pitcher)
    assert sum(observed.values()) == PLATE_APPEARANCES
    statistic, df = chi_square(observed, expected)
    assert chi2_sf(statistic, df) > P_THRESHOLD, (statistic, df)


def test_the_same_test_rejects_a_slightly_wrong_card():
    _, _, expected = matchup_at_bat(*MATCHUPS[0])
    shifted = dict(expected)
    shifted[Outcome.HOMERUN] += 0.005
    shifted[Outcome.STRIKEOUT] -= 0.005
    assert chi2_sf(*chi_square(observed_card_outcomes(*MATCHUPS[0]), shifted)) < P_THRESHOLD


def test_played_plate_appearances_record_the_card_outcome():
    setup, state, expected = matchup_at_bat(*MATCHUPS[0])
    plays = play_matchup(setup, state, 4000, SeededDice(5))
    observed = Counter(play.outcome for play in plays if play.outcome is not None)
    assert sum(observed.values()) == 4000
    assert chi2_sf(*chi_square(observed, expected)) > P_THRESHOLD
