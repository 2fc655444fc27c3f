"""Applying actions to a game: ``apply(setup, state, action, dice) -> Step(state, events, rolls)``.

>>> from games.engine.scenarios import demo_setup
>>> from games.engine.dice import SeededDice
>>> setup = demo_setup()
>>> state = new_game(setup)
>>> dice = SeededDice(7)
>>> while not state.game_over:
...     state = apply(setup, state, defaults_for(state), dice).state
>>> state.winner is not None
True
"""

from __future__ import annotations

from typing import NamedTuple

from games.engine.actions import (
    Action,
    Decide,
    DefenseDecision,
    DoubleSwitch,
    Forfeit,
    IllegalDecision,
    IllegalOutcome,
    OffenseDecision,
    PitchingChange,
    Roll,
    SubmitOutcome,
    Substitute,
    SwapPositions,
    WrongPhase,
)
from games.engine.choices import can_bunt, can_hit_and_run, can_play_in, steal_calls
from games.engine.dice import Dice, RecordingDice, Rolls
from games.engine.enums import (
    FLYBALLS,
    GROUNDBALLS,
    Base,
    Half,
    InfieldDepth,
    InjuryResult,
    Outcome,
    Phase,
    PlayType,
    Position,
    ResolutionMode,
    RollName,
    Side,
)
from games.engine.fatigue import (
    INJURY_COLUMN,
    change_needed,
    checked,
    injury_rating_for,
    injury_text,
    read_injury,
    relief,
    starting_inning,
    tired,
)
from games.engine.lineup import HURT, double_switch, pitching_change, substitute, swap_positions
from games.engine.play import STAT_FIELDS, Event, Injury, Movement, Notice, NoticeKind, Play, PromptKind, StatLine
from games.engine.reading import entered_mismatch, read_card
from games.engine.resolve import (
    Builder,
    Prompt,
    answer_prompt,
    bunt,
    hit_and_run_single,
    resolve_outcome,
    steal,
    wild_pitch_or_passed_ball,
)
from games.engine.slots import constructor, evolver
from games.engine.slots import evolve as replace
from games.engine.state import (
    NO_DEFENSE_DECISION,
    NO_OFFENSE_DECISION,
    GameSetup,
    GameState,
    Pending,
    PendingRoll,
    TeamState,
    new_game,
)
from games.engine.tables import RUN_EXPECTANCY

__all__ = ["Step", "apply", "defaults_for", "new_game"]


class Step(NamedTuple):
    """The result of one action: the new state, the events it produced, and every die it rolled."""

    state: GameState
    events: tuple[Event, ...]
    rolls: Rolls


_PHASE_ACTIONS: dict[Phase, type] = {
    Phase.DEFENSE: DefenseDecision,
    Phase.OFFENSE: OffenseDecision,
    Phase.ROLL: Roll,
    Phase.SUBMIT_OUTCOME: SubmitOutcome,
    Phase.SEND: Decide,
    Phase.THROW: Decide,
}
_PHASE_WANTS = {
    Phase.DEFENSE: "the defense's decisions",
    Phase.OFFENSE: "the offense's decisions",
    Phase.ROLL: "the roll",
    Phase.SUBMIT_OUTCOME: "the card result under the dice",
    Phase.SEND: "the offense's running decision",
    Phase.THROW: "the defense's throw decision",
}
_AT_BAT_TYPES = frozenset({PlayType.AT_BAT, PlayType.INTENTIONAL_WALK, PlayType.SACRIFICE_BUNT})
_evolve_state = evolver(GameState)
_evolve_team = evolver(TeamState)


