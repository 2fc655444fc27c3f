"""Property tests: random legal play from random states keeps the game consistent and replayable."""

import json
import random
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from games.engine import (
    Action,
    Decide,
    DefenseDecision,
    GameSetup,
    GameState,
    IllegalDecision,
    OffenseDecision,
    Outcome,
    Phase,
    PitchingChange,
    Play,
    Position,
    ResolutionMode,
    Roll,
    RuleOptions,
    SeededDice,
    Side,
    SubmitOutcome,
    Substitute,
    SwapPositions,
    new_game,
)
from games.engine.choices import choices
from games.engine.enums import FLYBALLS, GROUNDBALLS, INFIELD, OUTFIELD
from games.engine.fatigue import INJURY_COLUMNS, change_needed
from games.engine.replay import Recorder, replay
from games.engine.scenarios import demo_setup
from games.engine.serialize import (
    action_from_message,
    action_to_message,
    from_data,
    rolls_from_data,
    rolls_to_data,
    to_data,
)

MAX_ACTIONS = 6000
OUTCOMES = [o for o in Outcome if o is not Outcome.INTENTIONAL_WALK]


def random_change(setup: GameSetup, state: GameState, rng: random.Random) -> Action | None:
    side = rng.choice(list(Side))
    team, roster = state.team(side), setup.team(side)
    if state.phase is Phase.DEFENSE and change_needed(state) and choices(state).pitchers:
        return PitchingChange(state.fielding_side, rng.choice(choices(state).pitchers))
    if state.phase is Phase.DEFENSE and state.fielding.pitcher in state.fielding.removed:
        side, team, roster = state.fielding_side, state.fielding, setup.team(state.fielding_side)
    elif rng.random() > 0.03 or state.phase not in (Phase.DEFENSE, Phase.OFFENSE):
        return None
    fielders = [s.player for s in team.lineup if s.position not in (Position.P, Position.DH)]
    if side is state.fielding_side and team.pitcher not in team.removed and rng.random() < 0.2:
        first, second = rng.sample(fielders, 2)
        position = {s.player: s.position for s in team.lineup}
        return SwapPositions(side, ((first, position[second]), (second, position[first])))
    fresh_arms = [p for p in roster.bullpen if p not in team.pitched and p not in team.removed]
    if fresh_arms and side is state.fielding_side and (rng.random() < 0.5 or team.pitcher in team.removed):
        return PitchingChange(side, rng.choice(fresh_arms))
    fresh_bats = [p for p in roster.bench if p not in team.removed and all(s.player != p for s in team.lineup)]
    out = rng.choice([s.player for s in team.lineup])
    if fresh_bats and (out != team.pitcher or len(fresh_arms) > 1):
        return Substitute(side, out, rng.choice(fresh_bats))
    return None


def random_action(state: GameState, rng: random.Random) -> Action:
    phase = state.phase
    options = choices(state)
    if phase is Phase.DEFENSE:
        holds = tuple(b for b in options.holds if rng.random() < 0.5)
        return DefenseDecision(rng.choice(options.depths), holds, rng.random() < 0.05)
    if phase is Phase.OFFENSE:
        roll = rng.random()
        if roll < 0.15 and options.steals:
            return OffenseDecision(steal=rng.choice(options.steals))
        if roll < 0.22 and options.bunt:
            return OffenseDecision(bunt=True)
        if roll < 0.3 and options.hit_and_run:
            return OffenseDecision(hit_and_run=True)
        return OffenseDecision()
    if phase is Phase.ROLL:
        return Roll()
    if phase is Phase.SUBMIT_OUTCOME:
        outcome = rng.choice(OUTCOMES)
        fielder: Position | None = None
        if outcome is Outcome.X_CHECK:
            fielder = rng.choice([p for p in Position if p is not Position.DH])
        elif outcome in FLYBALLS:
            fielder = rng.choice(sorted(OUTFIELD, key=str))
        elif outcome in GROUNDBALLS:
            fielder = rng.choice(sorted(INFIELD, key=str))
        elif outcome in (Outcome.LINEOUT, Outcome.POPOUT):
            fielder = rng.choice([p for p in Position if p is not Position.DH])
        return SubmitOutcome(outcome, fielder)
    if phase is Phase.SEND:
        return Decide(send=options.send[: rng.randint(0, len(options.send))])
    return Decide(throw=rng.random() < 0.6, at=rng.choice([None, *options.throw_at]))


options_strategy = st.builds(
    RuleOptions,
    innings=st.integers(1, 4),
    dh=st.booleans(),
    extra_inning_runner=st.booleans(),
    mercy_runs=st.none() | st.integers(3, 8),
    mercy_after_inning=st.integers(1, 3),
    resolution=st.sampled_from(list(ResolutionMode)),
    rare_plays=st.booleans(),
    injuries=st.booleans(),
)


