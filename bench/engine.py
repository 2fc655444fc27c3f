"""Engine benchmark (not a test): AI-vs-AI games on the demo cards, all rules on, every play's stat line counted.

    python bench/engine.py --games 2000 --seed 1 [--vs-dpasse PATH]

Prints plate appearances and full games per second on one core (wall clock, and CPU time, which a busy shared
machine disturbs less), and the median microseconds of one ``apply`` by phase. Building the league (cards,
tables) is not timed.

``--vs-dpasse PATH``: also runs dpasse/baseball_simulator (a checkout at PATH, the directory holding its ``src``
package; not part of this project) in the same process on the same core, right after ours, for as many plate
appearances: its Monte Carlo innings of one batter (its README's 2004 Ichiro, Mathletics event tree), one plate
appearance per event it draws. Both figures are printed side by side.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from games.engine import SeededDice, apply, defaults_for, new_game
from games.simulation import LEAGUES, sim_league, simulate_league


def _pin_to_one_core() -> str:
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned"
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return f"pinned to core {core}"


def apply_micros(code: str, seed: int, games: int, repeats: int) -> dict[str, list[float]]:
    """Microseconds of single ``apply`` calls, by phase, over every step of ``games`` games."""
    league = sim_league(code)
    dice = SeededDice(seed)
    samples: dict[str, list[float]] = defaultdict(list)
    clock = time.perf_counter_ns
    for game in range(games):
        away, home = league.pairing(game)
        plan = league.teams[home]
        setup = league.game_setup(league.teams[away].setup(game), plan.setup(game), plan.park)
        state = new_game(setup)
        while not state.game_over:
            action = defaults_for(state)
            phase = state.phase.value
            for _ in range(repeats):
                start = clock()
                step = apply(setup, state, action, dice)
                samples[phase].append((clock() - start) / 1000)
            state = step.state
    return samples


_ICHIRO_2004 = {"AB": 704, "SH": 2, "SF": 3, "K": 63, "BB": 49, "HBP": 4, "1B": 225, "2B": 24, "3B": 5, "HR": 8}


def dpasse_run(path: Path, plate_appearances: int) -> tuple[int, float, float, float]:
    """dpasse/baseball_simulator's innings until `plate_appearances`: (plate appearances, wall s, CPU s, runs per
    inning). An inning's plate appearances are its history (every event but the last out) plus that last one."""
    sys.path.insert(0, str(path))
    from src import InningSimulator  # type: ignore[import-not-found]
    from src.models import BasicBatterStatsFactory  # type: ignore[import-not-found]
    from src.setups import MathleticsSimpleEventGenerator  # type: ignore[import-not-found]

    batter = BasicBatterStatsFactory().create("ichiro", _ICHIRO_2004)
    simulator = InningSimulator(batter, MathleticsSimpleEventGenerator().create(batter))
    pa = innings = runs = 0
    wall, cpu = time.perf_counter(), time.process_time()
    while pa < plate_appearances:
        inning = simulator.play()
        pa += len(inning.history) + 1
        innings += 1
        runs += inning.current_state.runs
    return pa, time.perf_counter() - wall, time.process_time() - cpu, runs / innings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--games", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--league", choices=LEAGUES, default="pd")
    parser.add_argument("--apply-games", type=int, default=50, help="games sampled for the apply timing")
    parser.add_argument("--repeats", type=int, default=5, help="timings of each sampled apply")
    parser.add_argument("--vs-dpasse", type=Path, metavar="PATH", help="dpasse/baseball_simulator checkout")
    args = parser.parse_args()
    if args.games < 1:
        parser.error("--games must be at least 1")
    if args.vs_dpasse is not None and not (args.vs_dpasse / "src" / "__init__.py").is_file():
        parser.error(f"--vs-dpasse: no src/__init__.py under {args.vs_dpasse}")
    pinned = _pin_to_one_core()
    sim_league(args.league)
    simulate_league(args.league, 20, args.seed + 1)
    cpu = time.process_time()
    run = simulate_league(args.league, args.games, args.seed)
    cpu = time.process_time() - cpu
    pa = run.totals["pa"]
    plays = sum(result.plays for result in run.results)
    print(f"python {platform.python_version()} ({platform.python_implementation()}), {pinned}")
    print(f"{args.games} games, {pa} plate appearances, {plays} plays: {run.seconds:.2f} s wall, {cpu:.2f} s CPU")
    print(f"  {'':<28}{'wall':>10}{'CPU':>10}")
    print(f"  {'plate appearances per second':<28}{pa / run.seconds:>10,.0f}{pa / cpu:>10,.0f}")
    print(f"  {'games per second':<28}{args.games / run.seconds:>10,.1f}{args.games / cpu:>10,.1f}")
    if args.vs_dpasse is not None:
        their_pa, their_wall, their_cpu, runs = dpasse_run(args.vs_dpasse, pa)
        print(f"dpasse/baseball_simulator, same process and core: {their_pa} plate appearances, {runs:.3f} runs/inning")
        print(f"  {'plate appearances per second':<28}{their_pa / their_wall:>10,.0f}{their_pa / their_cpu:>10,.0f}")
        print(f"  ours / theirs (CPU): {pa / cpu / (their_pa / their_cpu):.2f}")
    samples = apply_micros(args.league, args.seed, args.apply_games, args.repeats)
    everything = [value for values in samples.values() for value in values]
    print(f"apply, median of {len(everything)} timed calls: {statistics.median(everything):.1f} µs")
    for phase, values in sorted(samples.items()):
        print(f"  {phase:<10} median {statistics.median(values):6.1f} µs  ({len(values)} calls)")


if __name__ == "__main__":
    main()