def apply(setup: GameSetup, state: GameState, action: Action, dice: Dice) -> Step:
    """Apply ``action`` to ``state``. Raises an :class:`~games.engine.actions.IllegalAction` (a ValueError
    with a readable message) and changes nothing when the action is not allowed now."""
    phase = state.phase
    if type(action) is Roll and phase is Phase.ROLL:
        return _roll(setup, state, RecordingDice(dice))
    if phase is Phase.GAME_OVER:
        raise WrongPhase("the game is over")
    if isinstance(action, Forfeit):
        return _forfeit(state, action)
    if isinstance(action, PitchingChange):
        new, notice = pitching_change(setup, state, action)
        return Step(new, (notice,), ())
    if isinstance(action, Substitute):
        new, notice = substitute(setup, state, action)
        return Step(new, (notice,), ())
    if isinstance(action, SwapPositions):
        new, notice = swap_positions(setup, state, action)
        return Step(new, (notice,), ())
    if isinstance(action, DoubleSwitch):
        new, notice = double_switch(setup, state, action)
        return Step(new, (notice,), ())
    expected = _PHASE_ACTIONS[state.phase]
    if not isinstance(action, expected):
        raise WrongPhase(f"the game waits for {_PHASE_WANTS[state.phase]}, not {type(action).__name__}")
    if isinstance(action, DefenseDecision):
        return _defense(setup, state, action, dice)
    if isinstance(action, OffenseDecision):
        _check_offense(state, action)
        return Step(_evolve_state(state, offense=action, phase=Phase.ROLL), (), ())
    if isinstance(action, Roll):
        return _roll(setup, state, RecordingDice(dice))
    if isinstance(action, SubmitOutcome):
        return _submit(setup, state, action, RecordingDice(dice))
    assert isinstance(action, Decide)
    return _decide(setup, state, action, RecordingDice(dice))


def defaults_for(state: GameState) -> Action:
    """The action taken when the side to act lets its decision window run out (or an AI with no opinion):
    normal depth, no holds, no steal, swing away, roll, do not send, throw; when the pitcher must be replaced
    (RULES §11), the first pitcher of the bullpen who may still come in. Manual submissions have none."""
    phase = state.phase
    if phase is Phase.DEFENSE:
        if change_needed(state):
            pitcher = relief(state.fielding)
            if pitcher is not None:
                return PitchingChange(state.fielding_side, pitcher)
        return NO_DEFENSE_DECISION
    if phase is Phase.OFFENSE:
        return NO_OFFENSE_DECISION
    if phase is Phase.ROLL:
        return Roll()
    if phase is Phase.SEND:
        return Decide(send=())
    if phase is Phase.THROW:
        return Decide(throw=True)
    if phase is Phase.SUBMIT_OUTCOME:
        raise WrongPhase("a card result must be submitted; it has no default")
    raise WrongPhase("the game is over")


# -- decisions -----------------------------------------------------------------------------------------------


def _forfeit(state: GameState, action: Forfeit) -> Step:
    winner = action.side.other
    new = _evolve_state(state, phase=Phase.GAME_OVER, winner=winner, pending=None, plays=state.plays + 1)
    return Step(new, (Notice(NoticeKind.FORFEIT, f"the {action.side.value} team forfeits; {winner.value} wins"),), ())


def _defense(setup: GameSetup, state: GameState, action: DefenseDecision, dice: Dice) -> Step:
    reason = change_needed(state)
    if reason:
        raise IllegalDecision(reason)
    if action.infield is InfieldDepth.IN and not can_play_in(state):
        raise IllegalDecision("the infield can play in only with a runner on third and fewer than two outs")
    if len(set(action.hold)) != len(action.hold):
        raise IllegalDecision("a runner is held twice")
    for base in action.hold:
        if base is Base.THIRD:
            raise IllegalDecision("only the runners on first and second can be held")
        if state.runner(base) is None:
            raise IllegalDecision(f"no runner on {'first' if base is Base.FIRST else 'second'} to hold")
    if not action.intentional_walk:
        return Step(_evolve_state(state, defense=action, phase=Phase.OFFENSE), (), ())
    state = _evolve_state(state, defense=action)
    builder = Builder(setup, state, RecordingDice(dice), PlayType.INTENTIONAL_WALK)
    resolve_outcome(builder, Outcome.INTENTIONAL_WALK, None)
    return _finish(setup, state, builder)


