"""Pitcher fatigue and SBA injuries (RULES §11): card tables, forced changes, defaults, replay."""

import json
from dataclasses import replace

import pytest

from games.engine import (
    DefenseDecision,
    GameSetup,
    IllegalDecision,
    PitchingChange,
    Play,
    RuleOptions,
    SeededDice,
    Side,
    new_game,
)
from games.engine.cards import OUT_FIELDS, PitcherCard
from games.engine.choices import choices
from games.engine.dice import ScriptedDice
from games.engine.enums import InjuryResult, Outcome, Phase, PitcherRole
from games.engine.fatigue import closer_situation, injury_column, injury_table, read_injury
from games.engine.game import apply, defaults_for
from games.engine.gamelog import Scorebook, dump, parse
from games.engine.replay import Recorder, replay
from games.engine.scenarios import AVERAGE_PITCHER, demo_setup
from games.engine.serialize import from_data, to_data
from games.engine.simulation import play_game
from games.engine.state import GameState, evolve


def rated(
    options: RuleOptions | None = None,
    starter: int | None = 1,
    bullpen: bool = True,
    injury: int | None = None,
    pitcher_injury: int | None = None,
    series_games: int = 1,
) -> GameSetup:
    """Demo teams whose starters have S-``starter`` and whose relievers R-2 / C-2; every pitcher has injury
    column ``injury``, pitcher injury rating ``pitcher_injury`` and ``series_games`` games in the series."""
    setup = demo_setup(options)
    players = dict(setup.players)
    for pid, player in setup.players.items():
        if player.pitching is not None:
            is_starter = pid.endswith("p")
            card = replace(
                player.pitching,
                starter_rating=starter if is_starter else None,
                relief_rating=None if is_starter else 2,
                closer_rating=None if is_starter else 2,
            )
            players[pid] = replace(
                player,
                pitching=card,
                injury_rating=injury,
                pitcher_injury=pitcher_injury,
                series_games=series_games,
            )
    away, home = setup.away, setup.home
    if not bullpen:
        away, home = replace(away, bullpen=()), replace(home, bullpen=())
    return GameSetup(options=setup.options, away=away, home=home, players=players)


def next_play(setup: GameSetup, state: GameState, dice) -> tuple[Play, GameState]:
    """Default decisions until the next play; that play and the state after it."""
    while True:
        step = apply(setup, state, defaults_for(state), dice)
        state = step.state
        for event in step.events:
            if isinstance(event, Play):
                return event, state


def play_until(setup: GameSetup, state: GameState, done, seed: int = 3) -> GameState:
    dice = SeededDice(seed)
    while not done(state):
        state = apply(setup, state, defaults_for(state), dice).state
    return state


# -- the fatigued card -----------------------------------------------------------------------------------------


