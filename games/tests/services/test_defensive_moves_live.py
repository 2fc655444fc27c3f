"""Defensive moves played live (RULES §12): position swaps, a substitute at another position, a pitcher leaving
the mound for the field and the double switch go through `game_apply_action` for their side only, keep the
lineup rows' setup fields, write the stints, and replay cleanly."""

import uuid

import pytest

from games import engine
from games.errors import Forbidden, IllegalActionError
from games.models import GameAction, Lineup
from games.selectors import game_replay_check
from games.services import game_apply_action
from games.setup import build_setup
from games.snapshot import game_state
from games.tests.live_helpers import demo_game, load_two_teams, manager, play_to_end
from leagues.models import League

pytestmark = pytest.mark.django_db


def _apply(game, user, body):
    result = game_apply_action(
        game_id=game.pk, user=user, action=body, action_id=uuid.uuid4(), expected_version=game.version
    )
    game.refresh_from_db()
    return result


def _reserve(game, side, pitcher):
    team = game.home_team if side == "home" else game.away_team
    rows = Lineup.objects.filter(game=game, team=team, is_starter=False)
    return next(str(row.pk) for row in rows if (row.position == "P") == pitcher)


def _setup_fields(game):
    return sorted(Lineup.objects.filter(game=game).values_list("pk", "position", "batting_order", "is_starter"))


def test_swaps_and_a_substitute_at_another_position_are_played_live_and_replay():
    game = demo_game()
    home, away = manager(game, "home"), manager(game, "away")
    state = game_state(game)
    assert state.phase is engine.Phase.DEFENSE
    at = {slot.position: slot.player for slot in state.home.lineup}
    second, short = at[engine.Position.SECOND_BASE], at[engine.Position.SHORTSTOP]
    before = _setup_fields(game)
    swap = {"kind": "swap_positions", "side": "home", "moves": {second: "SS", short: "2B"}}
    with pytest.raises(Forbidden):
        _apply(game, away, swap)
    version = game.version
    with pytest.raises(IllegalActionError, match="two players at SS"):
        _apply(game, home, {"kind": "swap_positions", "side": "home", "moves": {second: "SS"}})
    assert game.version == version
    _apply(game, home, swap)
    state = game_state(game)
    assert state.home.at(engine.Position.SHORTSTOP) == second
    bench = _reserve(game, "home", pitcher=False)
    body = {"kind": "substitute", "side": "home", "player_out": second, "player_in": bench, "position": "2B"}
    _apply(game, home, {**body, "moves": {short: "SS"}})
    state = game_state(game)
    assert (state.home.at(engine.Position.SECOND_BASE), state.home.at(engine.Position.SHORTSTOP)) == (bench, short)
    rows = {row.pk: row for row in Lineup.objects.filter(game=game)}
    assert (rows[int(bench)].is_active, rows[int(bench)].replacing_id, rows[int(second)].is_active) == (
        True,
        int(second),
        False,
    )
    assert _setup_fields(game) == before  # positions now live in the snapshot; the setup never changes
    kinds = [row.body["kind"] for row in GameAction.objects.filter(game=game).order_by("version")]
    assert kinds[:2] == ["swap_positions", "substitute"]
    game = play_to_end(game, {engine.Side.HOME: home, engine.Side.AWAY: away})
    assert game_replay_check(game).mismatches == ()


def test_a_pitcher_to_the_field_and_a_double_switch_without_the_dh_replay():
    league = load_two_teams("pd")
    League.objects.filter(pk=league.pk).update(dh=False)
    game = demo_game()
    home, away = manager(game, "home"), manager(game, "away")
    assert not build_setup(game).options.dh
    state = game_state(game)
    old = state.home.pitcher
    left_fielder = state.home.at(engine.Position.LEFT_FIELD)
    relievers = [
        str(row.pk) for row in Lineup.objects.filter(game=game, team=game.home_team, is_starter=False, position="P")
    ]
    _apply(game, home, {"kind": "pitching_change", "side": "home", "pitcher": relievers[0], "to": "LF"})
    state = game_state(game)
    assert (state.home.pitcher, state.home.at(engine.Position.LEFT_FIELD)) == (relievers[0], old)
    rows = {row.pk: row for row in Lineup.objects.filter(game=game)}
    assert (rows[int(old)].is_active, rows[int(left_fielder)].is_active) == (True, False)
    assert rows[int(relievers[0])].replacing_id == int(left_fielder)
    with pytest.raises(IllegalActionError, match="already pitched"):
        _apply(game, home, {"kind": "swap_positions", "side": "home", "moves": {old: "P", relievers[0]: "LF"}})
    center = state.home.at(engine.Position.CENTER_FIELD)
    bench = _reserve(game, "home", pitcher=False)
    switch = {"kind": "double_switch", "side": "home", "pitcher": relievers[1], "player_out": center}
    _apply(game, home, {**switch, "player_in": bench})
    state = game_state(game)
    slots = {slot.player: (index, slot.position) for index, slot in enumerate(state.home.lineup)}
    assert slots[relievers[1]][1] is engine.Position.P
    assert slots[bench][1] is engine.Position.CENTER_FIELD
    assert {relievers[0], center} <= set(state.home.removed)
    game = play_to_end(game, {engine.Side.HOME: home, engine.Side.AWAY: away})
    assert game_replay_check(game).mismatches == ()
