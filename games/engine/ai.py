"""The AI manager: answers every decision the engine can ask of one side (RULES §5, §8-§12), with a one-line
reason for the play log.

``choose_action(setup, state, side, personality)`` returns an :class:`AiChoice` whose action is legal in
``state`` by construction (the engine never has to reject it). Between plays the fielding side may first
change pitchers and the batting side may first send up a pinch hitter; each such call returns that one
change, and the next call (same phase) the decision itself. Steals are weighed by the change in the
batting team's win expectancy (:mod:`games.engine.win_expectancy`) against a personality's margin;
matchups read the two cards as RULES §2 does (batter + pitcher chances out of 216).

>>> from games.engine.scenarios import demo_setup
>>> from games.engine.dice import SeededDice
>>> from games.engine.game import apply
>>> from games.engine.state import new_game
>>> setup, dice = demo_setup(), SeededDice(3)
>>> state = new_game(setup)
>>> while not state.game_over:
...     choice = choose_action(setup, state, state.actor, Personality.YOLO)
...     state = apply(setup, state, choice.action, dice).state
>>> state.winner is not None
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any

from games.engine.actions import (
    Action,
    Decide,
    DefenseDecision,
    DoubleSwitch,
    Forfeit,
    OffenseDecision,
    PitchingChange,
    Roll,
    Substitute,
)
from games.engine.cards import BatterCard, PitcherCard, SplitCard, batting_side
from games.engine.choices import choices
from games.engine.enums import (
    Base,
    Half,
    Hand,
    InfieldDepth,
    Phase,
    Position,
    ResolutionMode,
    Side,
)
from games.engine.options import RuleOptions
from games.engine.orders import NO_ORDERS, HoldPolicy, InfieldPolicy, StandingOrders, Tendency
from games.engine.play import PromptKind
from games.engine.reading import card_result
from games.engine.simulation import Chooser
from games.engine.state import GameSetup, GameState, LineupSlot, Pending, PendingRoll, Player, TeamState
from games.engine.steal import StealOdds, steal_odds
from games.engine.win_expectancy import INNINGS, league_table


class Personality(Enum):
    """How the AI manages: ``yolo`` steals and sends more, bunts less and leaves pitchers in longer;
    ``safe`` the reverse."""

    BALANCED = "balanced"
    YOLO = "yolo"
    SAFE = "safe"


@dataclass(frozen=True, slots=True)
class Style:
    """A personality's thresholds."""

    steal_margin: float
    """Minimum win-expectancy gain of a steal attempt (given a jump: a steal called off for no jump changes
    nothing, RULES §8); yolo runs on slightly losing odds."""
    send: float
    """Minimum chance of being safe to send a runner."""
    take_runner: float
    """Minimum chance of an out to throw at the lead runner instead of taking the sure out at first."""
    bunt_obp: float
    """A hitter with a lower on-base chance than this may bunt (late, close)."""
    bunt_grades: str
    hit_and_run_grades: str
    ibb_gap: float
    """Minimum OBP + SLG edge of the batter over the on-deck hitter for an intentional walk."""
    pinch_gap: float
    """Minimum runs-per-PA edge of a pinch hitter."""
    starter_extra: int
    """Batters faced added to a starter's limit."""
    runs_hook: int
    """Runs in an inning that take a pitcher out."""
    infield_in_lead: int
    """Largest lead (of the fielding team) that plays the infield in late."""


STYLES: Mapping[Personality, Style] = {
    Personality.BALANCED: Style(0.0, 0.68, 0.55, 0.28, "AB", "A", 0.12, 0.02, 0, 4, 1),
    Personality.YOLO: Style(-0.002, 0.52, 0.40, 0.23, "A", "ABC", 0.09, 0.02, 5, 5, 2),
    Personality.SAFE: Style(0.012, 0.82, 0.70, 0.31, "ABC", "A", 0.16, 0.03, -4, 3, 1),
}


def tuned(style: Style, orders: StandingOrders) -> Style:
    """`style` with the thresholds the standing `orders` set: a tendency of ``less`` borrows the safe
    personality's threshold, ``more`` the yolo one's (``never`` is checked where the move is made)."""
    safe, yolo = STYLES[Personality.SAFE], STYLES[Personality.YOLO]
    cautious, bold = Tendency.LESS, Tendency.MORE
    changes: dict[str, Any] = {}
    if orders.steal in (cautious, bold):
        changes["steal_margin"] = (safe if orders.steal is cautious else yolo).steal_margin
    if orders.bunt in (cautious, bold):  # the yolo manager bunts least
        source = yolo if orders.bunt is cautious else safe
        changes |= {"bunt_obp": source.bunt_obp, "bunt_grades": source.bunt_grades}
    if orders.hit_and_run in (cautious, bold):
        changes["hit_and_run_grades"] = (safe if orders.hit_and_run is cautious else yolo).hit_and_run_grades
    if orders.intentional_walk in (cautious, bold):
        changes["ibb_gap"] = (safe if orders.intentional_walk is cautious else yolo).ibb_gap
    if orders.pinch_hit in (cautious, bold):
        changes["pinch_gap"] = (safe if orders.pinch_hit is cautious else yolo).pinch_gap
    return replace(style, **changes) if changes else style


