"""Resolution of one play on a mutable draft (RULES §4-§8). Internal: :mod:`games.engine.game` drives it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from games.engine.cards import FielderRating, pull_field
from games.engine.dice import RecordingDice, Rolls
from games.engine.enums import (
    B1,
    B2,
    B3,
    SS,
    Base,
    C,
    Hand,
    InfieldDepth,
    Outcome,
    P,
    PlayType,
    Position,
    RollName,
    XCheckResult,
)
from games.engine.enums import GroundballResult as GB
from games.engine.play import Draft, Mismatch, PromptKind, StealNumbers
from games.engine.state import GameSetup, GameState, Player
from games.engine.steal import good_lead, steal_numbers, steal_safe
from games.engine.tables import XCHECK_RANGES, groundball_number, uses_in_column, xcheck_error

HOME = 4
BATTER = 0
BUNT_TARGET = {"A": 17, "B": 14, "C": 11, "D": 8}
HIT_AND_RUN_TARGET = {"A": 8, "B": 7, "C": 5, "D": 3}


class OutKind(Enum):
    """How an out was made; the first three void the play's runs when they make the third out (§4.3)."""

    BATTER = "batter"
    FORCE = "force"
    TAG_UP = "tag_up"
    OTHER = "other"


NO_RUN_OUTS = frozenset({OutKind.BATTER, OutKind.FORCE, OutKind.TAG_UP})


@dataclass(frozen=True, slots=True)
class Prompt:
    kind: PromptKind
    candidates: tuple[Base, ...]