def rated_setup(options: RuleOptions, data: st.DataObject) -> GameSetup:
    """The demo teams with fatigue ratings (short starters, so that POW + 2 comes within a few innings) and
    SBA injury ratings (column, pitcher injury rating, series games), or without any."""
    setup = demo_setup(options)
    if not data.draw(st.booleans(), label="rated pitchers"):
        return setup
    players = dict(setup.players)
    for pid, player in setup.players.items():
        if player.pitching is None:
            continue
        card = replace(
            player.pitching,
            starter_rating=data.draw(st.none() | st.integers(1, 3), label=f"{pid} S"),
            relief_rating=data.draw(st.none() | st.integers(1, 3), label=f"{pid} R"),
            closer_rating=data.draw(st.none() | st.integers(1, 3), label=f"{pid} C"),
        )
        column = data.draw(st.none() | st.sampled_from(INJURY_COLUMNS), label=f"{pid} injury")
        pitcher_injury = data.draw(st.none() | st.integers(0, 6), label=f"{pid} pitcher injury")
        series_games = data.draw(st.integers(1, 6), label=f"{pid} series games")
        players[pid] = replace(
            player, pitching=card, injury_rating=column, pitcher_injury=pitcher_injury, series_games=series_games
        )
    return GameSetup(options=options, away=setup.away, home=setup.home, players=players)


def start_state(setup: GameSetup, data: st.DataObject) -> GameState:
    state = new_game(setup)
    if not data.draw(st.booleans(), label="mid-game start"):
        return state
    inning = data.draw(st.integers(1, setup.options.innings + 1), label="inning")
    bottom = data.draw(st.booleans(), label="bottom")
    away, home = data.draw(st.integers(0, 6), label="away"), data.draw(st.integers(0, 6), label="home")
    if inning == 1 and not bottom:
        home = 0
    lineup = (state.home if bottom else state.away).lineup
    runners = [lineup[6 + i].player if data.draw(st.booleans(), label=f"runner {i + 1}") else None for i in range(3)]
    bases = (runners[0], runners[1], runners[2])
    return replace(
        state,
        inning=inning,
        half=state.half.BOTTOM if bottom else state.half.TOP,
        outs=data.draw(st.integers(0, 2), label="outs"),
        bases=bases,
        score=(away, home),
        runs_by_inning=((away, *[0] * (inning - 1)), (home, *[0] * (inning - (1 if bottom else 2))))
        if inning > 1 or bottom
        else ((away,), ()),
    )


def check_play(before: GameState, play: Play, after: GameState) -> None:
    assert 0 <= play.outs_before <= play.outs_after <= 3
    assert play.runs >= 0
    assert len(set(play.scored)) == play.runs
    assert sum(runs for _, runs in play.charged) == play.runs
    assert {runner for runner, _ in after.responsible} == {pid for pid in after.bases if pid is not None}
    on_base = [pid for pid in play.bases_after if pid is not None]
    assert len(set(on_base)) == len(on_base), "two runners on one base"
    assert not set(on_base) & set(play.scored)
    lineup = {slot.player for slot in before.batting.lineup}
    assert set(on_base) <= lineup
    if not play.inning_over:
        people_before = sum(pid is not None for pid in play.bases_before) + play.stats.pa
        accounted = len(on_base) + play.runs + (play.outs_after - play.outs_before)
        assert people_before == accounted, f"lost or duplicated runner: {play.description}"
    side = 0 if play.batting_side is Side.AWAY else 1
    assert after.score[side] == before.score[side] + play.runs
    assert after.score[1 - side] == before.score[1 - side]


def check_round_trip(state: GameState, events) -> None:
    assert from_data(GameState, json.loads(json.dumps(to_data(state)))) == state
    for event in events:
        data = json.loads(json.dumps(to_data(event)))
        if isinstance(event, Play):
            assert from_data(Play, data) == event
            assert rolls_from_data(json.loads(json.dumps(rolls_to_data(event.rolls)))) == event.rolls


def check_state(state: GameState) -> None:
    assert 0 <= state.outs <= (3 if state.game_over else 2)
    assert state.score[0] == sum(state.runs_by_inning[0])
    assert state.score[1] == sum(state.runs_by_inning[1])
    if state.game_over:
        assert state.winner is not None
    else:
        assert state.winner is None


@settings(max_examples=60, deadline=None)
@given(options=options_strategy, seed=st.integers(0, 2**32), data=st.data(), check_serialization=st.booleans())
def test_random_games_stay_consistent_end_and_replay(options, seed, data, check_serialization):
    setup = rated_setup(options, data)
    rng = random.Random(seed)
    dice = SeededDice(seed)
    game = Recorder(setup, start_state(setup, data))
    start = game.state
    runs_from_plays = list(start.score)
    states = []
    for _ in range(MAX_ACTIONS):
        if game.state.game_over:
            break
        before = game.state
        change = random_change(setup, before, rng)
        if change is not None:
            try:
                game.play(change, dice)
            except IllegalDecision:
                pass
            else:
                check_state(game.state)
                states.append(game.state)
                continue
        step = game.play(random_action(before, rng), dice)
        for event in step.events:
            if isinstance(event, Play):
                check_play(before, event, step.state)
                runs_from_plays[0 if event.batting_side is Side.AWAY else 1] += event.runs
        check_state(step.state)
        if check_serialization:
            check_round_trip(step.state, step.events)
            assert action_from_message(json.loads(json.dumps(action_to_message(game.log[-1].action)))) == (
                game.log[-1].action
            )
        states.append(step.state)
    assert game.state.game_over, "the game did not end"
    assert tuple(runs_from_plays) == game.state.score
    assert replay(setup, game.log, start) == states