LATE = 7
"""The first inning (of nine) counted as late."""
CONTACT_STRIKEOUTS = 0.18
"""A hitter who strikes out less often than this (per plate appearance) may hit-and-run: a failed hit-and-run
check rolls the at-bat as usual (RULES §10), so a strikeout wastes the runner's break."""


@dataclass(frozen=True, slots=True)
class AiChoice:
    """An action and the one-line reason the play log shows."""

    action: Action
    reason: str


def choose_action(
    setup: GameSetup,
    state: GameState,
    side: Side,
    personality: Personality = Personality.BALANCED,
    orders: StandingOrders = NO_ORDERS,
) -> AiChoice:
    """The AI's action for ``side`` (the side the game waits for), following the team's standing `orders`.
    Raises ValueError when the game is over, when it waits for the other side, or when a manual-mode result must
    be read from cards without numbers."""
    if state.phase is Phase.GAME_OVER:
        raise ValueError("the game is over")
    if state.actor is not side:
        raise ValueError(f"the game waits for the {state.actor.value if state.actor else 'nobody'} side")
    style = tuned(STYLES[personality], orders)
    phase = state.phase
    if phase is Phase.DEFENSE:
        return (
            _pitching_change(setup, state, style, orders)
            or _defensive_replacement(setup, state, orders)
            or _defense(setup, state, style, orders)
        )
    if phase is Phase.OFFENSE:
        pinch = _pinch_hit(setup, state, style) if orders.pinch_hit is not Tendency.NEVER else None
        return pinch or _pinch_run(setup, state) or _offense(setup, state, style, orders)
    if phase is Phase.ROLL:
        return AiChoice(Roll(), "roll")
    if phase is Phase.SEND:
        return _send(setup, state, style)
    if phase is Phase.THROW:
        return _throw(setup, state, style)
    return _submit(setup, state)


# -- matchups ------------------------------------------------------------------------------------------------

_WEIGHTS = {  # runs above an out per chance (linear weights); ballpark results count half
    "homerun": 1.4,
    "bp_homerun": 0.7,
    "triple": 1.05,
    "double_three": 0.8,
    "double_two": 0.75,
    "double_pull": 0.75,
    "double_cf": 0.8,
    "single_two": 0.5,
    "single_one": 0.45,
    "single_center": 0.45,
    "bp_single": 0.22,
    "hbp": 0.32,
    "walk": 0.3,
}
_ON_BASE = {name: 0.5 if name.startswith("bp_") else 1.0 for name in _WEIGHTS}
_BASES = {"homerun": 4.0, "bp_homerun": 2.0, "triple": 3.0, "double_three": 2.0, "double_two": 2.0}
_BASES |= {"double_pull": 2.0, "double_cf": 2.0, "single_two": 1.0, "single_one": 1.0, "single_center": 1.0}
_BASES |= {"bp_single": 0.5}
_NO_AB = ("walk", "hbp")


@dataclass(frozen=True, slots=True)
class Expectation:
    """What a batter is expected to do in one plate appearance: on-base and slugging chances and runs above
    an out (linear weights)."""

    obp: float
    slg: float
    runs: float
    strikeout: float
    power: float = 0.0
    """Total bases per plate appearance."""

    @property
    def ops(self) -> float:
        return self.obp + self.slg


def _sums(cards: Iterable[SplitCard], scale: float) -> Expectation:
    obp = bases = runs = no_ab = strikeout = 0.0
    for card in cards:
        for name, chances in card.chances:
            share = chances * scale
            obp += _ON_BASE.get(name, 0.0) * share
            bases += _BASES.get(name, 0.0) * share
            runs += _WEIGHTS.get(name, 0.0) * share
            no_ab += share if name in _NO_AB else 0.0
            strikeout += share if name == "strikeout" else 0.0
    return Expectation(obp, bases / max(1e-9, 1.0 - no_ab), runs, strikeout, bases)


def expectation(batter: BatterCard, pitcher: PitcherCard) -> Expectation:
    """The batter against this pitcher: each result's chance is (batter + pitcher chances) / 216."""
    side = batting_side(batter.hand, pitcher.hand)
    return _sums((batter.split(pitcher.hand), pitcher.split(side)), 1 / 216)


def batter_value(batter: BatterCard, pitcher_hand: Hand | None) -> Expectation:
    """The batter's own card against a pitcher's hand (None: 30 % left, 70 % right), per 108 chances."""
    if pitcher_hand is not None:
        return _sums((batter.split(pitcher_hand),), 1 / 108)
    left = _sums((batter.vs_left,), 0.3 / 108)
    right = _sums((batter.vs_right,), 0.7 / 108)
    return Expectation(
        left.obp + right.obp,
        left.slg + right.slg,
        left.runs + right.runs,
        left.strikeout + right.strikeout,
        left.power + right.power,
    )