class Builder:
    """A play being resolved: bases, outs and runs move here, then :mod:`game` freezes the result."""

    __slots__ = (
        "bases",
        "batter",
        "cancel_runs",
        "dice",
        "errors",
        "fielder",
        "hit",
        "mismatch",
        "notes",
        "origin",
        "out_players",
        "outcome",
        "outs",
        "outs_before",
        "pa_complete",
        "play_type",
        "players",
        "prior_rolls",
        "rbi_allowed",
        "runner",
        "runner_moving",
        "scored",
        "setup",
        "state",
        "stats",
        "steal",
    )

    def __init__(
        self,
        setup: GameSetup,
        state: GameState,
        dice: RecordingDice,
        play_type: PlayType = PlayType.AT_BAT,
        draft: Draft | None = None,
    ) -> None:
        self.setup = setup
        self.state = state
        self.dice = dice
        self.players = setup.players
        self.batter = state.batter
        self.outs_before = state.outs
        self.runner_moving = state.offense.hit_and_run and state.bases[0] is not None
        self.runner: str | None = None
        self.steal: StealNumbers | None = None
        self.mismatch: Mismatch | None = draft.mismatch if draft is not None else None
        if draft is None:
            self.play_type = play_type
            self.outcome: Outcome | None = None
            self.fielder: Position | None = None
            self.bases: list[str | None] = list(state.bases)
            self.origin: dict[str, int] = {pid: i + 1 for i, pid in enumerate(state.bases) if pid is not None}
            self.origin[self.batter] = BATTER
            self.outs = state.outs
            self.out_players: list[str] = []
            self.scored: list[str] = []
            self.cancel_runs = False
            self.errors = 0
            self.stats: dict[str, int] = {}
            self.notes: list[str] = []
            self.prior_rolls: Rolls = ()
            self.pa_complete = True
            self.rbi_allowed = True
            self.hit = False
        else:
            self.play_type = draft.play_type
            self.outcome = draft.outcome
            self.fielder = draft.fielder
            self.bases = list(draft.bases)
            self.origin = dict(draft.origin)
            self.outs = draft.outs
            self.out_players = list(draft.out_players)
            self.scored = list(draft.scored)
            self.cancel_runs = draft.cancel_runs
            self.errors = draft.errors
            self.stats = dict(draft.stats)
            self.notes = list(draft.notes)
            self.prior_rolls = draft.rolls
            self.pa_complete = draft.pa_complete
            self.rbi_allowed = draft.rbi_allowed
            self.hit = draft.hit

    def freeze(self) -> Draft:
        b1, b2, b3 = self.bases
        return Draft(
            play_type=self.play_type,
            outcome=self.outcome,
            fielder=self.fielder,
            bases=(b1, b2, b3),
            origin=tuple(self.origin.items()),
            outs=self.outs,
            out_players=tuple(self.out_players),
            scored=tuple(self.scored),
            cancel_runs=self.cancel_runs,
            errors=self.errors,
            stats=tuple(self.stats.items()),
            notes=tuple(self.notes),
            rolls=self.rolls,
            pa_complete=self.pa_complete,
            rbi_allowed=self.rbi_allowed,
            hit=self.hit,
            mismatch=self.mismatch,
        )

    @property
    def rolls(self) -> Rolls:
        return self.prior_rolls + self.dice.rolls

    # -- people -------------------------------------------------------------------------------------------

    def player(self, pid: str) -> Player:
        return self.players[pid]

    def name(self, pid: str) -> str:
        return self.players[pid].name

    def fielder_at(self, position: Position) -> Player:
        return self.players[self.state.fielding.at(position)]

    def rating(self, position: Position) -> FielderRating:
        return self.fielder_at(position).fielder(position, out_of_position=self.setup.options.out_of_position)

    @property
    def pitcher(self) -> Player:
        return self.players[self.state.pitcher]

    @property
    def batting_side_hand(self) -> Hand:
        hand = self.player(self.batter).bat_hand
        if hand is Hand.SWITCH:
            return Hand.LEFT if self.pitcher.throw_hand is Hand.RIGHT else Hand.RIGHT
        return hand

    # -- bookkeeping --------------------------------------------------------------------------------------

    def stat(self, name: str, amount: int = 1) -> None:
        self.stats[name] = self.stats.get(name, 0) + amount

    def note(self, text: str) -> None:
        self.notes.append(text)

    def roll(self, name: RollName) -> int:
        return self.dice.roll(name)

    @property
    def inning_over(self) -> bool:
        return self.outs >= 3

    def base_of(self, pid: str) -> int:
        return self.bases.index(pid) + 1

    def runner_from(self, start: Base) -> str | None:
        """The runner who started the play on ``start`` if he is still on base."""
        for pid, origin in self.origin.items():
            if origin == start and pid in self.bases:
                return pid
        return None

    # -- movement -----------------------------------------------------------------------------------------

    def score(self, pid: str) -> None:
        self.scored.append(pid)

    def move(self, base: int, to: int) -> None:
        """Move the runner on ``base`` to ``to`` (4 = home); ``to`` must be open."""
        pid = self.bases[base - 1]
        if pid is None or self.inning_over:
            return
        self.bases[base - 1] = None
        if to >= HOME:
            self.score(pid)
        else:
            assert self.bases[to - 1] is None, f"{pid} cannot move to occupied base {to}"
            self.bases[to - 1] = pid

    def advance_all(self, bases: int) -> None:
        for base in (3, 2, 1):
            self.move(base, base + bases)

    def advance_forced(self) -> None:
        """Runners forced by the batter reaching first move up one."""
        if self.bases[0] is None:
            return
        if self.bases[1] is not None:
            if self.bases[2] is not None:
                self.move(3, HOME)
            self.move(2, 3)
        self.move(1, 2)

    def batter_to(self, base: int) -> None:
        if base >= HOME:
            self.score(self.batter)
        else:
            assert self.bases[base - 1] is None
            self.bases[base - 1] = self.batter

    def out(self, pid: str, kind: OutKind) -> None:
        if self.inning_over:
            return
        if pid in self.bases:
            self.bases[self.bases.index(pid)] = None
        self.outs += 1
        self.out_players.append(pid)
        if self.outs == 3 and kind in NO_RUN_OUTS:
            self.cancel_runs = True

    def out_on(self, base: int, kind: OutKind) -> None:
        pid = self.bases[base - 1]
        if pid is not None:
            self.out(pid, kind)

    def batter_out(self) -> None:
        self.out(self.batter, OutKind.BATTER)

    def speed_check(self, pid: str, fielder: Position | None) -> bool:
        """d20 ≤ running + arm (outfielders only) + 2 with two outs before the play; 1 safe, 20 out."""
        d20 = self.roll(RollName.CHECK)
        if d20 == 1:
            return True
        if d20 == 20:
            return False
        arm = self.rating(fielder).arm if fielder is not None and fielder.is_outfield else 0
        return d20 <= self.player(pid).running + arm + (2 if self.outs_before == 2 else 0)

    def location(self, *, ground: bool) -> Position:
        d20 = self.roll(RollName.LOCATION)
        lefty = self.batting_side_hand is Hand.LEFT
        return self.setup.options.location.fielder(ground=ground, lefty=lefty, d20=d20)


# -- outcomes -----------------------------------------------------------------------------------------------


def resolve_outcome(p: Builder, outcome: Outcome, fielder: Position | None) -> Prompt | None:
    """Resolve a card result; returns a prompt when a running decision is needed."""
    p.outcome = outcome
    p.fielder = fielder
    handler = _HANDLERS[outcome]
    return handler(p, outcome, fielder)