def test_fatigued_table_turns_the_first_fifth_of_each_out_result_into_single_2():
    chances = {**AVERAGE_PITCHER, "strikeout": 20.25, "groundout_b": 13.25}
    card = PitcherCard.from_fields({"hand": "R"}, chances).vs_left
    start = 0
    for name, value in card.chances:
        count = round(value * 20)
        block, fresh = card.fatigued[start : start + count], card.table[start : start + count]
        if name in OUT_FIELDS:
            changed = count // 5
            assert all(r.outcome is Outcome.SINGLE_2 and r.fielder is None for r in block[:changed]), name
            assert block[changed:] == fresh[changed:], name
        else:
            assert block == fresh, name
        start += count
    assert start == 2160
    extra = sum(1 for r in card.fatigued if r.outcome is Outcome.SINGLE_2) - card.share(Outcome.SINGLE_2)
    assert extra == sum(round(value * 20) // 5 for name, value in card.chances if name in OUT_FIELDS)


def test_fatigued_table_does_not_change_equality_or_hashing_of_cards():
    one = PitcherCard.from_fields({"hand": "R"}, AVERAGE_PITCHER)
    two = PitcherCard.from_fields({"hand": "R"}, AVERAGE_PITCHER)
    assert one == two
    assert hash(one) == hash(two)


# -- forced change after POW + 2 -------------------------------------------------------------------------------


def test_starter_may_not_begin_an_inning_after_pow_plus_two_and_the_default_brings_in_a_reliever():
    setup = rated(starter=1)
    state = play_until(setup, new_game(setup), lambda s: s.inning == 4 or s.game_over)
    assert state.half.value == "top"
    assert state.phase is Phase.DEFENSE
    assert state.home.must_change
    assert state.home.pitcher == "hp"
    with pytest.raises(IllegalDecision, match="point of weakness \\+ 2: bring in a new pitcher first"):
        apply(setup, state, DefenseDecision(), SeededDice(1))
    offered = choices(state)
    assert offered.must_change
    assert offered.pitchers == ("hr1", "hr2", "hr3")
    assert offered.depths == ()
    action = defaults_for(state)
    assert action == PitchingChange(Side.HOME, "hr1")
    after = apply(setup, state, action, SeededDice(1)).state
    home = after.home
    assert (home.pitcher, home.must_change, home.pitcher_role, home.pitcher_entered) == (
        "hr1",
        "",
        PitcherRole.RELIEVER,
        4,
    )
    assert not home.pitcher_fatigued
    assert home.pitcher_outs == 0
    assert choices(after).depths


def test_starter_within_pow_plus_two_starts_his_inning():
    setup = rated(starter=2)
    state = play_until(setup, new_game(setup), lambda s: s.inning == 4 or s.game_over)
    assert not state.home.must_change
    assert state.home.pitcher == "hp"


def test_with_an_empty_bullpen_the_change_is_waived_and_the_starter_pitches_on_fatigued():
    setup = rated(starter=1, bullpen=False)
    state = play_until(setup, new_game(setup), lambda s: s.inning == 4 or s.game_over)
    assert state.home.pitcher == "hp"
    assert state.home.pitcher_fatigued
    assert not state.home.must_change
    assert defaults_for(state) == DefenseDecision()
    play_until(setup, state, lambda s: s.game_over)


def test_default_games_end_and_use_relievers():
    setup = rated(starter=2)
    for seed in range(5):
        dice = SeededDice(seed)
        recorder = Recorder(setup)
        while not recorder.state.game_over:
            recorder.play(defaults_for(recorder.state), dice)
        assert len(recorder.state.home.pitched) >= 2 or recorder.state.inning <= 4
        assert replay(setup, recorder.log)[-1] == recorder.state
        assert play_game(setup, SeededDice(seed)).winner is not None


def test_plays_by_a_fatigued_pitcher_carry_in_pow():
    setup = rated(starter=1, bullpen=False)
    state = play_until(setup, new_game(setup), lambda s: s.inning == 4 or s.game_over)
    play, _ = next_play(setup, state, SeededDice(2))
    assert play.in_pow
    assert play.stats.in_pow


# -- closers ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "bases", "inning", "expected"),
    [
        ((3, 4), (None, None, None), 9, True),
        ((3, 5), (None, None, None), 9, False),
        ((3, 5), ("a7", None, None), 9, True),
        ((3, 6), ("a7", "a8", None), 10, True),
        ((3, 4), (None, None, None), 8, False),
        ((4, 4), (None, None, None), 9, False),
    ],
)
def test_closer_situation(score, bases, inning, expected):
    state = replace(new_game(demo_setup()), score=score, bases=bases, inning=inning)
    assert closer_situation(state, Side.HOME, 9) is expected


def test_reliever_with_a_c_rating_becomes_the_closer_only_in_a_closer_situation():
    setup = rated()
    base = replace(new_game(setup), inning=9, score=(3, 4))
    closing = apply(setup, base, PitchingChange(Side.HOME, "hr1"), SeededDice(1)).state
    assert closing.home.pitcher_role is PitcherRole.CLOSER
    relieving = apply(setup, replace(base, score=(0, 4)), PitchingChange(Side.HOME, "hr1"), SeededDice(1)).state
    assert relieving.home.pitcher_role is PitcherRole.RELIEVER


# -- injuries --------------------------------------------------------------------------------------------------


def injured_setup(bullpen: bool = True) -> GameSetup:
    """Every pitcher rated 6 (row 7 checks him), column p40, in his second game of the series."""
    return rated(RuleOptions(injuries=True), starter=None, bullpen=bullpen, injury=40, pitcher_injury=6, series_games=2)


def test_games_injury_forces_a_change_before_the_next_play_and_is_recorded():
    setup = injured_setup()
    dice = ScriptedDice({"column": 6, "row": [3, 4], "split": 1, "injury": 13}, fallback_seed=1)
    play, state = next_play(setup, new_game(setup), dice)
    assert play.injury is not None
    injury = play.injury
    assert (injury.player, injury.rating, injury.table, injury.column, injury.roll) == ("hp", 6, 2, 40, 13)
    assert (injury.result, injury.games) == (InjuryResult.GAMES, 6)
    assert ("injury", 13) in [(name.value, value) for name, value in play.rolls]
    assert "injury check for Home pitcher (rating 6, table two, p40, 3d6 13): injured for 6 games" in play.description
    assert state.home.must_change == "Home pitcher is hurt"
    with pytest.raises(IllegalDecision, match="Home pitcher is hurt: bring in a new pitcher first"):
        apply(setup, state, DefenseDecision(), dice)
    assert defaults_for(state) == PitchingChange(Side.HOME, "hr1")
    state = apply(setup, state, defaults_for(state), dice).state
    assert state.home.pitcher == "hr1"
    assert "hp" in state.home.removed


def test_rem_makes_him_fatigued_and_he_stays_in():
    setup = injured_setup()
    dice = ScriptedDice({"column": [6, 1], "row": [[3, 4], [1, 1]], "split": 1, "injury": 5}, fallback_seed=1)
    play, state = next_play(setup, new_game(setup), dice)
    assert play.injury is not None
    assert (play.injury.result, play.injury.table) == (InjuryResult.REM, 2)
    assert play.description.endswith("REM, fatigued, stays in")
    assert state.home.pitcher_fatigued
    assert not state.home.must_change
    assert state.home.pitcher == "hp"
    assert defaults_for(state) == DefenseDecision()
    second, state = next_play(setup, state, dice)
    assert (second.pitcher, second.in_pow) == ("hp", True)


