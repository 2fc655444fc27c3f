"""Rule scenarios (``shared/rules/SCENARIOS.md``): build one moment of a game, resolve exactly one play,
check the expectations. Pure: the ``run_scenarios`` management command is a thin wrapper.

The ``pitcher`` section takes his SBA ``pitcher_injury`` (1-6 or null) and ``injury_rating`` (``"2p65"``
or 65) and, beyond the shared format, the fatigue ratings of his card (``starter_rating``, ``relief_rating``,
``closer_rating``) and his state (RULES §11): ``role`` (starter | reliever | closer, default starter),
``fatigued``, and his workload ``outs`` (recorded since he came in), ``baserunners`` and ``runs`` (this
inning), ``entered`` (inning). ``expect`` also takes ``in_pow`` (the play was pitched fatigued), ``fatigued``
(he is fatigued after it), ``must_change`` (his team must change pitchers before its next play) and
``injury`` (``"OK"``, ``"REM"``, a number of games, or null for no check).

Defensive moves (RULES §12), beyond the shared format: ``options`` overrides the league's ``dh`` and
``out_of_position``; ``players`` gives any demo player (``h1``-``h9``, ``hp``, ``hb1``-``hb2``, ``hr1``-``hr3``
and ``a`` likewise) ``fielding`` ratings by position; ``changes`` is a list of action bodies in the socket
protocol's form (``{"kind": "swap_positions", "side": "home", "moves": {"h3": "SS", "h5": "2B"}}``) applied in
order before the defense decides. ``illegal`` (a part of the message) says the last change must be refused,
leaving the state as it was; such a case plays no play. ``expect`` also takes ``lineup`` (the fielding team's
batting order as ``"id@POS"``), ``pitcher`` (its pitcher), ``removed`` (who has left its side) and
``defender`` (the player who fielded the play).

>>> [result.passed for result in run_cases([{"id": "k", "start": {"bases": "---"}, "outcome": "STRIKEOUT",
...                                          "expect": {"outs": 1, "bases": "---"}}])]
[True]
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from games.engine.actions import Action, Decide, DefenseDecision, IllegalAction, OffenseDecision, Roll, SubmitOutcome
from games.engine.cards import BatterCard, FielderRating, PitcherCard
from games.engine.dice import DiceError, ScriptedDice
from games.engine.enums import (
    Base,
    Half,
    InfieldDepth,
    InjuryResult,
    Outcome,
    Phase,
    PitcherRole,
    Position,
    ResolutionMode,
)
from games.engine.fatigue import injury_column, injury_table
from games.engine.game import apply
from games.engine.options import RuleOptions
from games.engine.play import Play
from games.engine.reading import read_card
from games.engine.serialize import action_from_dict
from games.engine.state import GameSetup, GameState, LineupSlot, PendingRoll, Player, TeamSetup, evolve, new_game
from games.engine.tables import BASE_KEYS

AVERAGE_BATTER: dict[str, float] = {
    "homerun": 2.0,
    "bp_homerun": 2.0,
    "triple": 0.5,
    "double_three": 1.0,
    "double_two": 3.0,
    "double_pull": 2.0,
    "single_two": 3.0,
    "single_one": 5.0,
    "single_center": 4.0,
    "bp_single": 3.0,
    "hbp": 1.0,
    "walk": 9.0,
    "strikeout": 18.0,
    "lineout": 5.0,
    "popout": 5.0,
    "flyout_a": 4.0,
    "flyout_bq": 4.0,
    "flyout_lf_b": 4.0,
    "flyout_rf_b": 4.0,
    "groundout_a": 7.0,
    "groundout_b": 12.0,
    "groundout_c": 9.5,
}
"""A league-average batting card (108 chances)."""

AVERAGE_RUNNER: dict[str, object] = {"hand": "R", "running": 12, "steal_jump": 0.25, "steal_high": 13, "steal_low": 9}
"""League-average card-level batting fields."""

AVERAGE_PITCHER: dict[str, float] = {
    "homerun": 2.0,
    "bp_homerun": 2.0,
    "triple": 0.5,
    "double_three": 1.0,
    "double_two": 3.0,
    "double_cf": 2.0,
    "single_two": 3.0,
    "single_one": 5.0,
    "single_center": 4.0,
    "bp_single": 3.0,
    "hbp": 1.0,
    "walk": 8.0,
    "strikeout": 22.5,
    "flyout_lf_b": 4.0,
    "flyout_cf_b": 4.0,
    "flyout_rf_b": 4.0,
    "groundout_a": 8.0,
    "groundout_b": 11.0,
    "xcheck_p": 1.0,
    "xcheck_c": 1.0,
    "xcheck_1b": 2.0,
    "xcheck_2b": 3.0,
    "xcheck_3b": 3.0,
    "xcheck_ss": 3.0,
    "xcheck_lf": 2.0,
    "xcheck_cf": 3.0,
    "xcheck_rf": 2.0,
}
"""A league-average pitching card (108 chances)."""

_POSITIONS = (
    Position.C,
    Position.FIRST_BASE,
    Position.SECOND_BASE,
    Position.THIRD_BASE,
    Position.SHORTSTOP,
    Position.LEFT_FIELD,
    Position.CENTER_FIELD,
    Position.RIGHT_FIELD,
    Position.DH,
)
RUNNER_SLOTS = {Base.FIRST: 6, Base.SECOND: 7, Base.THIRD: 8}
"""Scenario runners are the batting team's 7th-9th batters; the batter is its leadoff man."""