_WALKS = {
    Outcome.WALK: ("bb", "walks"),
    Outcome.INTENTIONAL_WALK: ("ibb", "is walked intentionally"),
    Outcome.HIT_BY_PITCH: ("hbp", "is hit by a pitch"),
}


def _walk(p: Builder, outcome: Outcome, fielder: Position | None) -> Prompt | None:
    p.advance_forced()
    p.batter_to(1)
    stat, verb = _WALKS[outcome]
    p.stat(stat)
    p.note(f"{p.name(p.batter)} {verb}")
    return None


_HIT_MOVES = {
    Outcome.SINGLE_1: (1, 1, "singles"),
    Outcome.SINGLE_2: (2, 1, "singles, runners up two"),
    Outcome.SINGLE_UNCAPPED: (1, 1, "singles"),
    Outcome.DOUBLE_2: (2, 2, "doubles"),
    Outcome.DOUBLE_UNCAPPED: (2, 2, "doubles"),
    Outcome.DOUBLE_3: (3, 2, "doubles, runners up three"),
    Outcome.TRIPLE: (3, 3, "triples"),
    Outcome.HOMERUN: (3, 4, "homers"),
}
_HIT_STAT = {1: "single", 2: "double", 3: "triple", 4: "homerun"}


def credit_hit(p: Builder, bases: int) -> None:
    p.hit = True
    p.stat("hit")
    p.stat(_HIT_STAT[bases])


def _hit(p: Builder, outcome: Outcome, fielder: Position | None) -> Prompt | None:
    runners, batter, verb = _HIT_MOVES[outcome]
    if fielder is None and outcome in (Outcome.SINGLE_UNCAPPED, Outcome.DOUBLE_UNCAPPED):
        fielder = p.fielder = Position.CENTER_FIELD
    p.advance_all(runners)
    p.batter_to(batter)
    credit_hit(p, batter)
    where = f" to {fielder.value}" if fielder is not None else ""
    p.note(f"{p.name(p.batter)} {verb}{where}")
    if outcome in (Outcome.SINGLE_UNCAPPED, Outcome.DOUBLE_UNCAPPED):
        candidates = tuple(
            Base(p.origin[pid])
            for pid in sorted((r for r in p.bases if r and r != p.batter), key=p.base_of, reverse=True)
        )[:2]
        if candidates:
            return Prompt(PromptKind.UNCAPPED, candidates)
    return None


def _out(p: Builder, outcome: Outcome, fielder: Position | None) -> Prompt | None:
    if outcome is Outcome.STRIKEOUT:
        p.stat("so")
        p.note(f"{p.name(p.batter)} strikes out")
    else:
        if fielder is None:
            fielder = p.location(ground=True)
            p.fielder = fielder
        verb = "lines out" if outcome is Outcome.LINEOUT else "pops out"
        p.note(f"{p.name(p.batter)} {verb} to {fielder.value}")
    p.batter_out()
    r1 = p.bases[0]
    if outcome is Outcome.LINEOUT and p.runner_moving and r1 is not None and not p.inning_over:
        p.note(f"{p.name(r1)} is doubled off first")
        p.out(r1, OutKind.TAG_UP)
    return None


def _ballpark(p: Builder, outcome: Outcome, fielder: Position | None) -> Prompt | None:
    park = p.setup.options.park
    d20 = p.roll(RollName.CHECK)
    if outcome is Outcome.BP_HOMERUN:
        if d20 <= park.homerun:
            p.stat("bphr")
            return _hit(p, Outcome.HOMERUN, None)
        p.stat("bpfo")
        pull = pull_field(p.batting_side_hand)
        p.fielder = pull
        return _flyball(p, Outcome.FLYBALL_B, pull)
    if d20 <= park.single:
        p.stat("bp1b")
        return _hit(p, Outcome.SINGLE_1, None)
    p.stat("bplo")
    return _out(p, Outcome.LINEOUT, fielder)


def _flyball(p: Builder, outcome: Outcome, fielder: Position | None) -> Prompt | None:
    if fielder is None:
        fielder = p.location(ground=False)
    p.fielder = fielder
    p.note(f"{p.name(p.batter)} flies out to {fielder.value}")
    p.batter_out()
    if p.outs_before == 2:
        return None
    if outcome is Outcome.FLYBALL_A:
        before = len(p.scored)
        p.advance_all(1)
        if len(p.scored) > before:
            p.stat("sf")
        return None
    if outcome is Outcome.FLYBALL_B:
        if p.bases[2] is not None:
            p.move(3, HOME)
            p.stat("sf")
        if p.bases[1] is not None and p.bases[2] is None:
            return Prompt(PromptKind.FLYBALL_B, (Base(p.origin[p.bases[1]]),))
        return None
    if outcome is Outcome.FLYBALL_BQ and p.bases[2] is not None:
        return Prompt(PromptKind.FLYBALL_BQ, (Base.THIRD,))
    return None


