"""Substitutions, pitching changes and defensive moves between plays (RULES §12): no re-entry, a new pitcher
must not have pitched in this game, a substitute takes the replaced player's batting slot (and his position,
unless the team in the field places him elsewhere); position swaps, the double switch and a pitcher leaving the
mound for a position, each ending with every fielder at a distinct position. A starting lineup's legality is
:func:`games.engine.lineup_rules.lineup_errors`.

>>> from games.engine.scenarios import demo_setup
>>> from games.engine.state import new_game
>>> setup = demo_setup()
>>> moves = (("h3", Position.SHORTSTOP), ("h5", Position.SECOND_BASE))
>>> state, notice = swap_positions(setup, new_game(setup), SwapPositions(Side.HOME, moves))
>>> notice.text
'Home 3 moves to SS, Home 5 moves to 2B'
>>> swap_positions(setup, state, SwapPositions(Side.HOME, (("h3", Position.SECOND_BASE),)))
Traceback (most recent call last):
...
games.engine.actions.IllegalDecision: two players at 2B: Home 3 and Home 5
"""

from __future__ import annotations

from collections.abc import Sequence

from games.engine.actions import DoubleSwitch, IllegalDecision, Moves, PitchingChange, Substitute, SwapPositions
from games.engine.enums import Phase, Position, ResolutionMode, Side
from games.engine.fatigue import entering_role
from games.engine.play import Notice, NoticeKind
from games.engine.state import GameSetup, GameState, LineupSlot, TeamState, evolve

BETWEEN_PLAYS = frozenset({Phase.DEFENSE, Phase.OFFENSE})
HURT = "is hurt"
"""The end of ``must_change`` for a pitcher an SBA injury takes out of the game (RULES §11): he cannot move to the
field."""


def _check_timing(state: GameState) -> None:
    if state.phase not in BETWEEN_PLAYS:
        raise IllegalDecision("changes are made between plays, before the dice are rolled")


def _with_team(state: GameState, side: Side, team: TeamState) -> GameState:
    return evolve(state, away=team) if side is Side.AWAY else evolve(state, home=team)


def _check_available(setup: GameSetup, team: TeamState, player: str, pool: tuple[str, ...], what: str) -> str:
    name = setup.players[player].name if player in setup.players else repr(player)
    if player in team.removed:
        raise IllegalDecision(f"{name} has left the game and cannot return")
    if player not in pool:
        raise IllegalDecision(f"{name} is not on the {what}")
    if player == team.pitcher or any(slot.player == player for slot in team.lineup):
        raise IllegalDecision(f"{name} is already in the game")
    return name


def _check_new_pitcher_for(setup: GameSetup, team: TeamState, side: Side, pitcher: str) -> str:
    name = _check_available(setup, team, pitcher, setup.team(side).bullpen, "bullpen")
    if pitcher in team.pitched:
        raise IllegalDecision(f"{name} has already pitched in this game")
    if setup.options.resolution is ResolutionMode.AUTO and setup.players[pitcher].pitching is None:
        raise IllegalDecision(f"{name} has no pitching card")
    return name


def pitching_change(setup: GameSetup, state: GameState, action: PitchingChange) -> tuple[GameState, Notice]:
    _check_timing(state)
    if action.side is not state.fielding_side:
        raise IllegalDecision("a team changes pitchers while it is in the field")
    team = state.team(action.side)
    name = _check_new_pitcher_for(setup, team, action.side, action.pitcher)
    if action.to is not None:
        return _pitcher_to_field(setup, state, action, name)
    leaving = [team.pitcher]
    lineup = list(team.lineup)
    for index, slot in enumerate(lineup):
        if slot.position is Position.P:
            leaving.append(slot.player)
            lineup[index] = LineupSlot(action.pitcher, Position.P)
    new_team = evolve(
        team,
        lineup=tuple(lineup),
        pitcher=action.pitcher,
        pitcher_batters_faced=0,
        pitcher_outs=0,
        pitcher_runs_inning=0,
        pitcher_baserunners_inning=0,
        pitcher_role=entering_role(setup.players[action.pitcher].pitching, state, action.side, setup.options.innings),
        pitcher_entered=state.inning,
        pitcher_fatigued=False,
        must_change="",
        removed=(*team.removed, *dict.fromkeys(p for p in leaving if p not in team.removed)),
        pitched=(*team.pitched, action.pitcher),
    )
    old = setup.players[team.pitcher].name
    return _with_team(state, action.side, new_team), Notice(
        NoticeKind.PITCHING_CHANGE, f"{name} replaces {old} on the mound"
    )