_CACHE: dict[tuple[int, int], tuple[BatterCard, PitcherCard, Expectation]] = {}


def _matchup(setup: GameSetup, batter: str, pitcher: str) -> Expectation | None:
    bat = setup.players[batter].batting
    pit = setup.players[pitcher].pitching
    if bat is None or pit is None:
        return None
    key = (id(bat), id(pit))
    cached = _CACHE.get(key)
    if cached is None or cached[0] is not bat or cached[1] is not pit:
        if len(_CACHE) > 50_000:
            _CACHE.clear()
        cached = _CACHE[key] = (bat, pit, expectation(bat, pit))
    return cached[2]


# -- situation -----------------------------------------------------------------------------------------------


def _inning(setup: GameSetup, state: GameState) -> int:
    """The inning as if the game had nine (extra innings read as the ninth)."""
    return max(1, min(INNINGS, state.inning + INNINGS - setup.options.innings))


def _lead(state: GameState, side: Side) -> int:
    away, home = state.score
    return home - away if side is Side.HOME else away - home


def _late(setup: GameSetup, state: GameState) -> bool:
    return _inning(setup, state) >= LATE


Bases = tuple[bool, bool, bool]


def _occupied(state: GameState) -> Bases:
    b1, b2, b3 = state.bases
    return (b1 is not None, b2 is not None, b3 is not None)


def _mask(bases: Bases) -> int:
    return int(bases[0]) | int(bases[1]) << 1 | int(bases[2]) << 2


def _batting_we(setup: GameSetup, state: GameState, outs: int, bases: Bases, runs: int) -> float:
    """The batting team's win expectancy if the play left ``outs``, ``bases`` and scored ``runs``."""
    table = league_table(setup.options.win_table)
    inning = _inning(setup, state)
    sign = 1 if state.half is Half.BOTTOM else -1
    diff = state.score[1] - state.score[0] + sign * runs
    if outs < 3:
        home = table.home(inning, state.half, outs, _mask(bases), diff)
    elif state.half is Half.TOP:
        home = 1.0 if inning >= INNINGS and diff > 0 else table.home(inning, Half.BOTTOM, 0, 0, diff)
    elif inning >= INNINGS and diff != 0:
        home = 1.0 if diff > 0 else 0.0
    else:
        home = table.home(min(INNINGS, inning + 1), Half.TOP, 0, 0, diff)
    return home if state.half is Half.BOTTOM else 1.0 - home


def _pct(value: float) -> str:
    return f"{value:.0%}"


def _rate(value: float) -> str:
    return f"{value:.3f}".lstrip("0")


# -- steals (§8) ---------------------------------------------------------------------------------------------


def _steal_gain(setup: GameSetup, state: GameState, steal: tuple[Base, ...]) -> tuple[float, StealOdds]:
    """The win-expectancy gain of a steal call given that it is not called off (a runner without a jump may be
    sent again), and its odds."""
    lead_base = max(steal)
    runner = state.runner(lead_base)
    assert runner is not None
    odds = steal_odds(setup, state, runner, lead_base, lead_base in state.defense.hold)
    bases = _occupied(state)
    outs = state.outs

    def moved(which: Iterable[int], out: int | None) -> tuple[Bases, int]:
        occupied = [bases[0], bases[1], bases[2], False]
        runs = 0
        if out is not None:
            occupied[out - 1] = False
        for base in sorted(which, reverse=True):
            occupied[base - 1] = False
            if base == 3:
                runs += 1
            else:
                occupied[base] = True
        return (occupied[0], occupied[1], occupied[2]), runs

    now = _batting_we(setup, state, outs, bases, 0)
    sb_bases, _ = moved(steal, None)
    cs_bases, _ = moved([b for b in steal if b != lead_base], lead_base)
    balk_bases, balk_runs = moved([b for b in (1, 2, 3) if bases[b - 1]], None)
    gain = (
        odds.safe * (_batting_we(setup, state, outs, sb_bases, 0) - now)
        + odds.out * (_batting_we(setup, state, outs + 1, cs_bases, 0) - now)
        + odds.balk * (_batting_we(setup, state, outs, balk_bases, balk_runs) - now)
    )
    return gain / max(1e-9, 1.0 - odds.off), odds


def _steal_options(state: GameState) -> list[tuple[Base, ...]]:
    """Steal calls the AI weighs: only to an open base (RULES §8)."""
    b1, b2, b3 = _occupied(state)
    options: list[tuple[Base, ...]] = []
    if b1 and not b2:
        options.append((Base.FIRST,))
    if b2 and not b3:
        options.append((Base.SECOND,))
        if b1:
            options.append((Base.FIRST, Base.SECOND))
    return options


