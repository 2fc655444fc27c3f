"""AI-vs-AI simulation on any setup (the ``simulate`` command's pure core).

>>> from games.engine.scenarios import demo_setup
>>> summary = simulate(demo_setup(), games=2, seed=1)
>>> summary.games, summary.plate_appearances > 60
(2, True)
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from games.engine.actions import Action
from games.engine.dice import SeededDice
from games.engine.enums import Phase, ResolutionMode
from games.engine.game import apply, defaults_for
from games.engine.play import Play, StatLine
from games.engine.state import GameSetup, GameState, new_game
from games.engine.stats import total

Chooser = Callable[[GameSetup, GameState], Action]


def default_choice(setup: GameSetup, state: GameState) -> Action:
    return defaults_for(state)


@dataclass(frozen=True, slots=True)
class SimulationSummary:
    games: int
    plate_appearances: int
    seconds: float
    runs_per_team_game: float
    avg: float
    obp: float
    slg: float
    k_rate: float
    bb_rate: float
    hr_rate: float


def _ratio(numerator: int, denominator: int) -> float:
    return round(numerator / denominator, 3) if denominator else 0.0


def summarize(lines: StatLine, games: int, seconds: float) -> SimulationSummary:
    """Rates from summed batting stat lines (``lines`` = :func:`~games.engine.stats.total` of the plays)."""
    s = lines
    times_on = s.hit + s.bb + s.ibb + s.hbp
    bases = s.single + 2 * s.double + 3 * s.triple + 4 * s.homerun
    return SimulationSummary(
        games=games,
        plate_appearances=s.pa,
        seconds=round(seconds, 3),
        runs_per_team_game=round(s.runs / (2 * games), 3) if games else 0.0,
        avg=_ratio(s.hit, s.ab),
        obp=_ratio(times_on, s.ab + s.bb + s.ibb + s.hbp + s.sf),
        slg=_ratio(bases, s.ab),
        k_rate=_ratio(s.so, s.pa),
        bb_rate=_ratio(s.bb + s.ibb, s.pa),
        hr_rate=_ratio(s.homerun, s.pa),
    )


def simulate(setup: GameSetup, games: int, seed: int, choose: Chooser = default_choice) -> SimulationSummary:
    """Play ``games`` games with seeded dice, both sides choosing with ``choose``. Cards are always read by
    the engine (a manual league is simulated on its numeric cards)."""
    setup = replace(setup, options=replace(setup.options, resolution=ResolutionMode.AUTO))
    dice = SeededDice(seed)
    started = time.perf_counter()
    lines: list[StatLine] = []
    for _ in range(games):
        state = new_game(setup)
        while state.phase is not Phase.GAME_OVER:
            step = apply(setup, state, choose(setup, state), dice)
            lines.extend(event.stats for event in step.events if isinstance(event, Play))
            state = step.state
    return summarize(total(lines), games, time.perf_counter() - started)