def substitute(setup: GameSetup, state: GameState, action: Substitute) -> tuple[GameState, Notice]:
    _check_timing(state)
    if action.position is not None or action.moves:
        return _defensive_substitute(setup, state, action)
    team = state.team(action.side)
    setup_team = setup.team(action.side)
    name = _check_available(setup, team, action.player_in, setup_team.bench + setup_team.bullpen, "bench")
    if action.player_out == team.pitcher and action.side is state.fielding_side:
        raise IllegalDecision("use a pitching change to replace the pitcher")
    slots = [index for index, slot in enumerate(team.lineup) if slot.player == action.player_out]
    if not slots:
        raise IllegalDecision(f"{action.player_out!r} is not in the lineup")
    if setup.options.resolution is ResolutionMode.AUTO and setup.players[action.player_in].batting is None:
        raise IllegalDecision(f"{name} has no batting card")
    index = slots[0]
    lineup = list(team.lineup)
    lineup[index] = LineupSlot(action.player_in, lineup[index].position)
    new_team = evolve(team, lineup=tuple(lineup), removed=(*team.removed, action.player_out))
    new = _with_team(state, action.side, new_team)
    if action.player_out in state.bases:
        b1, b2, b3 = (action.player_in if pid == action.player_out else pid for pid in state.bases)
        responsible = tuple(
            (action.player_in if runner == action.player_out else runner, pitcher)
            for runner, pitcher in state.responsible
        )
        new = evolve(new, bases=(b1, b2, b3), responsible=responsible)
    old = setup.players[action.player_out].name
    return new, Notice(NoticeKind.SUBSTITUTION, f"{name} replaces {old} ({lineup[index].position.value})")


# -- defensive moves (RULES §12) ---------------------------------------------------------------------------


def _fielding_team(state: GameState, side: Side) -> TeamState:
    _check_timing(state)
    if side is not state.fielding_side:
        raise IllegalDecision("defensive moves are made by the team in the field")
    return state.team(side)


def _pname(setup: GameSetup, player: str) -> str:
    known = setup.players.get(player)
    return known.name if known is not None else repr(player)


def _slot_index(setup: GameSetup, team: TeamState, player: str) -> int:
    for index, slot in enumerate(team.lineup):
        if slot.player == player:
            return index
    if player in team.removed:
        raise IllegalDecision(f"{_pname(setup, player)} has left the game and cannot return")
    raise IllegalDecision(f"{_pname(setup, player)} is not in the lineup")


def _pitcher_slot(team: TeamState) -> int | None:
    """The batting slot at P (without the DH): the pitcher's, or the pinch hitter's who batted for him."""
    return next((index for index, slot in enumerate(team.lineup) if slot.position is Position.P), None)


def _check_bench(setup: GameSetup, state: GameState, side: Side, player: str) -> str:
    team = state.team(side)
    name = _check_available(setup, team, player, setup.team(side).bench + setup.team(side).bullpen, "bench")
    if setup.options.resolution is ResolutionMode.AUTO and setup.players[player].batting is None:
        raise IllegalDecision(f"{name} has no batting card")
    return name