class ScenarioError(ValueError):
    """A malformed scenario file or case."""


@dataclass(frozen=True, slots=True)
class CaseResult:
    id: str
    passed: bool
    failures: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        return f"{self.id}: " + "; ".join(self.failures)


def demo_setup(
    options: RuleOptions | None = None,
    players: Mapping[str, Player] | None = None,
) -> GameSetup:
    """Two teams of league-average players: lineup ``a1``-``a9`` / ``h1``-``h9``, starters ``ap`` / ``hp``,
    bench ``ab1``-``ab2``, bullpen ``ar1``-``ar3`` (and ``h`` likewise); ``players`` replaces any of them."""
    options = options or RuleOptions.pd()
    batting = BatterCard.from_fields(AVERAGE_RUNNER, AVERAGE_BATTER)
    pitching = PitcherCard.from_fields({"hand": "R"}, AVERAGE_PITCHER)
    roster: dict[str, Player] = {}
    teams = []
    for prefix, name in (("a", "Away"), ("h", "Home")):
        slots = []
        for index, position in enumerate(_POSITIONS, start=1):
            pid = f"{prefix}{index}"
            roster[pid] = Player(pid, f"{name} {index}", batting=batting)
            slot_position = position
            if not options.dh and position is Position.DH:
                slot_position = Position.P
                pid = f"{prefix}p"
            slots.append(LineupSlot(pid, slot_position))
        roster[f"{prefix}p"] = Player(f"{prefix}p", f"{name} pitcher", batting=batting, pitching=pitching)
        bench = tuple(f"{prefix}b{index}" for index in (1, 2))
        bullpen = tuple(f"{prefix}r{index}" for index in (1, 2, 3))
        for pid in bench:
            roster[pid] = Player(pid, f"{name} bench {pid[-1]}", batting=batting)
        for pid in bullpen:
            roster[pid] = Player(pid, f"{name} reliever {pid[-1]}", batting=batting, pitching=pitching)
        teams.append(TeamSetup(name, tuple(slots), f"{prefix}p", bench, bullpen))
    roster.update(players or {})
    return GameSetup(options=options, away=teams[0], home=teams[1], players=roster)