def test_a_pitcher_with_another_rating_is_not_checked():
    setup = rated(RuleOptions(injuries=True), starter=None, injury=40, pitcher_injury=5)
    dice = ScriptedDice({"column": 6, "row": [3, 4], "split": 1}, fallback_seed=1)
    play, state = next_play(setup, new_game(setup), dice)
    assert play.injury is None
    assert "injury" not in [name.value for name, _ in play.rolls]
    assert "injury check" not in play.description
    assert not state.home.must_change
    assert not state.home.pitcher_fatigued


@pytest.mark.parametrize("pitcher_injury", [None, 0])
def test_a_pitcher_without_a_rating_is_never_checked(pitcher_injury):
    setup = rated(RuleOptions(injuries=True), starter=None, injury=70, pitcher_injury=pitcher_injury)
    for row in ([1, 6], [6, 6]):
        dice = ScriptedDice({"column": 6, "row": row, "split": 1}, fallback_seed=1)
        play, _ = next_play(setup, new_game(setup), dice)
        assert play.injury is None


def test_games_injury_with_an_empty_bullpen_stays_in():
    setup = injured_setup(bullpen=False)
    dice = ScriptedDice({"column": 6, "row": [3, 4], "split": 1, "injury": 13}, fallback_seed=1)
    play, state = next_play(setup, new_game(setup), dice)
    assert play.injury is not None
    assert play.injury.result is InjuryResult.GAMES
    assert play.description.endswith("stays in (no one left to relieve)")
    assert not state.home.must_change


def test_injury_tables_are_chosen_by_the_games_played_in_the_series():
    injury = read_injury("hp", 6, 2, 40, 13)
    assert (injury.result, injury.games) == (InjuryResult.GAMES, 6)
    assert read_injury("hp", 6, 6, 40, 13).result is InjuryResult.REM
    assert read_injury("hp", 3, 3, None, 10).result is InjuryResult.OK
    assert read_injury("hp", 1, 1, 70, 9).result is InjuryResult.REM


def test_injuries_only_with_the_option_on():
    setup = rated(starter=None, injury=40, pitcher_injury=6)
    dice = ScriptedDice({"column": 6, "row": [3, 4], "split": 1}, fallback_seed=1)
    play, state = next_play(setup, new_game(setup), dice)
    assert ("column", 6) in [(name.value, value) for name, value in play.rolls]
    assert play.injury is None
    assert not state.home.must_change


@pytest.mark.parametrize(("text", "table"), [("2p65", 2), ("6p20", 6), ("p20", 1), (70, 1), (None, 1), ("", 1)])
def test_injury_table(text, table):
    assert injury_table(text) == table


@pytest.mark.parametrize("text", ["7p65", "0p65", "xp65"])
def test_bad_series_games_is_a_clear_error(text):
    with pytest.raises(ValueError, match="1-6"):
        injury_table(text)


@pytest.mark.parametrize(("text", "column"), [("2p65", 65), ("p20", 20), (70, 70), (None, None), ("", None)])
def test_injury_column(text, column):
    assert injury_column(text) == column


@pytest.mark.parametrize("text", ["2x65", "p55", 33])
def test_bad_injury_column_is_a_clear_error(text):
    with pytest.raises(ValueError, match="injury"):
        injury_column(text)


def test_injury_games_replay_exactly_and_round_trip():
    setup = injured_setup()
    for seed in range(6):
        recorder = Recorder(setup)
        dice = SeededDice(seed)
        while not recorder.state.game_over:
            recorder.play(defaults_for(recorder.state), dice)
        states = replay(setup, recorder.log)
        assert states[-1] == recorder.state
        data = json.loads(json.dumps(to_data(recorder.state)))
        assert from_data(GameState, data) == recorder.state


def test_state_and_play_with_fatigue_fields_round_trip_through_json():
    setup = injured_setup()
    state = new_game(setup)
    team = evolve(state.home, pitcher_fatigued=True, must_change="hurt", pitcher_role=PitcherRole.CLOSER)
    state = evolve(state, home=team)
    assert from_data(GameState, json.loads(json.dumps(to_data(state)))) == state
    play = replace(next_play(setup, state, SeededDice(1))[0], in_pow=True, injury=read_injury("hp", 6, 2, 40, 4))
    assert from_data(Play, json.loads(json.dumps(to_data(play)))) == play


def test_game_log_keeps_injury_columns_and_replays_injuries():
    setup = injured_setup()
    book = Scorebook(setup)
    dice = SeededDice(1)
    while not book.state.game_over:
        book.play(defaults_for(book.state), dice)
    text = dump(book.log)
    assert "injury=40 pitcher_injury=6 series_games=2" in text
    play_lines = [line for line in text.splitlines() if line[:1].isdigit()]
    assert any(" injury=" in line.rsplit(" | ", 1)[1] for line in play_lines)
    assert any("PitchingChange(side=" in line for line in play_lines)
    assert parse(text) == book.log