def _groundball(p: Builder, outcome: Outcome, fielder: Position | None) -> Prompt | None:
    if fielder is None:
        fielder = p.location(ground=True)
    p.fielder = fielder
    playing_in = uses_in_column(p.state.defense.infield, fielder)
    number = groundball_number(outcome, p.state.base_mask, playing_in)
    return groundball_result(p, number, fielder)


_DOUBLE_PLAYS = {
    GB.DOUBLE_PLAY_AT_SECOND: (1, "2B"),
    GB.DOUBLE_PLAY_HOME_TO_FIRST: (3, "C"),
    GB.DOUBLE_PLAY_BY_LOCATION: (2, "3B"),
}
"""Double plays: the forced runner's base and the pivot base."""


def groundball_result(p: Builder, number: int, fielder: Position) -> Prompt | None:
    """Apply a groundball chart result number (§5.2) with the two-out rule of §5.1."""
    name = p.name(p.batter)
    at = fielder.value
    if p.outs_before == 2:
        p.note(f"{name} grounds out to {at}")
        p.batter_out()
        return None
    result = GB(number)
    r1 = p.bases[0]
    if p.runner_moving and r1 is not None:
        result = GB.BATTER_OUT_FORCED_ADVANCE
    if result is GB.ADVANCE_IF_MIDDLE_INFIELD:
        result = GB.BATTER_OUT_RUNNERS_ADVANCE if fielder in (B2, SS) else GB.BATTER_OUT_RUNNERS_HOLD
    elif result is GB.ADVANCE_IF_RIGHT_SIDE:
        result = GB.BATTER_OUT_RUNNERS_ADVANCE if fielder in (B1, B2) else GB.BATTER_OUT_RUNNERS_HOLD
    elif result is GB.DOUBLE_PLAY_BY_LOCATION and not (fielder in (B3, P) and r1 and p.bases[1]):
        result = GB.DOUBLE_PLAY_AT_SECOND
    if result in (GB.DOUBLE_PLAY_AT_SECOND, GB.FORCE_AT_SECOND_BATTER_SAFE, GB.LEAD_RUNNER_FORCED_BATTER_SAFE) and (
        r1 is None
    ):
        result = GB.BATTER_OUT_RUNNERS_HOLD
    if result is GB.DOUBLE_PLAY_HOME_TO_FIRST and p.bases[2] is None:
        result = GB.DOUBLE_PLAY_AT_SECOND if r1 else GB.BATTER_OUT_RUNNERS_HOLD

    if result is GB.BATTER_OUT_RUNNERS_HOLD:
        p.note(f"{name} grounds out to {at}")
        p.batter_out()
    elif result in _DOUBLE_PLAYS:
        base, pivot = _DOUBLE_PLAYS[result]
        forced = p.bases[base - 1]
        assert forced is not None
        p.note(f"{name} grounds into a double play, {at} to {pivot} to 1B")
        p.out(forced, OutKind.FORCE)
        p.batter_out()
        p.advance_all(1)
        p.stat("gidp")
        p.rbi_allowed = False
    elif result is GB.BATTER_OUT_RUNNERS_ADVANCE:
        p.note(f"{name} grounds out to {at}, runners advance")
        p.batter_out()
        p.advance_all(1)
    elif result is GB.FORCE_AT_SECOND_BATTER_SAFE:
        assert r1 is not None
        p.note(f"{name} reaches on a fielder's choice, {p.name(r1)} forced at 2B ({at})")
        p.out(r1, OutKind.FORCE)
        p.advance_all(1)
        p.batter_to(1)
    elif result in (GB.BATTER_OUT_FORCED_ADVANCE, GB.BATTER_OUT_FORCED_ADVANCE_8):
        p.note(f"{name} grounds out to {at}")
        p.advance_forced()
        p.batter_out()
    elif result is GB.BATTER_OUT_TRAILING_ADVANCE:
        p.note(f"{name} grounds out to {at}")
        p.batter_out()
        occupied = [base for base in (1, 2, 3) if p.bases[base - 1] is not None]
        for base in reversed(occupied[:-1]):
            if p.bases[base] is None:
                p.move(base, base + 1)
    elif result is GB.LEAD_RUNNER_FORCED_BATTER_SAFE:
        chain = 1
        while chain < 3 and p.bases[chain] is not None:
            chain += 1
        lead = p.bases[chain - 1]
        assert lead is not None
        p.note(f"{name} reaches on a fielder's choice, {p.name(lead)} forced out ({at})")
        p.out(lead, OutKind.FORCE)
        p.advance_all(1)
        p.batter_to(1)
    else:
        lead_base = max(base for base in (0, 1, 2, 3) if base == 0 or p.bases[base - 1] is not None)
        p.note(f"{name} grounds to {at}")
        if lead_base == 0:
            p.batter_out()
            return None
        return Prompt(PromptKind.GROUNDBALL_12, (Base(lead_base),))
    return None


