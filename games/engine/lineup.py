"""Substitutions and pitching changes between plays (RULES §12): no re-entry, a new pitcher must not have
pitched in this game, a substitute takes the replaced player's batting slot and position. A starting lineup's
legality is :func:`games.engine.lineup_rules.lineup_errors`."""

from __future__ import annotations

from games.engine.actions import IllegalDecision, PitchingChange, Substitute
from games.engine.enums import Phase, Position, ResolutionMode, Side
from games.engine.fatigue import entering_role
from games.engine.play import Notice, NoticeKind
from games.engine.state import GameSetup, GameState, LineupSlot, TeamState, evolve

BETWEEN_PLAYS = frozenset({Phase.DEFENSE, Phase.OFFENSE})


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


def pitching_change(setup: GameSetup, state: GameState, action: PitchingChange) -> tuple[GameState, Notice]:
    _check_timing(state)
    if action.side is not state.fielding_side:
        raise IllegalDecision("a team changes pitchers while it is in the field")
    team = state.team(action.side)
    name = _check_available(setup, team, action.pitcher, setup.team(action.side).bullpen, "bullpen")
    if action.pitcher in team.pitched:
        raise IllegalDecision(f"{name} has already pitched in this game")
    if setup.options.resolution is ResolutionMode.AUTO and setup.players[action.pitcher].pitching is None:
        raise IllegalDecision(f"{name} has no pitching card")
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