def load_cases(path: str | Path) -> list[dict[str, Any]]:
    """Read a scenario file; raises ScenarioError when it is not a JSON list of cases with ids."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ScenarioError(f"cannot read {path}: {exc}") from exc
    return _check_cases(data)


def _check_cases(data: object) -> list[dict[str, Any]]:
    if not isinstance(data, list):
        raise ScenarioError("a scenario file holds a JSON list of cases")
    for index, case in enumerate(data):
        if not isinstance(case, dict) or not isinstance(case.get("id"), str):
            raise ScenarioError(f"case #{index + 1} is not an object with a string id")
        if not isinstance(case.get("expect", {}), dict):
            raise ScenarioError(f"{case['id']}: expect must be an object")
    return data


def run_file(path: str | Path) -> list[CaseResult]:
    return run_cases(load_cases(path))


def run_cases(cases: Sequence[Mapping[str, Any]]) -> list[CaseResult]:
    """Run every case; a case that cannot be built or played fails with the reason."""
    _check_cases(list(cases))
    results = []
    for case in cases:
        try:
            results.append(run_case(case))
        except (ValueError, KeyError, TypeError, DiceError, AssertionError) as exc:
            results.append(CaseResult(str(case["id"]), False, (f"error: {exc}",)))
    return results


def run_case(case: Mapping[str, Any]) -> CaseResult:
    setup, state = build(case)
    dice = ScriptedDice(case.get("dice", {}), fallback_seed=0)
    changes = [action_from_dict(body) for body in case.get("changes", [])]
    for index, change in enumerate(changes):
        last = index == len(changes) - 1
        try:
            state = apply(setup, state, change, dice).state
        except IllegalAction as exc:
            wanted = case.get("illegal")
            if last and isinstance(wanted, str) and wanted.lower() in str(exc).lower():
                return CaseResult(str(case["id"]), True)
            return CaseResult(str(case["id"]), False, (f"change {index + 1} refused: {exc}",))
    if "illegal" in case:
        return CaseResult(str(case["id"]), False, (f"the last change was accepted, not refused ({case['illegal']})",))
    play, state = _play_one(case, setup, state, dice)
    failures = check(case.get("expect", {}), play, state)
    return CaseResult(str(case["id"]), not failures, tuple(failures))


def _options(case: Mapping[str, Any]) -> RuleOptions:
    league = case.get("league", "pd")
    if league == "pd":
        options = RuleOptions.pd()
    elif league == "sba":
        options = RuleOptions.sba()
    else:
        raise ScenarioError(f"unknown league {league!r}: use pd or sba")
    overrides = case.get("options", {})
    unknown = set(overrides) - {"dh", "out_of_position"}
    if unknown or not all(isinstance(value, bool) for value in overrides.values()):
        raise ScenarioError("options may set dh and out_of_position, true or false")
    return replace(options, **overrides)


PITCHER_STATE_KEYS = frozenset(
    {"role", "fatigued", "outs", "baserunners", "runs", "entered", "injury_rating", "pitcher_injury"}
)
"""Keys of a case's ``pitcher`` section that describe him in the game rather than his card."""


def _card(section: Mapping[str, Any], kind: type[BatterCard] | type[PitcherCard], average: dict[str, float]) -> Any:
    fields = {key: value for key, value in section.items() if key != "card" and key not in PITCHER_STATE_KEYS}
    if kind is BatterCard:
        fields = {**AVERAGE_RUNNER, **fields}
    fields.setdefault("hand", "R")
    return kind.from_fields(fields, section.get("card", average))


