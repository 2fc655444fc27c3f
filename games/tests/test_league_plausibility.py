"""League plausibility: AI-vs-AI games on the PD demo cards give a believable baseball line (the demo card means
are tuned for about .250/.320/.410 and 4-5 runs per team game; the engine is never tuned to hit numbers)."""

import pytest

from games.engine.ai import Personality
from games.simulation import simulate_league

GAMES = 1000
SEED = 1
BOUNDS = {
    "runs_per_team_game": (4.2, 5.0),
    "avg": (0.240, 0.265),
    "obp": (0.290, 0.350),
    "slg": (0.360, 0.460),
    "k_rate": (0.14, 0.26),
    "bb_rate": (0.06, 0.11),
    "hr_rate": (0.018, 0.040),
}


@pytest.mark.slow
def test_a_thousand_demo_games_look_like_baseball():
    run = simulate_league("pd", GAMES, SEED)
    rates = run.totals.rates()
    print(" ".join(f"{name}={value:.3f}" for name, value in rates.items()), f"PA={run.totals['pa']}")
    assert run.totals.games == GAMES
    assert 70 <= run.totals["pa"] / GAMES <= 90
    outside = {name: round(rates[name], 3) for name, (low, high) in BOUNDS.items() if not low <= rates[name] <= high}
    assert outside == {}
    assert sum(result.score[1] > result.score[0] for result in run.results) / GAMES == pytest.approx(0.5, abs=0.06)
    assert all(result.innings >= 9 and result.score[0] != result.score[1] for result in run.results)


RUNNING_GAME = {
    "sb": (0.4, 0.8),
    "cs": (0.1, 0.3),
    "wp": (0.2, 0.45),
    "pb": (0.03, 0.12),
    "hit_and_runs": (0.0, 1.0),
    "runs": (4.2, 5.0),
    "avg": (0.240, 0.265),
}
"""Per team per game with the AI managing both sides (RULES §7, §8, §10)."""


@pytest.mark.slow
def test_the_running_game_looks_like_baseball():
    run = simulate_league("pd", GAMES, SEED, home_ai=Personality.BALANCED, away_ai=Personality.BALANCED)
    figures = run.per_team_game()
    print(" ".join(f"{name}={value}" for name, value in figures.items()))
    outside = {name: figures[name] for name, (low, high) in RUNNING_GAME.items() if not low <= figures[name] <= high}
    assert outside == {}
    assert figures["cs"] < figures["sb"]
    assert figures["balks"] < figures["wp"]
