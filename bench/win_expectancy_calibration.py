"""Win-expectancy calibration (not a test): AI-vs-AI games of a demo league, every state before a play binned by
its predicted home win probability, against how often the home team went on to win.

    python bench/win_expectancy_calibration.py --league sba --games 2000 --seed 7

Prints, per probability decile, the states, the mean prediction of the league's table and of the default table,
the home teams' actual win rate, the miss and its standard error, then the largest miss of each table; and the
published reference points of the league's table (tied, bottom of the ninth). The states of one game share its
result, so the standard error counts games, not states (a cluster-robust error over games): with 2,000 games it
is about 0.015 a decile, so a miss of twice that is a seed's luck as often as a table's fault.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from games.engine import Half, Phase, Play, Side, apply, new_game
from games.engine.ai import ai_chooser
from games.engine.dice import SeededDice
from games.engine.win_expectancy import default_table, home_win, league_table
from games.simulation import LEAGUES, league_setups

REFERENCE = (
    ("---, 0 out", 0, 0, 0.64),
    ("12-, 1 out", 1, 3, 0.70),
    ("--3, 0 out", 0, 4, 0.93),
    ("--3, 1 out", 1, 4, 0.83),
)


def _clustered_error(games: list[tuple[int, float]], mean: float) -> float:
    """The standard error of a decile's mean residual (won - prediction) with each game's states as one cluster:
    ``games`` holds (states, summed residual) per game that reached the decile."""
    states = sum(count for count, _ in games)
    spread = sum((residual - mean * count) ** 2 for count, residual in games)
    return math.sqrt(spread) / states if states else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--league", choices=LEAGUES, default="pd")
    parser.add_argument("--games", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    tables = {"league": league_table(args.league), "default": default_table()}
    setups, chooser, dice = league_setups(args.league), ai_chooser(), SeededDice(args.seed)
    bins = {name: [[0, 0, 0.0] for _ in range(10)] for name in tables}  # states, home wins, sum of predictions
    per_game: dict[str, list[list[tuple[int, float]]]] = {name: [[] for _ in range(10)] for name in tables}
    home_wins = 0
    for game in range(args.games):
        setup = setups(game)
        state = new_game(setup)
        seen: list[dict[str, float]] = []
        while state.phase is not Phase.GAME_OVER:
            before = state
            state, events, _ = apply(setup, state, chooser(setup, state), dice)
            if any(isinstance(event, Play) for event in events):
                seen.append({name: home_win(before, setup.options.innings, t) for name, t in tables.items()})
        won = state.winner is Side.HOME
        home_wins += won
        counts = {name: [0] * 10 for name in tables}
        residuals = {name: [0.0] * 10 for name in tables}  # sum of (won - prediction) over the game's states
        for point in seen:
            for name, value in point.items():
                decile = min(9, int(value * 10))
                cell = bins[name][decile]
                cell[0] += 1
                cell[1] += won
                cell[2] += value
                counts[name][decile] += 1
                residuals[name][decile] += won - value
        for name in tables:
            for decile, (states, residual) in enumerate(zip(counts[name], residuals[name], strict=True)):
                if states:
                    per_game[name][decile].append((states, residual))
    print(f"{args.league}: {args.games} games, seed {args.seed}; the home team won {home_wins / args.games:.3f}")
    for name, cells in bins.items():
        print(f"{name} table, binned by its own prediction: decile, states, mean prediction, home win rate, miss, SE")
        miss = 0.0
        for index, (count, wins, total) in enumerate(cells):
            if count:
                predicted, actual = total / count, wins / count
                miss = max(miss, abs(predicted - actual))
                band = f"{index / 10:.1f}-{(index + 1) / 10:.1f}"
                error = _clustered_error(per_game[name][index], actual - predicted)
                print(f"  {band} {count:>8}  {predicted:.3f}  {actual:.3f}  {predicted - actual:+.3f}  {error:.3f}")
        print(f"  largest miss: {miss:.3f}")
    for name, outs, mask, published in REFERENCE:
        value, old = (tables[kind].home(9, Half.BOTTOM, outs, mask, 0) for kind in ("league", "default"))
        print(f"bottom 9 tied {name}: {value:.3f} (published {published:.2f}; default table {old:.3f})")


if __name__ == "__main__":
    main()