def _apply_moves(
    setup: GameSetup, team: TeamState, lineup: list[LineupSlot], moves: Moves, fixed: Sequence[str]
) -> list[str]:
    """Moves players already in the game (``fixed``: the players the move itself places, who may not be moved
    again); returns the notice phrases in batting order (the same whatever the order of ``moves``)."""
    seen: set[str] = set()
    moved: dict[int, str] = {}
    for player, position in moves:
        name = _pname(setup, player)
        if player in seen or player in fixed:
            raise IllegalDecision(f"{name} is moved twice")
        seen.add(player)
        index = next((i for i, slot in enumerate(lineup) if slot.player == player), None)
        if index is None:
            if player == team.pitcher:
                raise IllegalDecision("the pitcher leaves the mound for a position only with a pitching change")
            _slot_index(setup, team, player)
            raise IllegalDecision(f"{name} is not in the lineup")
        current = lineup[index].position
        if current is Position.P:
            raise IllegalDecision("the pitcher leaves the mound for a position only with a pitching change")
        if position is Position.P:
            if player in team.pitched:
                raise IllegalDecision(f"{name} has already pitched in this game and cannot return to the mound")
            raise IllegalDecision("only a pitcher from the bullpen takes the mound, with a pitching change")
        if current is Position.DH or position is Position.DH:
            raise IllegalDecision("the designated hitter does not take the field; the DH stays the DH")
        lineup[index] = LineupSlot(player, position)
        moved[index] = f"{name} moves to {position.value}"
    return [moved[index] for index in sorted(moved)]


def _realign(
    setup: GameSetup,
    state: GameState,
    side: Side,
    lineup: list[LineupSlot],
    pitcher: str,
    text: str,
) -> tuple[GameState, Notice]:
    """Checks the alignment after a defensive move and applies it: every fielder at a distinct position, the
    pitcher at P (without the DH); whoever of the old lineup and pitcher is no longer in the game has left it."""
    team = state.team(side)
    dh = setup.options.dh
    holder: dict[Position, str] = {}
    for slot in lineup:
        if slot.position is (Position.P if dh else Position.DH):
            raise IllegalDecision(f"{slot.position.value} is not a lineup position here")
        if slot.position in holder:
            first, second = _pname(setup, holder[slot.position]), _pname(setup, slot.player)
            raise IllegalDecision(f"two players at {slot.position.value}: {first} and {second}")
        holder[slot.position] = slot.player
    at_p = holder.get(Position.P)
    if not dh and at_p != pitcher and not (pitcher == team.pitcher and pitcher in team.removed):
        raise IllegalDecision(f"{_pname(setup, pitcher)} must bat in the pitcher's slot")
    before = {slot.player for slot in team.lineup} | {team.pitcher}
    after = {slot.player for slot in lineup} | {pitcher}
    leaving = [player for player in (*[s.player for s in team.lineup], team.pitcher) if player in before - after]
    new_team = evolve(
        team, lineup=tuple(lineup), removed=(*team.removed, *dict.fromkeys(p for p in leaving if p not in team.removed))
    )
    if pitcher != team.pitcher:
        new_team = evolve(
            new_team,
            pitcher=pitcher,
            pitcher_batters_faced=0,
            pitcher_outs=0,
            pitcher_runs_inning=0,
            pitcher_baserunners_inning=0,
            pitcher_role=entering_role(setup.players[pitcher].pitching, state, side, setup.options.innings),
            pitcher_entered=state.inning,
            pitcher_fatigued=False,
            must_change="",
            pitched=(*team.pitched, pitcher),
        )
    return _with_team(state, side, new_team), Notice(NoticeKind.SUBSTITUTION, text)


def swap_positions(setup: GameSetup, state: GameState, action: SwapPositions) -> tuple[GameState, Notice]:
    team = _fielding_team(state, action.side)
    if not action.moves:
        raise IllegalDecision("a position swap moves at least two fielders")
    lineup = list(team.lineup)
    texts = _apply_moves(setup, team, lineup, action.moves, ())
    return _realign(setup, state, action.side, lineup, team.pitcher, ", ".join(texts))