def _best_steal(setup: GameSetup, state: GameState, style: Style) -> AiChoice | None:
    best: tuple[float, tuple[Base, ...], StealOdds] | None = None
    for steal in _steal_options(state):
        gain, odds = _steal_gain(setup, state, steal)
        if gain > style.steal_margin and (best is None or gain > best[0]):
            best = (gain, steal, odds)
    if best is None:
        return None
    gain, steal, odds = best
    what = "double steal" if len(steal) == 2 else f"steal: {Base(max(steal)).label}"
    reason = f"{what}, {_pct(odds.lead)} jump, {_pct(odds.roll)} safe with a jump, WE {gain:+.3f}"
    return AiChoice(OffenseDecision(steal=steal), reason)


# -- defense (§9) and pitching changes (§11, §12) ------------------------------------------------------------


def _defense(setup: GameSetup, state: GameState, style: Style, orders: StandingOrders) -> AiChoice:
    walk = _intentional_walk(setup, state, style) if orders.intentional_walk is not Tendency.NEVER else None
    if walk is not None:
        return walk
    reasons: list[str] = []
    infield = InfieldDepth.NORMAL
    lead = _lead(state, state.fielding_side)
    third = state.bases[2] is not None and state.outs < 2
    if orders.infield is InfieldPolicy.NEVER:
        pass
    elif third and orders.infield is InfieldPolicy.RUNNER_ON_THIRD:
        infield = InfieldDepth.IN
        reasons.append("infield in: standing orders with a runner on third")
    elif third and _late(setup, state) and 0 <= lead <= style.infield_in_lead:
        infield = InfieldDepth.IN
        reasons.append(f"infield in: the run on third {'ties' if lead == 1 else 'decides'} it late")
    elif _bunt_reason(setup, state, STYLES[Personality.BALANCED]) is not None:
        infield = InfieldDepth.CORNERS_IN
        reasons.append("corners in: bunt threat")
    hold: list[Base] = []
    for base in (Base.FIRST, Base.SECOND):
        runner = state.runner(base)
        if runner is None or state.runner(Base(base + 1)) is not None or orders.hold is HoldPolicy.NEVER:
            continue
        if orders.hold is HoldPolicy.ALWAYS:
            hold.append(base)
            reasons.append(f"hold {base.label}: standing orders")
            continue
        card = setup.players[runner].batting
        odds = steal_odds(setup, state, runner, base, held=False)
        if card is not None and card.steal_auto and odds.roll >= 0.5:
            hold.append(base)
            reasons.append(f"hold {base.label}: steal threat ({_pct(odds.roll)} safe)")
    reason = "; ".join(reasons) or "normal depth, pitch to him"
    return AiChoice(DefenseDecision(infield=infield, hold=tuple(hold)), reason)


def _intentional_walk(setup: GameSetup, state: GameState, style: Style) -> AiChoice | None:
    if state.bases[0] is not None or (state.bases[1] is None and state.bases[2] is None):
        return None
    team = state.batting
    on_deck = team.lineup[(team.batter_index + 1) % 9].player
    batter = _matchup(setup, state.batter, state.pitcher)
    following = _matchup(setup, on_deck, state.pitcher)
    if batter is None or following is None or batter.ops - following.ops < style.ibb_gap:
        return None
    reason = f"IBB: open base, {_rate(batter.obp)} OBP batter, {_rate(following.obp)} on deck"
    return AiChoice(DefenseDecision(intentional_walk=True), reason)


def _available_pitchers(setup: GameSetup, state: GameState, side: Side) -> list[str]:
    team = state.team(side)
    in_lineup = {slot.player for slot in team.lineup}
    auto = setup.options.resolution is ResolutionMode.AUTO
    return [
        pid
        for pid in setup.team(side).bullpen
        if pid not in team.pitched
        and pid not in team.removed
        and pid not in in_lineup
        and pid != team.pitcher
        and (setup.players[pid].pitching is not None or not auto)
    ]


_QUALITY: dict[int, tuple[PitcherCard, float]] = {}


def _pitcher_quality(player: Player) -> float:
    """Runs above outs a pitcher's own card allows per chance (40 % vs LHB, 60 % vs RHB); lower is better."""
    card = player.pitching
    if card is None:
        return 1.0
    cached = _QUALITY.get(id(card))
    if cached is None or cached[0] is not card:
        if len(_QUALITY) > 10_000:
            _QUALITY.clear()
        value = 0.4 * _sums((card.vs_left,), 1 / 108).runs + 0.6 * _sums((card.vs_right,), 1 / 108).runs
        cached = _QUALITY[id(card)] = (card, value)
    return cached[1]


