"""Win expectancy (home win probability) by inning, half, outs, bases and run difference, and WPA (RULES §13).

Method, all from the engine itself:

1. **Transitions.** :func:`measure_transitions` plays seeded games of league-average demo cards
   (:func:`~games.engine.scenarios.demo_setup`, default decisions) and counts every play's base-out move
   ``(outs, bases) -> (outs', bases', runs)`` in innings 1-8 (no walk-off truncation). The counts are stored in
   ``data/win_expectancy.json``.
2. **Run environment.** The transition model is scaled to a target of runs per team per nine innings by
   multiplying the weight of every transition that records no out (hits, walks, advances) by ``m`` and
   renormalising; ``m`` is found by bisection. Without a target (``rpg=None``) the engine's own environment
   is used (``m = 1``).
3. **Half-inning runs.** From each of the 24 base-out states, the distribution of runs scored in the rest of
   the half-inning, solved layer by layer (two outs, then one, then none) by fixed-point iteration.
4. **Game.** A DP over half-innings and score: the home team wins when it leads after the top of the last
   inning or at any moment of the bottom of the last inning or later; a tie after nine goes to extra innings,
   whose value is the fixed point of the (stationary) ninth inning. Innings index 1-9; 9 also stands for
   every extra inning. Run differences are clamped to ±10 on lookup.

``python manage.py build_win_expectancy [--rpg R] [--out PATH] [--games N]`` rebuilds the data file.

WPA is a post-pass, not part of ``apply``: :func:`annotate` fills ``StatLine.wpa`` of the play a step produced
(:func:`wpa_for` of the states before and after it); the AI simulation runs it on every step, and the service
layer is meant to do the same before it stores a play.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from games.engine.actions import Action, DefenseDecision
from games.engine.dice import Dice, SeededDice
from games.engine.enums import Half, InfieldDepth, Phase, Side
from games.engine.game import Step, apply, defaults_for
from games.engine.play import Play
from games.engine.state import GameSetup, GameState, new_game
from games.engine.tables import BASE_KEYS, DATA_DIR

DATA_FILE = DATA_DIR / "win_expectancy.json"
MAX_DIFF = 10
"""Run differences beyond ±MAX_DIFF read as ±MAX_DIFF."""
INNINGS = 9
_MAX_RUNS = 30
_INNER_DIFF = 40

Transition = tuple[int, int, int, int]
"""(outs after, base mask after, runs, count); outs after 3 ends the half-inning."""


def state_index(outs: int, mask: int) -> int:
    return outs * 8 + mask


def measure_transitions(games: int, seed: int = 1) -> list[list[Transition]]:
    """Base-out transition counts from ``games`` seeded games of league-average cards (innings 1-8)."""
    from games.engine.scenarios import demo_setup

    setup = demo_setup()
    dice = SeededDice(seed)
    counts: list[Counter[tuple[int, int, int]]] = [Counter() for _ in range(24)]
    for _ in range(games):
        state = new_game(setup)
        while state.phase is not Phase.GAME_OVER:
            state, events, _ = apply(setup, state, defaults_for(state), dice)
            for event in events:
                if isinstance(event, Play) and event.inning < INNINGS:
                    after_mask = 0 if event.outs_after >= 3 else _mask(event.bases_after)
                    origin = state_index(event.outs_before, _mask(event.bases_before))
                    counts[origin][(min(event.outs_after, 3), after_mask, event.runs)] += 1
    return [sorted((o, m, r, n) for (o, m, r), n in counter.items()) for counter in counts]


LATE_INNING = 7
"""From this inning on (of nine) the defense plays the infield in with a runner on third and fewer than two outs
when its lead is 0 to :data:`IN_LEAD` (the AI's late-game rule, ``games.engine.ai``)."""
IN_LEAD = 1
IN_STATES = frozenset(state_index(outs, mask) for outs in (0, 1) for mask in (4, 5, 6, 7))
"""The base-out states with a runner on third and fewer than two outs (where the infield can play in)."""


def measure_league_transitions(
    setups: Callable[[int], GameSetup], chooser: Callable[[GameSetup, GameState], Action], games: int, seed: int = 1
) -> tuple[list[list[Transition]], list[list[Transition]]]:
    """Base-out transition counts from ``games`` seeded games (``setups(n)``: game n's setup) managed by
    ``chooser``, in innings 1-8: (with the infield normal or corners in, with the infield in). To sample the
    infield-in plays, every other game plays the infield in whenever it may (RULES §9); the AI's own choice
    stands in the rest."""
    dice = SeededDice(seed)
    normal: list[Counter[tuple[int, int, int]]] = [Counter() for _ in range(24)]
    played_in: list[Counter[tuple[int, int, int]]] = [Counter() for _ in range(24)]
    for game in range(games):
        setup = setups(game)
        state = new_game(setup)
        while state.phase is not Phase.GAME_OVER:
            action = chooser(setup, state)
            may_play_in = state.bases[2] is not None and state.outs < 2
            if game % 2 and may_play_in and isinstance(action, DefenseDecision) and not action.intentional_walk:
                action = replace(action, infield=InfieldDepth.IN)
            state, events, _ = apply(setup, state, action, dice)
            for event in events:
                if isinstance(event, Play) and event.inning < INNINGS:
                    defense = next((d for d in event.decisions if isinstance(d, DefenseDecision)), None)
                    counts = played_in if defense is not None and defense.infield is InfieldDepth.IN else normal
                    after_mask = 0 if event.outs_after >= 3 else _mask(event.bases_after)
                    origin = state_index(event.outs_before, _mask(event.bases_before))
                    counts[origin][(min(event.outs_after, 3), after_mask, event.runs)] += 1
    return _sorted_counts(normal), _sorted_counts(played_in)


def _sorted_counts(counts: list[Counter[tuple[int, int, int]]]) -> list[list[Transition]]:
    return [sorted((o, m, r, n) for (o, m, r), n in counter.items()) for counter in counts]


def _mask(bases: tuple[str | None, str | None, str | None]) -> int:
    return (bases[0] is not None) | (bases[1] is not None) << 1 | (bases[2] is not None) << 2


Model = list[list[tuple[int, int, int, float]]]
"""Per base-out state: (outs after, mask after, runs, probability)."""


def _model(transitions: list[list[Transition]], multiplier: float) -> Model:
    model: Model = []
    for index, moves in enumerate(transitions):
        weights = [(o, m, r, n * (multiplier if o == index // 8 else 1.0)) for o, m, r, n in moves]
        total = sum(w for *_, w in weights)
        model.append([(o, m, r, w / total) for o, m, r, w in weights] if total else [(3, 0, 0, 1.0)])
    return model


def inning_runs(model: Model) -> list[list[float]]:
    """For each base-out state, the probability of each number of further runs this half-inning (capped)."""
    dist = [[0.0] * (_MAX_RUNS + 1) for _ in range(24)]
    terminal = [1.0] + [0.0] * _MAX_RUNS
    for outs in (2, 1, 0):
        layer = range(outs * 8, outs * 8 + 8)
        for _ in range(200):
            change = 0.0
            for index in layer:
                new = [0.0] * (_MAX_RUNS + 1)
                for o, m, r, p in model[index]:
                    source = terminal if o >= 3 else dist[state_index(o, m)]
                    for k, q in enumerate(source):
                        if q:
                            new[min(k + r, _MAX_RUNS)] += p * q
                change = max(change, max(abs(a - b) for a, b in zip(new, dist[index], strict=True)))
                dist[index] = new
            if change < 1e-13:
                break
    return dist


def runs_per_game(model: Model) -> float:
    """Expected runs per team per nine innings."""
    start = inning_runs(model)[0]
    return INNINGS * sum(k * p for k, p in enumerate(start))


def fit_multiplier(transitions: list[list[Transition]], rpg: float) -> float:
    """The no-out transition multiplier that gives ``rpg`` runs per team per nine innings (bisection)."""
    if not 0.5 <= rpg <= 15:
        raise ValueError(f"runs per game must be between 0.5 and 15, got {rpg:g}")
    low, high = 0.05, 5.0
    for _ in range(40):
        middle = (low + high) / 2
        if runs_per_game(_model(transitions, middle)) < rpg:
            low = middle
        else:
            high = middle
    return (low + high) / 2


@dataclass(frozen=True, slots=True)
class WinTable:
    """Home win probability by (inning 1-9, half, outs, base mask, diff = home - away)."""

    values: tuple[float, ...]
    rpg: float

    def home(self, inning: int, half: Half, outs: int, mask: int, diff: int) -> float:
        """Home win probability at a moment of a nine-inning game (inning > 9 reads as 9)."""
        if not 0 <= outs <= 2 or not 0 <= mask <= 7 or inning < 1:
            raise ValueError("outs must be 0-2, bases a mask 0-7, inning at least 1")
        if half is Half.BOTTOM and inning >= INNINGS and diff > 0:
            return 1.0
        diff = max(-MAX_DIFF, min(MAX_DIFF, diff))
        return self.values[_flat(min(inning, INNINGS), half, outs, mask, diff)]

    def to_data(self) -> list[float]:
        return [round(v, 5) for v in self.values]


def _flat(inning: int, half: Half, outs: int, mask: int, diff: int) -> int:
    half_index = 0 if half is Half.TOP else 1
    return ((((inning - 1) * 2 + half_index) * 3 + outs) * 8 + mask) * (2 * MAX_DIFF + 1) + diff + MAX_DIFF


def build_table(
    transitions: list[list[Transition]],
    rpg: float | None = None,
    in_transitions: list[list[Transition]] | None = None,
) -> WinTable:
    """The win-expectancy table for the run environment ``rpg`` (None: the engine's own). With
    ``in_transitions`` (measured with the infield in), half-innings from :data:`LATE_INNING` on read the
    states of :data:`IN_STATES` from them when the fielding team leads by 0 to :data:`IN_LEAD` (the AI's rule)."""
    multiplier = 1.0 if rpg is None else fit_multiplier(transitions, rpg)
    model = _model(transitions, multiplier)
    normal_runs = inning_runs(model)
    late_runs = normal_runs
    if in_transitions is not None:
        late = [in_transitions[i] if i in IN_STATES and in_transitions[i] else transitions[i] for i in range(24)]
        late_runs = inning_runs(_model(late, multiplier))
    diffs = range(-_INNER_DIFF, _INNER_DIFF + 1)

    def runs_for(inning: int, half: Half, diff: int) -> list[list[float]]:
        lead = diff if half is Half.TOP else -diff
        return late_runs if inning >= LATE_INNING and 0 <= lead <= IN_LEAD else normal_runs

    def clamp(d: int) -> int:
        return max(-_INNER_DIFF, min(_INNER_DIFF, d))

    def spread(dist: list[float], after: Mapping[int, float], diff: int, sign: int) -> float:
        return sum(p * after[clamp(diff + sign * k)] for k, p in enumerate(dist) if p)

    def start(inning: int, half: Half, after: Mapping[int, float], diff: int) -> float:
        sign = -1 if half is Half.TOP else 1
        return spread(runs_for(inning, half, diff)[0], after, diff, sign)

    def last_inning(extra: float) -> tuple[dict[int, float], dict[int, float]]:
        end_bottom = {d: 1.0 if d > 0 else 0.0 if d < 0 else extra for d in diffs}
        bottom = {d: 1.0 if d > 0 else start(INNINGS, Half.BOTTOM, end_bottom, d) for d in diffs}
        end_top = {d: 1.0 if d > 0 else bottom[d] for d in diffs}
        top = {d: start(INNINGS, Half.TOP, end_top, d) for d in diffs}
        return top, bottom

    extra = 0.5
    for _ in range(200):
        top, _bottom = last_inning(extra)
        if abs(top[0] - extra) < 1e-12:
            break
        extra = top[0]
    starts: dict[tuple[int, Half], dict[int, float]] = {}
    ends: dict[tuple[int, Half], dict[int, float]] = {}
    top, bottom = last_inning(extra)
    starts[(INNINGS, Half.TOP)], starts[(INNINGS, Half.BOTTOM)] = top, bottom
    ends[(INNINGS, Half.BOTTOM)] = {d: 1.0 if d > 0 else 0.0 if d < 0 else extra for d in diffs}
    ends[(INNINGS, Half.TOP)] = {d: 1.0 if d > 0 else bottom[d] for d in diffs}
    for inning in range(INNINGS - 1, 0, -1):
        ends[(inning, Half.BOTTOM)] = starts[(inning + 1, Half.TOP)]
        starts[(inning, Half.BOTTOM)] = {d: start(inning, Half.BOTTOM, ends[(inning, Half.BOTTOM)], d) for d in diffs}
        ends[(inning, Half.TOP)] = starts[(inning, Half.BOTTOM)]
        starts[(inning, Half.TOP)] = {d: start(inning, Half.TOP, ends[(inning, Half.TOP)], d) for d in diffs}
    values = [0.0] * (INNINGS * 2 * 24 * (2 * MAX_DIFF + 1))
    for inning in range(1, INNINGS + 1):
        for half in Half:
            sign = -1 if half is Half.TOP else 1
            end = ends[(inning, half)]
            for outs in range(3):
                for mask in range(8):
                    for diff in range(-MAX_DIFF, MAX_DIFF + 1):
                        if half is Half.BOTTOM and inning == INNINGS and diff > 0:
                            value = 1.0
                        else:
                            dist = runs_for(inning, half, diff)[state_index(outs, mask)]
                            value = spread(dist, end, diff, sign)
                        values[_flat(inning, half, outs, mask, diff)] = value
    return WinTable(tuple(values), runs_per_game(model))


def table_document(
    transitions: list[list[Transition]],
    table: WinTable,
    games: int,
    seed: int,
    in_transitions: list[list[Transition]] | None = None,
    league: str = "",
) -> dict[str, Any]:
    document: dict[str, Any] = {
        "method": "Markov chain of engine-measured base-out transitions; see games/engine/win_expectancy.py",
        "games": games,
        "seed": seed,
        "rpg": round(table.rpg, 4),
        "max_diff": MAX_DIFF,
        "index": "((((inning-1)*2 + half)*3 + outs)*8 + bases_mask)*21 + diff+10",
        "bases": list(BASE_KEYS),
        "transitions": [[list(t) for t in moves] for moves in transitions],
    }
    if in_transitions is not None:
        document["league"] = league
        document["decisions"] = "the AI's (balanced); every other game plays the infield in whenever it may"
        document["transitions_in"] = [[list(t) for t in moves] for moves in in_transitions]
    document["home_win"] = table.to_data()
    return document


def write_table(path: Path, document: Mapping[str, Any]) -> None:
    path.write_text(json.dumps(document, separators=(",", ":")) + "\n", encoding="utf-8")


@cache
def _document() -> dict[str, Any]:
    with DATA_FILE.open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def stored_transitions() -> list[list[Transition]]:
    """The transition counts the default table was built from."""
    return [[(o, m, r, n) for o, m, r, n in moves] for moves in _document()["transitions"]]


@cache
def default_table() -> WinTable:
    """The stored table (the engine's own run environment)."""
    doc = _document()
    return WinTable(tuple(float(v) for v in doc["home_win"]), float(doc["rpg"]))


@cache
def table_for(rpg: float | None) -> WinTable:
    """The table for a run environment: the stored one for None, else rebuilt from the stored transitions."""
    return default_table() if rpg is None else build_table(stored_transitions(), rpg)


def league_file(code: str) -> Path:
    """Where league ``code``'s table is stored (``data/win_expectancy_<code>.json``)."""
    return DATA_DIR / f"win_expectancy_{code}.json"


@cache
def league_table(code: str) -> WinTable:
    """League ``code``'s table (built from its own teams under the AI's decisions); the default table for ""
    or a league without one."""
    path = league_file(code) if code and code.isalnum() else None
    if path is None or not path.exists():
        return default_table()
    with path.open(encoding="utf-8") as handle:
        doc = json.load(handle)
    return WinTable(tuple(float(v) for v in doc["home_win"]), float(doc["rpg"]))


def read_document(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def home_win(state: GameState, innings: int = INNINGS, table: WinTable | None = None) -> float:
    """Home win probability at ``state`` of a game of ``innings`` innings (1/0 once the game is over)."""
    if state.phase is Phase.GAME_OVER:
        return 1.0 if state.winner is Side.HOME else 0.0 if state.winner is Side.AWAY else 0.5
    table = table or default_table()
    inning = max(1, state.inning + INNINGS - innings)
    return table.home(inning, state.half, state.outs, state.base_mask, state.score[1] - state.score[0])


def side_win(state: GameState, side: Side, innings: int = INNINGS, table: WinTable | None = None) -> float:
    """``side``'s win probability at ``state``."""
    home = home_win(state, innings, table)
    return home if side is Side.HOME else 1.0 - home


def wpa_for(before: GameState, after: GameState, innings: int = INNINGS, table: WinTable | None = None) -> float:
    """WPA of the play from ``before`` to ``after``: the change in the batting team's win expectancy."""
    side = before.batting_side
    return round(side_win(after, side, innings, table) - side_win(before, side, innings, table), 4)


def with_wpa(
    play: Play, before: GameState, after: GameState, innings: int = INNINGS, table: WinTable | None = None
) -> Play:
    """``play`` with its stat line's ``wpa`` set (a post-pass; the engine leaves it 0)."""
    return replace(play, stats=replace(play.stats, wpa=wpa_for(before, after, innings, table)))


def annotate(setup: GameSetup, before: GameState, step: Step) -> Step:
    """``step`` (the result of ``apply(setup, before, ...)``) with its play's ``wpa`` filled in: the post-pass
    the simulation and the service layer run on every applied action."""
    innings = setup.options.innings
    table = league_table(setup.options.win_table)
    events = tuple(
        with_wpa(event, before, step.state, innings, table) if isinstance(event, Play) else event
        for event in step.events
    )
    return Step(step.state, events, step.rolls)


def apply_annotated(setup: GameSetup, state: GameState, action: Action, dice: Dice) -> Step:
    """:func:`apply` with every play's ``wpa`` filled in (:func:`annotate`): how live play and every replay of
    recorded actions apply an action."""
    return annotate(setup, state, apply(setup, state, action, dice))


def parse_bases(text: str) -> int:
    """A base state in ``1-3`` notation (``---``, ``12-``, ``123`` ...) as a mask; ValueError otherwise."""
    if text not in BASE_KEYS:
        raise ValueError(f"bases must be one of {', '.join(BASE_KEYS)}, got {text!r}")
    return BASE_KEYS.index(text)


def reference_points(table: WinTable) -> Iterable[tuple[str, float]]:
    """A few named states, for reports (the first four have published values: about 0.64, 0.70, 0.93, 0.83)."""
    yield "bottom 9, tied, ---, 0 out", table.home(9, Half.BOTTOM, 0, 0, 0)
    yield "bottom 9, tied, --3, 0 out", table.home(9, Half.BOTTOM, 0, 4, 0)
    yield "bottom 9, tied, --3, 1 out", table.home(9, Half.BOTTOM, 1, 4, 0)
    yield "bottom 9, tied, 12-, 1 out", table.home(9, Half.BOTTOM, 1, 3, 0)
    yield "top 9, tied, ---, 0 out", table.home(9, Half.TOP, 0, 0, 0)
    yield "bottom 8, home -1, ---, 0 out", table.home(8, Half.BOTTOM, 0, 0, -1)
    yield "bottom 8, home -3, ---, 0 out", table.home(8, Half.BOTTOM, 0, 0, -3)