def _check_offense(state: GameState, action: OffenseDecision) -> None:
    steals = set(action.steal)
    if len(steals) != len(action.steal):
        raise IllegalDecision("a runner is sent twice")
    for base in steals:
        if base is Base.THIRD:
            raise IllegalDecision("a runner on third cannot steal home")
        if state.runner(base) is None:
            raise IllegalDecision(f"no runner on {'first' if base is Base.FIRST else 'second'} to steal")
    if steals and tuple(sorted(steals, reverse=True)) not in steal_calls(state):
        raise IllegalDecision("a runner can steal only an open base")
    if action.bunt:
        if not can_bunt(state):
            raise IllegalDecision("a sacrifice bunt needs runners on base and fewer than two outs")
        if steals or action.hit_and_run:
            raise IllegalDecision("a bunt cannot be combined with a steal or a hit-and-run")
    if action.hit_and_run:
        if not can_hit_and_run(state):
            raise IllegalDecision("the hit-and-run needs a runner on first and fewer than two outs")
        if steals:
            raise IllegalDecision("a hit-and-run cannot be combined with a steal")


# -- rolls ---------------------------------------------------------------------------------------------------


def _roll(setup: GameSetup, state: GameState, dice: RecordingDice) -> Step:
    fielding = state.fielding
    if (fielding.must_change or fielding.pitcher in fielding.removed) and (reason := change_needed(state)):
        raise IllegalDecision(reason)
    offense = state.offense
    if offense.steal:
        builder = Builder(setup, state, dice)
        steal(builder, offense.steal)
        return _finish(setup, state, builder)
    if offense.bunt:
        builder = Builder(setup, state, dice)
        bunt(builder)
        return _finish(setup, state, builder)
    builder = Builder(setup, state, dice)
    if offense.hit_and_run and hit_and_run_single(builder):
        return _finish(setup, state, builder)
    if any(state.bases):
        chaos = dice.roll(RollName.CHAOS)
        if chaos == 1:
            pitcher = setup.players[state.pitcher].pitching
            if dice.roll(RollName.CHECK) <= (pitcher.wild_pitch if pitcher else 0):
                wild_pitch_or_passed_ball(builder, passed_ball=False)
                return _finish(setup, state, builder)
        elif chaos == 2 and dice.roll(RollName.CHECK) <= builder.rating(Position.C).passed_ball:
            wild_pitch_or_passed_ball(builder, passed_ball=True)
            return _finish(setup, state, builder)
    column = dice.roll(RollName.COLUMN)
    row = dice.pair(RollName.ROW)
    split = dice.roll(RollName.SPLIT)
    if setup.options.resolution is ResolutionMode.MANUAL:
        pending = PendingRoll(column, row, split, dice.rolls)
        text = f"column {column}, row {row[0]}+{row[1]}, split {split}: " + (
            "read the batter's card" if column <= 3 else "read the pitcher's card"
        )
        new = _evolve_state(state, phase=Phase.SUBMIT_OUTCOME, pending=pending)
        return Step(new, (Notice(NoticeKind.DICE, text, dice.rolls),), dice.rolls)
    result = read_card(setup, state, column, row, split)
    return _resolve(setup, state, builder, result.outcome, result.fielder)


_TO_OUTFIELD = FLYBALLS | {Outcome.DOUBLE_2, Outcome.DOUBLE_UNCAPPED, Outcome.SINGLE_UNCAPPED}
_FIELDER_PRINTED = GROUNDBALLS | FLYBALLS | {Outcome.X_CHECK, Outcome.LINEOUT, Outcome.POPOUT}
_NO_FIELDER = frozenset({Outcome.HIT_BY_PITCH, Outcome.WALK, Outcome.INTENTIONAL_WALK, Outcome.STRIKEOUT})