def build(case: Mapping[str, Any]) -> tuple[GameSetup, GameState]:
    """The setup and start state of a case (before its decisions)."""
    options = _options(case)
    start = case.get("start", {})
    half = Half(start.get("half", "top"))
    batting_prefix, fielding_prefix = ("a", "h") if half is Half.TOP else ("h", "a")
    players: dict[str, Player] = {}
    batter_id = f"{batting_prefix}1"
    batter_section = case.get("batter", {})
    players[batter_id] = Player(batter_id, "Batter", batting=_card(batter_section, BatterCard, AVERAGE_BATTER))
    for label, section in case.get("runners", {}).items():
        base = Base.from_label(label)
        pid = f"{batting_prefix}{RUNNER_SLOTS[base] + 1}"
        players[pid] = Player(pid, f"Runner {label}", batting=_card(section, BatterCard, AVERAGE_BATTER))
    average = BatterCard.from_fields(AVERAGE_RUNNER, AVERAGE_BATTER)
    pitcher_id = f"{fielding_prefix}p"
    pitcher_section = case.get("pitcher", {})
    fielding: dict[Position, FielderRating] = {}
    fielders = case.get("fielders", {})
    if "P" in fielders:
        fielding[Position.P] = FielderRating.from_fields(fielders["P"])
    players[pitcher_id] = Player(
        pitcher_id,
        "Pitcher",
        batting=average,
        pitching=_card(pitcher_section, PitcherCard, AVERAGE_PITCHER),
        fielding=fielding,
        injury_rating=injury_column(pitcher_section.get("injury_rating")),
        pitcher_injury=pitcher_section.get("pitcher_injury"),
        series_games=injury_table(pitcher_section.get("injury_rating")),
    )
    for code, ratings in fielders.items():
        position = Position(code)
        if position is Position.P:
            continue
        index = _POSITIONS.index(position) + 1
        pid = f"{fielding_prefix}{index}"
        players[pid] = Player(
            pid, f"{code} fielder", batting=average, fielding={position: FielderRating.from_fields(ratings)}
        )
    demo = demo_setup(options)
    for pid, section in case.get("players", {}).items():
        player = players.get(pid) or demo.players.get(pid)
        if player is None:
            raise ScenarioError(f"unknown player {pid!r}")
        fielding = {Position(code): FielderRating.from_fields(r) for code, r in section.get("fielding", {}).items()}
        players[pid] = replace(player, fielding=fielding)
    setup = demo_setup(options, players)
    state = _start_state(setup, start, half, batting_prefix)
    return setup, _with_pitcher_state(state, pitcher_section)


def _with_pitcher_state(state: GameState, section: Mapping[str, Any]) -> GameState:
    team = evolve(
        state.fielding,
        pitcher_role=PitcherRole(section.get("role", "starter")),
        pitcher_fatigued=bool(section.get("fatigued", False)),
        pitcher_outs=int(section.get("outs", 0)),
        pitcher_baserunners_inning=int(section.get("baserunners", 0)),
        pitcher_runs_inning=int(section.get("runs", 0)),
        pitcher_entered=int(section.get("entered", 1)),
    )
    return evolve(state, home=team) if state.half is Half.TOP else evolve(state, away=team)


def _start_state(setup: GameSetup, start: Mapping[str, Any], half: Half, batting_prefix: str) -> GameState:
    state = new_game(setup)
    code = start.get("bases", "---")
    if code not in BASE_KEYS:
        raise ScenarioError(f"bad bases {code!r}: use notation like 1-3, ---, 123")
    bases = tuple(
        f"{batting_prefix}{RUNNER_SLOTS[base] + 1}" if code[base - 1] != "-" else None
        for base in (Base.FIRST, Base.SECOND, Base.THIRD)
    )
    inning = int(start.get("inning", 1))
    outs = int(start.get("outs", 0))
    if not 0 <= outs <= 2 or inning < 1:
        raise ScenarioError("start needs 0-2 outs and an inning of at least 1")
    score = start.get("score", {})
    away, home = int(score.get("away", 0)), int(score.get("home", 0))
    away_line = (away, *([0] * (inning - 1)))
    home_line = (home, *([0] * (inning - (1 if half is Half.BOTTOM else 2))))
    if half is Half.TOP and inning == 1:
        home_line = ()
    return replace(
        state,
        inning=inning,
        half=half,
        outs=outs,
        bases=(bases[0], bases[1], bases[2]),
        score=(away, home),
        runs_by_inning=(away_line, home_line),
    )


def _bases(labels: Sequence[str]) -> tuple[Base, ...]:
    return tuple(Base.from_label(label) for label in labels)