def _pitching_change(setup: GameSetup, state: GameState, style: Style, orders: StandingOrders) -> AiChoice | None:
    side = state.fielding_side
    team = state.fielding
    card = setup.players[team.pitcher].pitching
    lead = _lead(state, side)
    reason = None
    allowed = choices(state)
    if allowed.must_change:
        reason = "the rules require a new pitcher"
    elif team.pitcher in team.removed:
        reason = "the pitcher has left the game"
    elif _inning(setup, state) < orders.relieve_from_inning:
        return None
    elif card is not None and team.pitcher == setup.team(side).pitcher:
        limit = 4 * ((card.starter_rating or 5) + 1) + style.starter_extra
        if team.pitcher_batters_faced >= limit:
            reason = f"starter tired: {team.pitcher_batters_faced} batters faced"
    elif card is not None and team.pitcher_outs >= 3 * (card.relief_rating or 1) + max(0, style.starter_extra // 3):
        reason = f"reliever done: {team.pitcher_outs} outs recorded"
    if reason is None and team.pitcher_runs_inning >= style.runs_hook:
        reason = f"{team.pitcher_runs_inning} runs this inning"
    if reason is None and team.pitcher_baserunners_inning >= 4 and _late(setup, state) and 0 <= lead <= 3:
        reason = f"{team.pitcher_baserunners_inning} baserunners this inning, late and close"
    save_spot = _inning(setup, state) >= INNINGS and 1 <= lead <= 3 and state.outs == 0 and not any(state.bases)
    if reason is None and not (save_spot and not (card and card.closer_rating)):
        return None
    available = list(allowed.pitchers) if allowed.must_change else _available_pitchers(setup, state, side)
    if not available:
        if team.pitcher in team.removed:
            return AiChoice(Forfeit(side), "forfeit: the pitcher has left the game and nobody is left to pitch")
        return None
    if orders.closer:
        closers = [pid for pid in available if pid == orders.closer]
    else:
        closers = [pid for pid in available if (c := setup.players[pid].pitching) and c.closer_rating]
    if reason is None:
        if not closers:
            return None
        reason = f"save situation: {lead}-run lead in the ninth"
        pool = closers
    else:
        pool = [pid for pid in available if pid not in closers] or available
    specialist = orders.left_specialist
    if specialist in pool and _late(setup, state) and _bats_left(setup, state.batter):
        pool = [specialist]
        reason += "; the left-handed specialist for a left-handed batter"
    pick = min(pool, key=lambda pid: _pitcher_quality(setup.players[pid]))
    name = setup.players[pick].name
    switch = _double_switch(setup, state, pick)
    if switch is not None:
        action, text = switch
        return AiChoice(action, f"pitching change to {name}: {reason}; {text}")
    return AiChoice(PitchingChange(side, pick), f"pitching change to {name}: {reason}")


def _bats_left(setup: GameSetup, batter: str) -> bool:
    player = setup.players[batter]
    hand = player.batting.hand if player.batting is not None else player.bats
    return hand is Hand.LEFT


# -- defensive moves (§12) ----------------------------------------------------------------------------------

DEFENSIVE_GAIN = 1.5
"""How much better (in :func:`fielding_value` units) a bench glove must be to replace a fielder late in a
close game the team leads."""
DUE_SOON = 2
"""A double switch is made when the pitcher's slot would bat within this many batters of his team's turn."""


def _bench(setup: GameSetup, state: GameState, side: Side) -> list[str]:
    team = state.team(side)
    in_game = {slot.player for slot in team.lineup} | {team.pitcher}
    auto = setup.options.resolution is ResolutionMode.AUTO
    return [
        pid
        for pid in setup.team(side).bench
        if pid not in team.removed and pid not in in_game and (setup.players[pid].batting is not None or not auto)
    ]


def _glove(setup: GameSetup, player: str, position: Position) -> float:
    """:func:`fielding_value` of the ratings he would play ``position`` with (out of position where unrated;
    an unrated card counts as league average)."""
    rating = setup.players[player].fielder(position, out_of_position=setup.options.out_of_position)
    return 1.5 * (3 - rating.range) - 0.1 * rating.error


def _defensive_replacement(setup: GameSetup, state: GameState, orders: StandingOrders) -> AiChoice | None:
    """A bench player rated at a position replaces a fielder playing it out of position (any time), or a much
    weaker glove in the eighth or later with a lead of one to three runs; a backup the depth chart lists at the
    position comes before anyone unlisted, in its order."""
    side = state.fielding_side
    team = state.fielding
    if team.must_change or team.pitcher in team.removed:
        return None
    bench = _bench(setup, state, side)
    if not bench:
        return None
    late_lead = _inning(setup, state) >= INNINGS - 1 and 1 <= _lead(state, side) <= 3
    best: tuple[tuple[bool, int, float], str, str, Position] | None = None
    for slot in team.lineup:
        if slot.position in (Position.P, Position.DH):
            continue
        out_of_position = setup.options.out_of_position and setup.players[slot.player].out_of_position(slot.position)
        if not (out_of_position or late_lead):
            continue
        now = _glove(setup, slot.player, slot.position)
        listed = orders.backups(slot.position)
        for pid in bench:
            if slot.position not in setup.players[pid].fielding:
                continue
            gain = _glove(setup, pid, slot.position) - now
            if gain <= (0.0 if out_of_position else DEFENSIVE_GAIN):
                continue
            rank = (pid in listed, -listed.index(pid) if pid in listed else 0, gain)
            if best is None or rank > best[0]:
                best = (rank, slot.player, pid, slot.position)
    if best is None:
        return None
    (listed_first, _, _), out, pid, position = best
    name, old = setup.players[pid].name, setup.players[out].name
    why = "out of position" if setup.players[out].out_of_position(position) else "a better glove, late with the lead"
    if listed_first:
        why += " (the depth chart's backup)"
    return AiChoice(Substitute(side, out, pid), f"defensive replacement {name} for {old} at {position.value}: {why}")


def _double_switch(setup: GameSetup, state: GameState, pitcher: str) -> tuple[DoubleSwitch, str] | None:
    """Without the DH, late: when the pitcher's slot is due up soon, the new pitcher takes the slot of a
    fielder due up late and a bench player rated at that fielder's position takes the pitcher's slot."""
    side = state.fielding_side
    team = state.fielding
    if setup.options.dh or not _late(setup, state):
        return None
    p_index = next((i for i, slot in enumerate(team.lineup) if slot.position is Position.P), None)
    if p_index is None or (p_index - team.batter_index) % 9 > DUE_SOON:
        return None
    bench = _bench(setup, state, side)
    best: tuple[int, float, int, str] | None = None
    for index, slot in enumerate(team.lineup):
        due = (index - team.batter_index) % 9
        if index == p_index or slot.position is Position.DH or due < 9 - DUE_SOON - 2:
            continue
        for pid in bench:
            if slot.position not in setup.players[pid].fielding:
                continue
            glove = _glove(setup, pid, slot.position)
            if glove < _glove(setup, slot.player, slot.position) - DEFENSIVE_GAIN:
                continue
            if best is None or (due, glove) > (best[0], best[1]):
                best = (due, glove, index, pid)
    if best is None:
        return None
    _, _, index, pid = best
    out = team.lineup[index].player
    text = (
        f"double switch: {setup.players[pid].name} plays {team.lineup[index].position.value} and bats in the "
        f"pitcher's slot, due up soon; {setup.players[out].name} leaves"
    )
    return DoubleSwitch(side, pitcher, out, pid), text


# -- offense (§10) and pinch hitters (§12) ------------------------------------------------------------------


def _batting_position(team: TeamState) -> Position:
    return team.lineup[team.batter_index].position


def _bunt_reason(setup: GameSetup, state: GameState, style: Style) -> str | None:
    b1, b2, b3 = _occupied(state)
    if not (b1 or b2) or b3 or state.outs >= 2:
        return None
    card = setup.players[state.batter].batting
    grade = card.bunting if card else "C"
    if _batting_position(state.batting) is Position.P and style.bunt_grades != "A":
        return f"sacrifice bunt: the pitcher bats with a runner on, {state.outs} out"
    if state.outs or not _late(setup, state) or not -1 <= _lead(state, state.batting_side) <= 0:
        return None
    batter = _matchup(setup, state.batter, state.pitcher)
    if batter is None or batter.obp >= style.bunt_obp or grade not in style.bunt_grades:
        return None
    return f"sacrifice bunt: late and close, {_rate(batter.obp)} OBP hitter, bunting {grade}"


def _offense(setup: GameSetup, state: GameState, style: Style, orders: StandingOrders) -> AiChoice:
    bunt = _bunt_reason(setup, state, style) if orders.bunt is not Tendency.NEVER else None
    if bunt is not None:
        return AiChoice(OffenseDecision(bunt=True), bunt)
    steal = _best_steal(setup, state, style) if orders.steal is not Tendency.NEVER else None
    if steal is not None:
        return steal
    if orders.hit_and_run is Tendency.NEVER:
        return AiChoice(OffenseDecision(), "swing away")
    b1, b2, _ = _occupied(state)
    card = setup.players[state.batter].batting
    grade = card.hit_and_run if card is not None else "C"
    batter = _matchup(setup, state.batter, state.pitcher)
    contact = batter is not None and batter.strikeout < CONTACT_STRIKEOUTS
    if b1 and not b2 and state.outs < 2 and grade in style.hit_and_run_grades and contact and batter is not None:
        reason = f"hit-and-run: {grade} grade, {_pct(batter.strikeout)} strikeouts"
        return AiChoice(OffenseDecision(hit_and_run=True), reason)
    return AiChoice(OffenseDecision(), "swing away")


def _pinch_hit(setup: GameSetup, state: GameState, style: Style) -> AiChoice | None:
    side = state.batting_side
    team = state.batting
    if not _late(setup, state) or abs(_lead(state, side)) > 3:
        return None
    current = state.batter
    position = _batting_position(team)
    if position is Position.P and not _available_pitchers(setup, state, side):
        return None
    now = _matchup(setup, current, state.pitcher)
    if now is None:
        return None
    in_game = {slot.player for slot in team.lineup} | {team.pitcher}
    best: tuple[float, str] | None = None
    for pid in setup.team(side).bench:
        player = setup.players[pid]
        if pid in team.removed or pid in in_game or player.batting is None:
            continue
        if position not in (Position.DH, Position.P) and position not in player.fielding:
            continue
        value = _matchup(setup, pid, state.pitcher)
        if value is not None and value.runs - now.runs >= style.pinch_gap and (best is None or value.runs > best[0]):
            best = (value.runs, pid)
    if best is None:
        return None
    runs, pid = best
    name, old = setup.players[pid].name, setup.players[current].name
    reason = f"pinch hitter {name} for {old}: {runs:.3f} runs/PA vs {now.runs:.3f} against this pitcher"
    return AiChoice(Substitute(side, current, pid), reason)


def _pinch_run(setup: GameSetup, state: GameState) -> AiChoice | None:
    """A fast bench player runs for a slow runner carrying the tying or winning run in the ninth or later."""
    side = state.batting_side
    team = state.batting
    deficit = -_lead(state, side)
    if _inning(setup, state) < INNINGS or not 0 <= deficit <= 1:
        return None
    in_game = {slot.player for slot in team.lineup} | {team.pitcher}
    bench = [
        pid
        for pid in setup.team(side).bench
        if pid not in team.removed and pid not in in_game and setup.players[pid].batting is not None
    ]
    if not bench:
        return None
    fastest = max(bench, key=lambda pid: setup.players[pid].running)
    speed = setup.players[fastest].running
    runners = [pid for pid in reversed(state.bases) if pid is not None]
    for runner in runners[: deficit + 1]:
        slot = next((s for s in team.lineup if s.player == runner), None)
        if slot is None or slot.position in (Position.P, Position.C):
            continue
        if speed - setup.players[runner].running >= 5:
            name, old = setup.players[fastest].name, setup.players[runner].name
            reason = f"pinch runner {name} for {old}: running {speed} vs {setup.players[runner].running}"
            return AiChoice(Substitute(side, runner, fastest), reason)
    return None


# -- running decisions (§4.4, §5.3) --------------------------------------------------------------------------


def _runner_from(pending: Pending, base: Base) -> str | None:
    for pid, start in pending.draft.origin:
        if start == base:
            return pid
    return None


def _safe_chance(setup: GameSetup, state: GameState, pending: Pending, runner: str | None) -> float:
    """The speed check's chance of safe (RULES §5.3): d20 ≤ running + outfielder's arm (+2 with two outs)."""
    if runner is None:
        return 0.0
    fielder = pending.draft.fielder
    arm = 0
    if fielder is not None and fielder.is_outfield:
        arm = (
            setup.players[state.fielding.at(fielder)]
            .fielder(fielder, out_of_position=setup.options.out_of_position)
            .arm
        )
    number = setup.players[runner].running + arm + (2 if state.outs == 2 else 0)
    return (1 + max(0, min(18, number - 1))) / 20


def _send(setup: GameSetup, state: GameState, style: Style) -> AiChoice:
    pending = state.pending
    assert isinstance(pending, Pending)
    lead, *trailing = pending.candidates
    threshold = style.send - (0.15 if pending.kind is PromptKind.GROUNDBALL_12 else 0.0)
    runner = _runner_from(pending, lead)
    at_third = runner is not None and runner in pending.draft.bases and pending.draft.bases.index(runner) == 2
    if at_third:
        threshold -= 0.1 if pending.draft.outs >= 2 else 0.05
    chance = _safe_chance(setup, state, pending, runner)
    if chance < threshold:
        return AiChoice(Decide(send=()), f"hold {lead.label}: {_pct(chance)} safe is below {_pct(threshold)}")
    sent = [lead]
    for base in trailing:
        if _safe_chance(setup, state, pending, _runner_from(pending, base)) >= threshold + 0.1:
            sent.append(base)
    who = " and ".join(base.label for base in sent)
    return AiChoice(Decide(send=tuple(sent)), f"send {who}: {_pct(chance)} safe")


def _throw(setup: GameSetup, state: GameState, style: Style) -> AiChoice:
    pending = state.pending
    assert isinstance(pending, Pending)
    chances = {base: _safe_chance(setup, state, pending, _runner_from(pending, base)) for base in pending.sent}
    if pending.kind is PromptKind.GROUNDBALL_12:
        lead = pending.sent[0]
        out = 1 - chances[lead]
        if out < style.take_runner:
            return AiChoice(Decide(throw=False), f"take the out at first: {_pct(out)} to get {lead.label}")
        return AiChoice(Decide(throw=True, at=lead), f"throw at {lead.label}: {_pct(out)} to get him")
    lead = pending.sent[0]
    target = max(pending.sent, key=lambda base: (1 - chances[base]) * (1.5 if base == lead else 1.0))
    return AiChoice(Decide(throw=True, at=target), f"throw at {target.label}: {_pct(1 - chances[target])} to get him")


# -- manual mode ---------------------------------------------------------------------------------------------


def _submit(setup: GameSetup, state: GameState) -> AiChoice:
    assert isinstance(state.pending, PendingRoll)
    if setup.players[state.batter].batting is None or setup.players[state.pitcher].pitching is None:
        raise ValueError("the AI reads only cards with numeric ratings")
    action = card_result(setup, state)
    where = f" to {action.fielder.value}" if action.fielder is not None else ""
    return AiChoice(action, f"the card reads {action.outcome.value}{where}")


# -- lineups -------------------------------------------------------------------------------------------------

FIELD_ORDER = (
    Position.C,
    Position.SHORTSTOP,
    Position.SECOND_BASE,
    Position.CENTER_FIELD,
    Position.THIRD_BASE,
    Position.RIGHT_FIELD,
    Position.LEFT_FIELD,
    Position.FIRST_BASE,
)
"""Positions filled scarcest first."""


@dataclass(frozen=True, slots=True)
class LineupChoice:
    """A batting order of nine (the pitcher's slot given as ``pitcher`` when he bats) and the reason."""

    lineup: tuple[LineupSlot, ...]
    reason: str


def fielding_value(player: Player, position: Position) -> float | None:
    """Credit for a player's defense at ``position`` (runs-per-108-like); None where he has no rating."""
    rating = player.fielding.get(position)
    if rating is None:
        return None
    return 1.5 * (3 - rating.range) - 0.1 * rating.error


def batting_order(hitters: Sequence[Player], pitcher_hand: Hand | None) -> list[Player]:
    """Leadoff: the best on-base man of the six best hitters; second: the best hitter left; third and fourth:
    the most power left; then by value."""
    values = {p.id: _hitter(p, pitcher_hand) for p in hitters}
    by_value = sorted(hitters, key=lambda p: values[p.id].runs, reverse=True)
    leadoff = max(by_value[:6], key=lambda p: values[p.id].obp)
    rest = [p for p in by_value if p is not leadoff]
    second = rest.pop(0)
    sluggers = sorted(rest, key=lambda p: values[p.id].power, reverse=True)[:2]
    rest = [p for p in rest if p not in sluggers]
    return [leadoff, second, *sluggers, *rest]


def _hitter(player: Player, pitcher_hand: Hand | None) -> Expectation:
    if player.batting is None:
        return Expectation(0.0, 0.0, -1.0, 0.0)
    return batter_value(player.batting, pitcher_hand)


def choose_lineup(
    hitters: Sequence[Player], options: RuleOptions, pitcher_hand: Hand | None = None, pitcher: str | None = None
) -> LineupChoice:
    """A valid nine from ``hitters`` against a pitcher throwing ``pitcher_hand`` (None: the usual 30/70 mix):
    the best player at each position (hitting plus fielding, scarce positions first), the best remaining hitter
    at DH (with the DH) and an order by on-base and power. Without the DH ``pitcher`` bats ninth at P.
    Raises ValueError when there are too few hitters."""
    need = 9 if options.dh else 8
    if len(hitters) < need:
        raise ValueError(f"a lineup needs {need} position players, got {len(hitters)}")
    if not options.dh and pitcher is None:
        raise ValueError("without the DH the starting pitcher must be given")
    values = {p.id: _hitter(p, pitcher_hand).runs * 108 for p in hitters}
    chosen: dict[Position, Player] = {}
    for position in FIELD_ORDER:
        free = [p for p in hitters if p not in chosen.values()]
        scored = [(value, p) for p in free if (value := fielding_value(p, position)) is not None]
        pool = scored or [(-5.0, p) for p in free]
        chosen[position] = max(pool, key=lambda item: item[0] + values[item[1].id])[1]
    if options.dh:
        free = [p for p in hitters if p not in chosen.values()]
        chosen[Position.DH] = max(free, key=lambda p: values[p.id])
    position_of = {p.id: position for position, p in chosen.items()}
    order = batting_order(list(chosen.values()), pitcher_hand)
    lineup = [LineupSlot(p.id, position_of[p.id]) for p in order]
    if not options.dh:
        assert pitcher is not None
        lineup.append(LineupSlot(pitcher, Position.P))
    against = {Hand.LEFT: "a left-hander", Hand.RIGHT: "a right-hander", None: "any pitcher"}[pitcher_hand]
    top = order[0]
    obp = _rate(_hitter(top, pitcher_hand).obp)
    reason = f"best hitter-fielders by position vs {against}; {top.name} leads off ({obp} OBP)"
    return LineupChoice(tuple(lineup), reason)


def ai_chooser(home: Personality = Personality.BALANCED, away: Personality = Personality.BALANCED) -> Chooser:
    """A :data:`~games.engine.simulation.Chooser` with the AI managing both sides."""

    def choose(setup: GameSetup, state: GameState) -> Action:
        side = state.actor
        assert side is not None
        return choose_action(setup, state, side, home if side is Side.HOME else away).action

    return choose
