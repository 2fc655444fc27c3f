"""The canonical game log: round trips, replay, golden file, readable errors."""

import random
import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from games.engine import (
    Base,
    Decide,
    DefenseDecision,
    Forfeit,
    IllegalAction,
    InfieldDepth,
    OffenseDecision,
    Phase,
    ReplayDice,
    RuleOptions,
    SeededDice,
    Side,
    SubmitOutcome,
    apply,
    defaults_for,
    new_game,
    read_card,
)
from games.engine.gamelog import GameLog, Scorebook, dump, parse
from games.engine.scenarios import demo_setup
from games.engine.state import PendingRoll

GOLDEN = Path(__file__).parent / "golden" / "seed7_short.log"


def _choices(state, rng):
    """Legal-looking non-default actions to try before the default."""
    phase = state.phase
    occupied = [base for base in Base if state.runner(base) is not None]
    if phase is Phase.DEFENSE:
        return [
            DefenseDecision(intentional_walk=True),
            DefenseDecision(infield=InfieldDepth.IN),
            DefenseDecision(infield=InfieldDepth.CORNERS_IN, hold=tuple(b for b in occupied if b < 3)),
        ]
    if phase is Phase.OFFENSE:
        return [
            OffenseDecision(steal=(Base.FIRST,)),
            OffenseDecision(steal=(Base.SECOND,)),
            OffenseDecision(bunt=True),
        ]
    if phase is Phase.SEND:
        return [Decide(send=tuple(state.pending.candidates[: rng.randint(1, 2)]))]
    if phase is Phase.THROW:
        return [Decide(throw=False), Decide(throw=True, at=state.pending.sent[-1])]
    return []


def play_game(seed, *, league="pd", bold=0.0, innings=9, stop_after=None):
    """A seeded game; ``bold`` is the chance of trying a non-default decision at each step."""
    options = RuleOptions.pd() if league == "pd" else RuleOptions.sba()
    setup = demo_setup(replace(options, innings=innings))
    book = Scorebook(setup)
    rng = random.Random(seed)
    dice = SeededDice(seed)
    while not book.state.game_over and (stop_after is None or book.state.plays < stop_after):
        state = book.state
        if state.phase is Phase.SUBMIT_OUTCOME:
            pending = state.pending
            assert isinstance(pending, PendingRoll)
            result = read_card(setup, state, pending.column, pending.row, pending.split)
            book.play(SubmitOutcome(result.outcome, result.fielder), dice)
            continue
        options_now = _choices(state, rng) if rng.random() < bold else []
        rng.shuffle(options_now)
        for action in options_now:
            try:
                book.play(action, dice)
                break
            except IllegalAction:
                continue
        else:
            book.play(defaults_for(state), dice)
    return book


games = st.builds(
    play_game,
    seed=st.integers(0, 10_000),
    league=st.sampled_from(["pd", "sba"]),
    bold=st.sampled_from([0.0, 0.3]),
    innings=st.integers(1, 4),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(games)
def test_log_round_trips(book):
    text = dump(book.log)
    parsed = parse(text)
    assert parsed == book.log
    assert parsed.plays == book.log.plays
    assert dump(parsed) == text


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(games)
def test_replaying_parsed_turns_gives_the_final_state(book):
    log = parse(dump(book.log))
    state = new_game(log.setup)
    for turn in log.turns:
        dice = ReplayDice(turn.rolls)
        for action in turn.actions:
            state = apply(log.setup, state, action, dice).state
        assert dice.exhausted
    assert state == book.state


def test_unfinished_and_forfeited_games_round_trip():
    book = play_game(3, stop_after=5)
    book.play(DefenseDecision(), SeededDice(0))
    open_log = book.log
    assert dump(open_log).splitlines()[-1].startswith("open | def")
    assert parse(dump(open_log)) == open_log
    book.play(Forfeit(Side.HOME), SeededDice(0))
    assert dump(book.log).splitlines()[-1] == "forfeit | def forfeit:home | -"
    assert parse(dump(book.log)) == book.log


def golden_text():
    return dump(play_game(7, innings=2, bold=0.3).log)


def test_golden_file_is_regenerated_byte_identical():
    assert GOLDEN.read_text(encoding="utf-8") == golden_text()


def test_golden_file_parses_back():
    text = GOLDEN.read_text(encoding="utf-8")
    log = parse(text)
    assert isinstance(log, GameLog)
    assert log.plays[-1].game_over


def _golden_lines():
    return GOLDEN.read_text(encoding="utf-8").splitlines()


def _with_line(index, new):
    lines = _golden_lines()
    lines[index] = new
    return "\n".join(lines) + "\n"


def _first_play_index():
    return next(i for i, line in enumerate(_golden_lines()) if line[:1].isdigit())


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda line: line.replace(" | ", " ; ", 1), "7 sections"),
        (lambda line: line.replace("def off roll", "def off"), "do not finish a play"),
        (lambda line: line.replace("column=", "colour=", 1), "bad die"),
        (lambda line: line.replace("def ", "dfe ", 1), "unknown action"),
        (lambda line: line.replace("T1 0o", "T1 2o", 1), "the log says"),
        (lambda line: line + " split=4", "dice left over"),
    ],
)
def test_bad_play_lines_name_the_line(edit, message):
    index = _first_play_index()
    text = _with_line(index, edit(_golden_lines()[index]))
    with pytest.raises(ValueError, match=rf"^line {index + 1}: .*{message}"):
        parse(text)


def test_bad_header_names_the_line():
    with pytest.raises(ValueError, match=r"^line 1: unsupported log format"):
        parse(GOLDEN.read_text(encoding="utf-8").replace("scorecard-log 1", "scorecard-log 9", 1))
    with pytest.raises(ValueError, match=r"^line 2: bad options"):
        parse(_with_line(1, re.sub(r"innings=\d+", "innings=zero", _golden_lines()[1])))
    lines = _golden_lines()
    player = next(i for i, line in enumerate(lines) if line.startswith("player "))
    with pytest.raises(ValueError, match=rf"^line {player + 1}: bad player: unknown card"):
        parse(_with_line(player, lines[player].replace("batting=b1", "batting=b9")))
    with pytest.raises(ValueError, match=r"^line 1: the log ends where a 'scorecard-log' line is expected"):
        parse("")