# -- X-checks (§6) ---------------------------------------------------------------------------------------------

_X_GROUNDBALL = {
    XCheckResult.G1: Outcome.GROUNDBALL_A,
    XCheckResult.G2: Outcome.GROUNDBALL_B,
    XCheckResult.G3: Outcome.GROUNDBALL_C,
}
_X_FLYBALL = {
    XCheckResult.F1: Outcome.FLYBALL_A,
    XCheckResult.F2: Outcome.FLYBALL_B,
    XCheckResult.F3: Outcome.FLYBALL_C,
}
_X_HIT = {
    XCheckResult.SI1: Outcome.SINGLE_1,
    XCheckResult.SI2: Outcome.SINGLE_2,
    XCheckResult.DO2: Outcome.DOUBLE_2,
    XCheckResult.DO3: Outcome.DOUBLE_3,
    XCheckResult.TR3: Outcome.TRIPLE,
}
_X_HIT_BASES = {XCheckResult.SI1: 1, XCheckResult.SI2: 1, XCheckResult.DO2: 2, XCheckResult.DO3: 2, XCheckResult.TR3: 3}
# (runner bases, batter base) per error size; 4 = scores.
_X_ERROR_MOVES: dict[XCheckResult, tuple[tuple[int, int], tuple[int, int], tuple[int, int]]] = {
    XCheckResult.G1: ((1, 1), (2, 2), (2, 2)),
    XCheckResult.SI1: ((2, 2), (3, 3), (3, 3)),
    XCheckResult.SI2: ((2, 2), (3, 3), (3, 3)),
    XCheckResult.DO2: ((3, 3), (3, 3), (3, 4)),
    XCheckResult.DO3: ((3, 3), (3, 4), (3, 4)),
    XCheckResult.TR3: ((3, 4), (3, 4), (3, 4)),
    XCheckResult.F1: ((1, 1), (2, 2), (3, 3)),
    XCheckResult.PO: ((1, 1), (3, 2), (3, 2)),
}
for _g in (XCheckResult.G2, XCheckResult.G3):
    _X_ERROR_MOVES[_g] = _X_ERROR_MOVES[XCheckResult.G1]
for _f in (XCheckResult.F2, XCheckResult.F3):
    _X_ERROR_MOVES[_f] = _X_ERROR_MOVES[XCheckResult.F1]


def playing_in(p: Builder, position: Position) -> bool:
    depth = p.state.defense.infield
    if depth is InfieldDepth.IN:
        return position in (B1, B2, B3, SS)
    return depth is InfieldDepth.CORNERS_IN and position in (B1, B3)


def _holding(p: Builder, position: Position) -> bool:
    hold = p.state.defense.hold
    return (position is B1 and Base.FIRST in hold) or (position is SS and Base.SECOND in hold)


def _xcheck(p: Builder, outcome: Outcome, fielder: Position | None) -> Prompt | None:
    if fielder is None:
        fielder = p.fielder = p.location(ground=True)
    rating = p.rating(fielder)
    in_ = playing_in(p, fielder)
    column = min(5, rating.range + (1 if in_ else 0))
    base = XCHECK_RANGES[fielder][p.roll(RollName.RANGE) - 1][column - 1]
    if base in (XCheckResult.G2_HASH, XCheckResult.G3_HASH):
        if in_ or _holding(p, fielder):
            base = XCheckResult.SI2
        else:
            base = XCheckResult.G2 if base is XCheckResult.G2_HASH else XCheckResult.G3
    if base is XCheckResult.SPD:
        base = XCheckResult.SI1 if p.roll(RollName.CHECK) <= p.player(p.batter).running else XCheckResult.G3
    error = xcheck_error(fielder, rating.error, p.roll(RollName.ERROR))
    p.note(f"X-check {fielder.value}: {base.value}" + (f", E{error}" if error else ""))
    if p.setup.options.rare_plays and p.roll(RollName.RARE) == 1:
        return _rare_play(p, base, fielder)
    if not error:
        return _x_clean(p, base, fielder)
    return _x_error(p, base, fielder, error)