def _play_one(
    case: Mapping[str, Any], setup: GameSetup, state: GameState, dice: ScriptedDice
) -> tuple[Play, GameState]:
    defense = case.get("defense", {})
    offense = case.get("offense", {})
    actions: list[Action] = [
        DefenseDecision(
            infield=InfieldDepth(defense.get("infield", "normal")),
            hold=_bases(defense.get("hold", [])),
            intentional_walk=bool(defense.get("intentional_walk", False)),
        ),
        OffenseDecision(
            steal=_bases(offense.get("steal", [])),
            bunt=bool(offense.get("bunt", False)),
            hit_and_run=bool(offense.get("hit_and_run", False)),
        ),
    ]
    send = _bases(offense.get("send", []))
    throw = bool(case.get("defense_throw", True))
    outcome = Outcome(case["outcome"]) if "outcome" in case else None
    fielder = Position(case["location"]) if "location" in case else None
    auto_setup = replace(setup, options=replace(setup.options, resolution=ResolutionMode.AUTO))
    for _ in range(10):
        if state.phase is Phase.DEFENSE and actions:
            action: Action = actions.pop(0)
        elif state.phase is Phase.OFFENSE and actions:
            action = actions.pop(0)
        elif state.phase is Phase.ROLL and outcome is not None and not (state.offense.steal or state.offense.bunt):
            state = replace(state, phase=Phase.SUBMIT_OUTCOME)
            action = SubmitOutcome(outcome, fielder)
        elif state.phase is Phase.ROLL:
            action = Roll()
        elif state.phase is Phase.SUBMIT_OUTCOME:
            pending = state.pending
            assert isinstance(pending, PendingRoll)
            read = read_card(setup, state, pending.column, pending.row, pending.split)
            action = SubmitOutcome(read.outcome, read.fielder)
        elif state.phase is Phase.SEND:
            action = Decide(send=send)
        elif state.phase is Phase.THROW:
            action = Decide(throw=throw)
        else:
            raise ScenarioError(f"the game stopped in phase {state.phase.value} before a play")
        if state.phase is Phase.SEND and state.pending is not None:
            candidates = getattr(state.pending, "candidates", ())
            action = Decide(send=tuple(base for base in send if base in candidates))
        forced = isinstance(action, SubmitOutcome) and outcome is not None
        step = apply(auto_setup if forced else setup, state, action, dice)
        state = step.state
        plays = [event for event in step.events if isinstance(event, Play)]
        if plays:
            return plays[0], state
    raise ScenarioError("no play after ten actions")


def check(expect: Mapping[str, Any], play: Play, state: GameState) -> list[str]:
    """Compare the keys present in ``expect`` with the play and the state after it."""
    fielding = state.team(play.batting_side.other)
    actual: dict[str, Any] = {
        "bases": BASE_KEYS[_mask(play.bases_after)],
        "outs": play.outs_after,
        "runs": play.runs,
        "errors": play.errors,
        "inning_over": play.inning_over,
        "game_over": state.game_over,
        "winner": state.winner.value if state.winner else None,
        "score": {"away": state.score[0], "home": state.score[1]},
        "pa": play.stats.pa,
        "re24": round(play.stats.re24, 3),
        "outcome": play.outcome.value if play.outcome else None,
        "in_pow": play.in_pow,
        "fatigued": state.team(play.batting_side.other).pitcher_fatigued,
        "must_change": bool(state.team(play.batting_side.other).must_change),
        "injury": _injury_text(play),
        "lineup": [f"{slot.player}@{slot.position.value}" for slot in fielding.lineup],
        "pitcher": fielding.pitcher,
        "removed": list(fielding.removed),
        "defender": play.defender,
    }
    failures = []
    for key, wanted in expect.items():
        if key == "play":
            kinds = {play.play_type.value, play.outcome.value if play.outcome else None}
            if wanted not in kinds:
                failures.append(f"play: expected {wanted}, got {play.play_type.value}")
            continue
        if key not in actual:
            failures.append(f"unknown expectation {key!r}")
            continue
        got = actual[key]
        if key == "re24":
            wanted = round(float(wanted), 3)
        if got != wanted:
            failures.append(f"{key}: expected {wanted!r}, got {got!r}")
    if failures:
        failures.append(f"({play.description})")
    return failures


def _injury_text(play: Play) -> str | int | None:
    injury = play.injury
    if injury is None:
        return None
    return injury.games if injury.result is InjuryResult.GAMES else injury.result.value


def _mask(bases: tuple[str | None, str | None, str | None]) -> int:
    return (bases[0] is not None) | (bases[1] is not None) << 1 | (bases[2] is not None) << 2


__all__ = ["CaseResult", "ScenarioError", "build", "check", "demo_setup", "load_cases", "run_case", "run_cases"]