def _defensive_substitute(setup: GameSetup, state: GameState, action: Substitute) -> tuple[GameState, Notice]:
    team = _fielding_team(state, action.side)
    if action.player_out == team.pitcher:
        raise IllegalDecision("use a pitching change to replace the pitcher")
    name = _check_bench(setup, state, action.side, action.player_in)
    index = _slot_index(setup, team, action.player_out)
    lineup = list(team.lineup)
    position = action.position or lineup[index].position
    if lineup[index].position is Position.P or position is Position.P:
        raise IllegalDecision("only a pitcher from the bullpen takes the mound, with a pitching change")
    if (lineup[index].position is Position.DH) != (position is Position.DH):
        raise IllegalDecision("the designated hitter does not take the field; the DH stays the DH")
    lineup[index] = LineupSlot(action.player_in, position)
    texts = [f"{name} replaces {_pname(setup, action.player_out)} ({position.value})"]
    texts += _apply_moves(setup, team, lineup, action.moves, (action.player_in, action.player_out))
    return _realign(setup, state, action.side, lineup, team.pitcher, ", ".join(texts))


def double_switch(setup: GameSetup, state: GameState, action: DoubleSwitch) -> tuple[GameState, Notice]:
    team = _fielding_team(state, action.side)
    if setup.options.dh:
        raise IllegalDecision("the double switch is made without the DH (the pitcher does not bat here)")
    pitcher = _check_new_pitcher_for(setup, team, action.side, action.pitcher)
    name = _check_bench(setup, state, action.side, action.player_in)
    if action.player_in == action.pitcher:
        raise IllegalDecision(f"{name} cannot enter twice")
    out_index = _slot_index(setup, team, action.player_out)
    p_index = _pitcher_slot(team)
    lineup = list(team.lineup)
    if p_index is None or out_index == p_index:
        raise IllegalDecision("the double switch replaces a position player, not the pitcher")
    position = action.position or lineup[out_index].position
    if position is Position.P:
        raise IllegalDecision("only a pitcher from the bullpen takes the mound, with a pitching change")
    lineup[out_index] = LineupSlot(action.pitcher, Position.P)
    lineup[p_index] = LineupSlot(action.player_in, position)
    old = _pname(setup, action.player_out)
    texts = [
        f"double switch: {pitcher} replaces {_pname(setup, team.pitcher)} on the mound and bats in {old}'s slot",
        f"{name} plays {position.value} and bats in the pitcher's slot",
    ]
    placed = (action.pitcher, action.player_in, action.player_out, team.lineup[p_index].player)
    texts += _apply_moves(setup, team, lineup, action.moves, placed)
    return _realign(setup, state, action.side, lineup, action.pitcher, ", ".join(texts))


def _pitcher_to_field(
    setup: GameSetup, state: GameState, action: PitchingChange, name: str
) -> tuple[GameState, Notice]:
    team = state.team(action.side)
    old = team.pitcher
    to = action.to
    assert to is not None
    if old in team.removed:
        raise IllegalDecision(f"{_pname(setup, old)} has left the game and cannot return")
    if team.must_change.endswith(HURT):
        raise IllegalDecision(f"{_pname(setup, old)} is hurt and leaves the game")
    if to in (Position.P, Position.DH):
        raise IllegalDecision(f"the pitcher leaves the mound for a field position, not {to.value}")
    lineup = list(team.lineup)
    out_index = next((i for i, slot in enumerate(lineup) if slot.position is to), None)
    assert out_index is not None
    leaving = lineup[out_index].player
    if setup.options.dh:
        lineup[out_index] = LineupSlot(old, to)
    else:
        p_index = _pitcher_slot(team)
        if p_index is None or lineup[p_index].player != old:
            raise IllegalDecision(f"{_pname(setup, old)} is not on the mound")
        lineup[p_index] = LineupSlot(old, to)
        lineup[out_index] = LineupSlot(action.pitcher, Position.P)
    text = (
        f"{name} replaces {_pname(setup, old)} on the mound; {_pname(setup, old)} moves to {to.value}, "
        f"replacing {_pname(setup, leaving)}"
    )
    return _realign(setup, state, action.side, lineup, action.pitcher, text)