def _x_clean(p: Builder, base: XCheckResult, fielder: Position) -> Prompt | None:
    if base in _X_GROUNDBALL:
        return _groundball(p, _X_GROUNDBALL[base], fielder)
    if base in _X_FLYBALL:
        return _flyball(p, _X_FLYBALL[base], fielder)
    if base in _X_HIT:
        return _hit(p, _X_HIT[base], fielder)
    if base is XCheckResult.PO:
        return _out(p, Outcome.POPOUT, fielder)
    if base is XCheckResult.FO:
        return _foul_out(p, fielder)
    raise AssertionError(base)


def _foul_out(p: Builder, fielder: Position) -> Prompt | None:
    if any(p.bases) and p.roll(RollName.CHECK) <= p.rating(C).passed_ball:
        p.play_type = PlayType.PASSED_BALL
        p.pa_complete = False
        p.stat("passed_ball")
        p.advance_all(1)
        p.note("passed ball on the foul ball, runners advance; the batter bats again")
        return None
    p.note(f"{p.name(p.batter)} fouls out to {fielder.value}")
    p.batter_out()
    return None


def _charge_error(p: Builder, fielder: Position, size: int) -> None:
    p.errors += 1
    p.stat("error")
    p.rbi_allowed = False
    p.note(f"E{size} on {fielder.value} ({p.name(p.fielder_at(fielder).id)})")


def _x_error(p: Builder, base: XCheckResult, fielder: Position, error: int) -> Prompt | None:
    _charge_error(p, fielder, error)
    if base is XCheckResult.FO:
        p.pa_complete = False
        p.note("the batter bats again")
        return None
    runners, batter = _X_ERROR_MOVES[base][error - 1]
    p.advance_all(runners)
    p.batter_to(batter)
    if base in _X_HIT_BASES:
        credit_hit(p, _X_HIT_BASES[base])
    else:
        p.note(f"{p.name(p.batter)} reaches on an error")
    return None


def _rare_play(p: Builder, base: XCheckResult, fielder: Position) -> Prompt | None:
    p.note("rare play")
    name = p.name(p.batter)
    has_runners = any(p.bases)
    if base is XCheckResult.G1:
        if p.bases[0] is None:
            return _x_clean(p, base, fielder)
        return groundball_result(p, GB.DOUBLE_PLAY_AT_SECOND, fielder)
    if base is XCheckResult.G2:
        return groundball_result(p, GB.BATTER_OUT_FORCED_ADVANCE, fielder)
    if base is XCheckResult.G3:
        return groundball_result(p, GB.BATTER_OUT_RUNNERS_ADVANCE, fielder)
    if base is XCheckResult.SI1:
        r1 = p.bases[0]
        if r1 is None:
            return _hit(p, Outcome.SINGLE_1, fielder)
        p.note(f"{p.name(r1)} is hit by the batted ball and out; {name} to 1B")
        p.out(r1, OutKind.OTHER)
        p.batter_to(1)
        credit_hit(p, 1)
        return None
    if base in (XCheckResult.SI2, XCheckResult.DO2):
        single = base is XCheckResult.SI2
        p.advance_all(2)
        credit_hit(p, 1 if single else 2)
        p.note(
            f"{name} singles, runners up two, and is out rounding first"
            if single
            else f"{name} doubles and is then out at 2B"
        )
        p.out(p.batter, OutKind.OTHER)
        return None
    if base is XCheckResult.DO3:
        if has_runners:
            return _hit(p, Outcome.DOUBLE_3, fielder)
        p.note(f"{name} doubles but is out on appeal")
        p.batter_out()
        return None
    if base is XCheckResult.TR3:
        p.note("inside-the-park home run")
        return _hit(p, Outcome.HOMERUN, fielder)
    if (base is XCheckResult.F2 and p.bases[2] is None) or (base is XCheckResult.F3 and not has_runners):
        return _x_clean(p, base, fielder)
    if base in _X_FLYBALL:
        p.fielder = fielder
        p.batter_out()
        if p.outs_before == 2:
            p.note(f"{name} flies out to {fielder.value}")
            return None
        if base is XCheckResult.F1:
            p.note(f"{name} flies out to {fielder.value}, every runner up two")
            p.advance_all(2)
        elif base is XCheckResult.F2:
            p.note(f"{name} flies out to {fielder.value}, the runner on third is out on appeal")
            p.out_on(3, OutKind.TAG_UP)
        else:
            lead = max(b for b in (1, 2, 3) if p.bases[b - 1] is not None)
            p.note(f"{name} flies out to {fielder.value}, the lead runner is doubled off")
            p.out_on(lead, OutKind.TAG_UP)
        return None
    if base is XCheckResult.PO:
        return _hit(p, Outcome.SINGLE_1, fielder)
    p.note(f"catcher's interference, {name} to 1B")
    p.advance_forced()
    p.batter_to(1)
    p.stat("interference")
    return None