def check_submitted(outcome: object, fielder: object, *, manual: bool = True) -> None:
    """Validate a submitted card result (IllegalOutcome with a readable message). A fielder the card must
    print is required in manual mode; in auto mode (forced results) the location roll supplies it."""
    if not isinstance(outcome, Outcome):
        raise IllegalOutcome(f"unknown outcome code {outcome!r}")
    if outcome is Outcome.INTENTIONAL_WALK:
        raise IllegalOutcome("an intentional walk is the defense's decision, not a card result")
    if fielder is not None and not isinstance(fielder, Position):
        raise IllegalOutcome(f"unknown fielder {fielder!r}")
    if fielder is None and manual and outcome in _FIELDER_PRINTED:
        raise IllegalOutcome(f"{outcome.value} needs the fielder printed on the card")
    if fielder is None:
        return
    if outcome in _NO_FIELDER or fielder is Position.DH:
        raise IllegalOutcome(f"{outcome.value} cannot go to {fielder.value}")
    if outcome in _TO_OUTFIELD and not fielder.is_outfield:
        raise IllegalOutcome(f"{outcome.value} goes to an outfielder, not {fielder.value}")
    if outcome in GROUNDBALLS and not fielder.is_infield:
        raise IllegalOutcome(f"{outcome.value} goes to an infielder, not {fielder.value}")


def _submit(setup: GameSetup, state: GameState, action: SubmitOutcome, dice: RecordingDice) -> Step:
    manual = setup.options.resolution is ResolutionMode.MANUAL
    check_submitted(action.outcome, action.fielder, manual=manual)
    builder = Builder(setup, state, dice)
    if isinstance(state.pending, PendingRoll):
        builder.prior_rolls = state.pending.rolls
    if manual:
        builder.mismatch = entered_mismatch(setup, state, action)
    return _resolve(setup, state, builder, action.outcome, action.fielder)


def _resolve(setup: GameSetup, state: GameState, builder: Builder, outcome: Outcome, fielder: Position | None) -> Step:
    prompt = resolve_outcome(builder, outcome, fielder)
    if prompt is None:
        return _finish(setup, state, builder)
    return _ask(state, builder, prompt)


def _ask(state: GameState, builder: Builder, prompt: Prompt) -> Step:
    pending = Pending(builder.freeze(), prompt.kind, prompt.candidates)
    who = ", ".join(base.label for base in prompt.candidates)
    new = _evolve_state(state, phase=Phase.SEND, pending=pending)
    rolls = builder.dice.rolls
    return Step(new, (Notice(NoticeKind.SEND, f"{'; '.join(builder.notes)}. Send {who}?", rolls),), rolls)


def _decide(setup: GameSetup, state: GameState, action: Decide, dice: RecordingDice) -> Step:
    pending = state.pending
    assert isinstance(pending, Pending)
    builder = Builder(setup, state, dice, draft=pending.draft)
    if state.phase is Phase.SEND:
        sent = tuple(dict.fromkeys(action.send))
        unknown = [base.label for base in sent if base not in pending.candidates]
        if unknown:
            raise IllegalDecision(f"{', '.join(unknown)} cannot be sent on this play")
        if sent and pending.candidates[0] not in sent:
            raise IllegalDecision("the trailing runner can go only when the lead runner goes")
        sent = tuple(base for base in pending.candidates if base in sent)
        if not sent:
            answer_prompt(builder, pending.kind, (), False, None)
            return _finish(setup, state, builder, (action,))
        new = _evolve_state(state, phase=Phase.THROW, pending=replace(pending, sent=sent))
        who = ", ".join(base.label for base in sent)
        text = f"{who} {'goes' if len(sent) == 1 else 'go'}; throw?"
        if pending.kind is PromptKind.GROUNDBALL_12:
            text = f"{who} goes; throw at him or take the out at first?"
        return Step(new, (Notice(NoticeKind.THROW, text),), ())
    if action.at is not None and action.at not in pending.sent:
        raise IllegalDecision(f"{action.at.label} is not running")
    answer_prompt(builder, pending.kind, pending.sent, action.throw, action.at)
    return _finish(setup, state, builder, (Decide(send=pending.sent), action))