_HANDLERS = {
    Outcome.HOMERUN: _hit,
    Outcome.TRIPLE: _hit,
    Outcome.DOUBLE_3: _hit,
    Outcome.DOUBLE_2: _hit,
    Outcome.DOUBLE_UNCAPPED: _hit,
    Outcome.SINGLE_2: _hit,
    Outcome.SINGLE_1: _hit,
    Outcome.SINGLE_UNCAPPED: _hit,
    Outcome.BP_HOMERUN: _ballpark,
    Outcome.BP_SINGLE: _ballpark,
    Outcome.HIT_BY_PITCH: _walk,
    Outcome.WALK: _walk,
    Outcome.INTENTIONAL_WALK: _walk,
    Outcome.STRIKEOUT: _out,
    Outcome.LINEOUT: _out,
    Outcome.POPOUT: _out,
    Outcome.FLYBALL_A: _flyball,
    Outcome.FLYBALL_B: _flyball,
    Outcome.FLYBALL_BQ: _flyball,
    Outcome.FLYBALL_C: _flyball,
    Outcome.GROUNDBALL_A: _groundball,
    Outcome.GROUNDBALL_B: _groundball,
    Outcome.GROUNDBALL_C: _groundball,
    Outcome.X_CHECK: _xcheck,
}


# -- running prompts (§4.4, §5.3) ----------------------------------------------------------------------------


def answer_prompt(p: Builder, kind: PromptKind, sent: tuple[Base, ...], throw: bool, at: Base | None) -> None:
    """Finish a halted play with the offense's ``sent`` runners and the defense's throw."""
    fielder = p.fielder
    if kind is PromptKind.GROUNDBALL_12:
        lead = p.bases[sent[0] - 1] if sent else None
        if lead is None:
            p.batter_out()
            return
        start = int(sent[0])
        if not throw:
            p.note(f"the defense takes the out at 1B; {p.name(lead)} takes {_base_name(start + 1)}")
            p.batter_out()
            p.move(start, start + 1)
            return
        safe = p.speed_check(lead, fielder)
        p.note(f"{p.name(lead)} tries for {_base_name(start + 1)} and is {'safe' if safe else 'out'}")
        if safe:
            p.move(start, start + 1)
            p.stat("fielders_choice")
        else:
            p.out(lead, OutKind.OTHER)
        p.advance_forced()
        p.batter_to(1)
        return
    runners = [p.runner_from(base) for base in sent]
    movers = [pid for pid in runners if pid is not None]
    if not movers:
        return
    target = movers[0]
    if at is not None:
        chosen = p.runner_from(at)
        if chosen in movers:
            target = chosen
    target_pid = target if throw else None
    kind_out = OutKind.OTHER if kind is PromptKind.UNCAPPED else OutKind.TAG_UP
    for pid in movers:
        if target_pid is not None and target_pid != pid and movers.index(pid) > movers.index(target_pid):
            break
        base = p.base_of(pid)
        if pid == target_pid:
            safe = p.speed_check(pid, fielder)
            p.note(f"{p.name(pid)} tries for {_base_name(base + 1)} and is {'safe' if safe else 'thrown out'}")
            if safe:
                _take_base(p, kind, base)
            else:
                p.out(pid, kind_out)
            break
        p.note(f"{p.name(pid)} takes {_base_name(base + 1)}")
        _take_base(p, kind, base)


def _take_base(p: Builder, kind: PromptKind, base: int) -> None:
    p.move(base, base + 1)
    if base == 3 and kind is PromptKind.FLYBALL_BQ:
        p.stat("sf")


def _base_name(base: int) -> str:
    return ("1B", "2B", "3B", "home")[min(base, 4) - 1]


# -- plays before the at-bat (§7, §8, §10) -------------------------------------------------------------------


def wild_pitch_or_passed_ball(p: Builder, passed_ball: bool) -> None:
    p.play_type = PlayType.PASSED_BALL if passed_ball else PlayType.WILD_PITCH
    p.pa_complete = False
    p.stat("passed_ball" if passed_ball else "wild_pitch")
    p.note("passed ball, runners advance" if passed_ball else "wild pitch, runners advance")
    p.advance_all(1)


def steal(p: Builder, runners: tuple[Base, ...]) -> None:
    """A called steal (§8): jump check, lead, steal roll, catcher's throwing error; the numbers that decide it
    (`games.engine.steal.steal_numbers`) go on the play."""
    p.pa_complete = False
    catcher = p.rating(C)
    lead_base = max(runners)
    lead = p.bases[lead_base - 1]
    assert lead is not None
    p.runner = lead
    numbers = p.steal = steal_numbers(p.setup, p.state, lead, Base(lead_base), lead_base in p.state.defense.hold)
    jump = p.roll(RollName.JUMP_CHECK)
    if jump == 1:
        if p.roll(RollName.CHECK) <= numbers.pickoff:
            p.play_type = PlayType.PICKOFF
            p.stat("pick_off")
            p.note(f"{p.name(lead)} is picked off")
            p.out(lead, OutKind.OTHER)
            return
        p.note(f"pickoff throw, {p.name(lead)} gets back")
    elif jump == 2 and p.roll(RollName.CHECK) <= numbers.balk:
        p.play_type = PlayType.BALK
        p.stat("balk")
        p.note("balk, runners advance")
        p.advance_all(1)
        return
    if not numbers.auto:
        dice = p.dice.pair(RollName.LEAD)
        if not good_lead(numbers, dice):
            if dice == (6, 6):
                p.play_type = PlayType.PICKOFF
                p.stat("pick_off")
                p.note(f"{p.name(lead)} is caught leaning")
                p.out(lead, OutKind.OTHER)
            else:
                p.play_type = PlayType.STEAL_CALLED_OFF
                p.note(f"{p.name(lead)} gets no jump; the steal is off")
            return
    d20 = p.roll(RollName.STEAL)
    safe = steal_safe(numbers, d20)
    others = sorted((b for b in runners if b != lead_base), reverse=True)
    if safe:
        p.play_type = PlayType.STOLEN_BASE
        p.stat("sb", len(runners))
        p.note(f"{p.name(lead)} steals {_base_name(lead_base + 1)}")
        p.move(lead_base, lead_base + 1)
        for base in others:
            p.move(base, base + 1)
        if d20 <= 3 and p.roll(RollName.CHECK) <= catcher.throwing:
            _charge_error(p, C, 1)
            p.note(f"throwing error, {p.name(lead)} takes another base")
            stolen = lead_base + 1
            if stolen + 1 < HOME:
                p.move(stolen + 1, stolen + 2)  # a runner standing on the next base is pushed ahead of him
            p.move(stolen, stolen + 1)
    else:
        p.play_type = PlayType.CAUGHT_STEALING
        p.stat("cs")
        p.note(f"{p.name(lead)} is caught stealing")
        p.out(lead, OutKind.OTHER)
        for base in others:
            p.move(base, base + 1)


def bunt(p: Builder) -> None:
    """Sacrifice bunt (§10): d20 ≤ the bunting grade's target moves the runners; 20 pops up."""
    p.play_type = PlayType.SACRIFICE_BUNT
    card = p.player(p.batter).batting
    target = BUNT_TARGET[card.bunting if card else "C"]
    d20 = p.roll(RollName.CHECK)
    name = p.name(p.batter)
    if d20 == 20:
        p.note(f"{name} pops up the bunt")
        p.batter_out()
        if p.bases[0] is not None:
            p.note(f"{p.name(p.bases[0])} is doubled off")
            p.out_on(1, OutKind.TAG_UP)
    elif d20 <= target:
        p.note(f"{name} lays down a sacrifice bunt")
        p.stat("sac")
        p.batter_out()
        p.advance_all(1)
    else:
        p.note(f"{name} bunts, the runners hold")
        p.batter_out()


def hit_and_run_single(p: Builder) -> bool:
    """Hit-and-run (§10): d20 ≤ the grade's chance → SINGLE_1 with the runner from 1B taking third."""
    card = p.player(p.batter).batting
    if p.roll(RollName.CHECK) > HIT_AND_RUN_TARGET[card.hit_and_run if card else "C"]:
        return False
    p.outcome = Outcome.SINGLE_1
    p.note(f"hit-and-run: {p.name(p.batter)} singles, the runner from first takes third")
    p.advance_all(2)
    p.batter_to(1)
    credit_hit(p, 1)
    return True