# -- finishing a play ----------------------------------------------------------------------------------------


def _finish(setup: GameSetup, state: GameState, p: Builder, answers: tuple[Decide, ...] = ()) -> Step:
    options = setup.options
    top = state.half is Half.TOP
    batting = Side.AWAY if top else Side.HOME
    batting_team = state.away if top else state.home
    fielding_team = fielding_before = state.home if top else state.away
    scored = () if p.cancel_runs else tuple(p.scored)
    away, home = state.score
    walk_off = False
    if batting is Side.HOME and state.inning >= options.innings and home <= away < home + len(scored):
        walk_off = True
        if not (p.batter in scored and p.stats.get("homerun")):
            scored = scored[: away + 1 - home]
    runs = len(scored)
    outs = min(p.outs, 3)
    inning_over = outs >= 3 and not walk_off
    b1, b2, b3 = p.bases
    bases_after: tuple[str | None, str | None, str | None] = (None, None, None) if inning_over else (b1, b2, b3)
    charged_to = dict(state.responsible)
    pitcher = fielding_team.pitcher
    responsible = tuple((pid, charged_to.get(pid, pitcher)) for pid in bases_after if pid is not None)
    charged: dict[str, int] = {}
    for pid in scored:
        charged[charged_to.get(pid, pitcher)] = charged.get(charged_to.get(pid, pitcher), 0) + 1

    mask_after = (b1 is not None) | (b2 is not None) << 1 | (b3 is not None) << 2
    mask_before = state.base_mask
    re_before = RUN_EXPECTANCY[mask_before][state.outs]
    re_after = 0.0 if inning_over or walk_off else RUN_EXPECTANCY[mask_after][outs]
    in_pow = fielding_team.pitcher_fatigued
    stats = _stat_line(p, state, mask_before, scored, outs, round(re_after - re_before + runs, 3), in_pow)

    batting_order = batting_team.batter_index + 1
    if p.pa_complete and p.play_type in _AT_BAT_TYPES:
        batting_team = _evolve_team(batting_team, batter_index=(batting_team.batter_index + 1) % 9)
    reached = p.hit or stats.bb or stats.ibb or stats.hbp
    fielding_team = _evolve_team(
        fielding_team,
        pitcher_batters_faced=fielding_team.pitcher_batters_faced + stats.pa,
        pitcher_outs=fielding_team.pitcher_outs + stats.outs,
        pitcher_runs_inning=fielding_team.pitcher_runs_inning + runs,
        pitcher_baserunners_inning=fielding_team.pitcher_baserunners_inning + (1 if reached else 0),
    )
    if not fielding_team.pitcher_fatigued and tired(setup.players[pitcher].pitching, fielding_team, state.inning):
        fielding_team = _evolve_team(fielding_team, pitcher_fatigued=True)
    injury = _injury_check(setup, p) if options.injuries and p.play_type is PlayType.AT_BAT else None
    description = _description(p, scored)
    if injury is not None:
        leaves = injury.result is InjuryResult.GAMES and relief(fielding_team) is not None
        if injury.result is InjuryResult.REM:
            fielding_team = _evolve_team(fielding_team, pitcher_fatigued=True)
        elif leaves:
            fielding_team = _evolve_team(fielding_team, must_change=f"{setup.players[pitcher].name} {HURT}")
        description += f"; {injury_text(setup.players[pitcher].name, injury, leaves=leaves)}"
    side = 0 if batting is Side.AWAY else 1
    score = (away + runs, home) if side == 0 else (away, home + runs)
    line = list(state.runs_by_inning)
    line[side] = (*line[side][:-1], line[side][-1] + runs)
    hits = list(state.hits)
    hits[side] += 1 if p.hit else 0
    errors = list(state.errors)
    errors[1 - side] += p.errors
    new = _evolve_state(
        state,
        away=batting_team if side == 0 else fielding_team,
        home=fielding_team if side == 0 else batting_team,
        outs=outs,
        bases=bases_after,
        score=score,
        phase=Phase.DEFENSE,
        defense=NO_DEFENSE_DECISION,
        offense=NO_OFFENSE_DECISION,
        pending=None,
        runs_by_inning=(line[0], line[1]),
        hits=(hits[0], hits[1]),
        errors=(errors[0], errors[1]),
        plays=state.plays + 1,
        responsible=responsible,
    )
    if walk_off:
        new = _evolve_state(new, phase=Phase.GAME_OVER, winner=Side.HOME)
    elif inning_over:
        new = _next_half(setup, new)
    elif _mercy(setup, new, mid_inning=True):
        new = _evolve_state(new, phase=Phase.GAME_OVER, winner=Side.HOME)
    elif not (p.pa_complete and p.play_type in _AT_BAT_TYPES):
        new = _same_batter_rolls_again(new, state.defense, state.offense)
        if change_needed(new):
            new = _evolve_state(new, phase=Phase.DEFENSE, defense=NO_DEFENSE_DECISION, offense=NO_OFFENSE_DECISION)

    play = _new_play(
        number=state.plays + 1,
        inning=state.inning,
        half=state.half,
        batting_side=batting,
        batter=p.batter,
        batting_order=batting_order,
        pitcher=pitcher,
        play_type=p.play_type,
        outcome=p.outcome,
        fielder=p.fielder,
        rolls=p.rolls,
        bases_before=state.bases,
        bases_after=bases_after,
        outs_before=state.outs,
        outs_after=outs,
        movements=_movements(p, scored),
        scored=scored,
        charged=tuple(charged.items()),
        errors=p.errors,
        description=description,
        stats=stats,
        score_before=state.score,
        score_after=new.score,
        inning_over=inning_over or new.game_over,
        game_over=new.game_over,
        runner=p.runner,
        defender=fielding_before.at(p.fielder) if p.fielder is not None else None,
        decisions=(state.defense, state.offense, *answers),
        in_pow=in_pow,
        injury=injury,
        steal=p.steal,
        mismatch=p.mismatch,
    )
    return Step(new, (play,), p.dice.rolls)


def _injury_check(setup: GameSetup, p: Builder) -> Injury | None:
    """RULES §11: an at-bat read from column 6 with row 7-12 calls a check for pitcher injury rating 13 - row;
    only a pitcher with that rating of his own is checked (3d6 ``injury`` on his series-games table)."""
    column = row = None
    for name, value in p.rolls:
        if name is RollName.COLUMN:
            column = value
        elif name is RollName.ROW:
            row = value
    if column != INJURY_COLUMN or not isinstance(row, tuple):
        return None
    rating = injury_rating_for(row)
    pitcher = p.state.pitcher
    player = setup.players[pitcher]
    if rating is None or not checked(player.pitcher_injury, rating):
        return None
    roll = p.dice.roll(RollName.INJURY)
    return read_injury(pitcher, rating, player.series_games, player.injury_rating, roll)


def _same_batter_rolls_again(state: GameState, defense: DefenseDecision, offense: OffenseDecision) -> GameState:
    """After a play that did not finish the plate appearance (steal attempt, wild pitch, passed ball, a foul
    ball the batter survives) the same batter rolls again under the decisions that still apply (§3)."""
    infield = defense.infield
    if infield is InfieldDepth.IN and not can_play_in(state):
        infield = InfieldDepth.NORMAL
    kept_defense = DefenseDecision(infield, tuple(b for b in defense.hold if state.runner(b) is not None))
    kept_offense = OffenseDecision(
        bunt=offense.bunt and can_bunt(state), hit_and_run=offense.hit_and_run and can_hit_and_run(state)
    )
    return _evolve_state(state, phase=Phase.ROLL, defense=kept_defense, offense=kept_offense)


def _stat_line(
    p: Builder, state: GameState, mask: int, scored: tuple[str, ...], outs: int, re24: float, in_pow: bool
) -> StatLine:
    counts = {name: value for name, value in p.stats.items() if name in _STAT_NAMES}
    pa = 1 if p.pa_complete and p.play_type in _AT_BAT_TYPES else 0
    no_ab = any(map(counts.get, _NO_AT_BAT)) or "interference" in p.stats
    rbi_play = p.play_type in _AT_BAT_TYPES and p.rbi_allowed and not p.errors
    return _new_stat_line(
        **counts,
        pa=pa,
        ab=1 if pa and not no_ab else 0,
        outs=outs - state.outs,
        runs=len(scored),
        rbi=len(scored) if rbi_play else 0,
        on_base_code=mask,
        re24=re24,
        in_pow=in_pow,
    )


_NO_AT_BAT = ("bb", "ibb", "hbp", "sac", "sf")
_new_play = constructor(Play)
_new_stat_line = constructor(StatLine)
_new_movement = constructor(Movement)
_STAT_NAMES = frozenset(STAT_FIELDS) - {"pa", "ab", "outs", "runs", "rbi"}


def _movements(p: Builder, scored: tuple[str, ...]) -> tuple[Movement, ...]:
    moves = []
    for pid, start in p.origin.items():
        if pid in scored:
            end = 4
        elif pid in p.bases:
            end = p.bases.index(pid) + 1
        elif pid in p.out_players or pid in p.scored:
            end = 0 if pid in p.out_players else 3
        else:
            end = start
        moves.append(_new_movement(pid, start, end))
    return tuple(moves)


def _description(p: Builder, scored: tuple[str, ...]) -> str:
    text = "; ".join(p.notes)
    if scored:
        names = ", ".join(p.name(pid) for pid in scored)
        text += f"; {names} {'scores' if len(scored) == 1 else 'score'}"
    return text


def _mercy(setup: GameSetup, state: GameState, *, mid_inning: bool) -> bool:
    options = setup.options
    if options.mercy_runs is None:
        return False
    away, home = state.score
    if mid_inning:
        return (
            state.half is Half.BOTTOM
            and state.inning >= options.mercy_after_inning
            and home - away >= options.mercy_runs
        )
    return state.inning >= options.mercy_after_inning and abs(home - away) >= options.mercy_runs


def _next_half(setup: GameSetup, state: GameState) -> GameState:
    options = setup.options
    away, home = state.score
    last = state.inning >= options.innings
    if state.half is Half.TOP:
        if (last and home > away) or (_mercy(setup, state, mid_inning=False) and home > away):
            return _evolve_state(state, phase=Phase.GAME_OVER, winner=Side.HOME)
        inning, half = state.inning, Half.BOTTOM
        line = (state.runs_by_inning[0], (*state.runs_by_inning[1], 0))
    else:
        if (last and home != away) or _mercy(setup, state, mid_inning=False):
            return _evolve_state(state, phase=Phase.GAME_OVER, winner=Side.HOME if home > away else Side.AWAY)
        inning, half = state.inning + 1, Half.TOP
        line = ((*state.runs_by_inning[0], 0), state.runs_by_inning[1])
    new_fielding = state.away if half is Half.BOTTOM else state.home
    fresh = _evolve_team(new_fielding, pitcher_runs_inning=0, pitcher_baserunners_inning=0)
    reset = starting_inning(setup, fresh, inning)
    state = _evolve_state(
        state,
        inning=inning,
        half=half,
        outs=0,
        bases=(None, None, None),
        runs_by_inning=line,
        away=reset if half is Half.BOTTOM else state.away,
        home=reset if half is Half.TOP else state.home,
    )
    if options.extra_inning_runner and inning > options.innings:
        team: TeamState = state.batting
        runner = team.lineup[(team.batter_index - 1) % 9].player
        state = _evolve_state(state, bases=(None, runner, None), responsible=((runner, state.pitcher),))
    return state
