"""The canonical game log: round trips, replay, golden file, readable errors."""

import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from games.engine import (
    DefenseDecision,
    Forfeit,
    OffenseDecision,
    ReplayDice,
    Roll,
    RuleOptions,
    SeededDice,
    Side,
    apply,
    defaults_for,
    new_game,
)
from games.engine.gamelog import GameLog, Scorebook, dump, parse, scorer_code
from games.engine.scenarios import demo_setup
from games.tests.engine.simulated import play_game, seeded_games

GOLDEN = Path(__file__).parent / "golden" / "seed7_short.log"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seeded_games)
def test_log_round_trips(book):
    text = dump(book.log)
    parsed = parse(text)
    assert parsed == book.log
    assert parsed.plays == book.log.plays
    assert dump(parsed) == text


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seeded_games)
def test_replaying_parsed_turns_gives_the_final_state(book):
    log = parse(dump(book.log))
    state = new_game(log.setup)
    for turn in log.turns:
        dice = ReplayDice(turn.rolls)
        for action in turn.actions:
            state = apply(log.setup, state, action, dice).state
        assert dice.exhausted
    assert state == book.state


def test_log_from_stored_actions_equals_the_recorded_log():
    setup = demo_setup(RuleOptions(innings=2))
    book, stored, dice = Scorebook(setup), [], SeededDice(5)
    while not book.state.game_over:
        action = defaults_for(book.state)
        stored.append((action, book.play(action, dice).rolls))
    assert GameLog.from_actions(setup, stored) == book.log
    with pytest.raises(ValueError, match=r"^action 3: .*not recorded"):
        GameLog.from_actions(setup, [(DefenseDecision(), ()), (OffenseDecision(), ()), (Roll(), ())])
    with pytest.raises(ValueError, match=r"^action 1: .*waits for the defense"):
        GameLog.from_actions(setup, [(Roll(), ())])


def test_ids_that_cannot_be_written_are_refused():
    setup = demo_setup()
    players = dict(setup.players)
    players["a 1"] = players["a1"]
    bad = replace(setup, players=players)
    with pytest.raises(ValueError, match="cannot be written"):
        dump(GameLog(bad))


def test_unfinished_and_forfeited_games_round_trip():
    book = play_game(3, stop_after=5)
    book.play(DefenseDecision(), SeededDice(0))
    open_log = book.log
    assert dump(open_log).splitlines()[-1].startswith("open | def")
    assert parse(dump(open_log)) == open_log
    book.play(Forfeit(Side.HOME), SeededDice(0))
    assert dump(book.log).splitlines()[-1] == "forfeit | def forfeit:home | -"
    assert parse(dump(book.log)) == book.log


SCORER_CODE = re.compile(
    r"(K|BB|IBB|HBP|HR|[123]B\d?|\d(-\d)+|3U|FC\d?|[LPF]\d?|SF\d?|SH\d?|BU\d?|E\d?|WP|PB|BK|PO\d?|"
    r"(SB|CS)[23H]( (SB|CS)[23H])*|NJ|NP|GO)( FC)?( DP| TP)?( E\d?)?"
)


@pytest.mark.parametrize("seed", [1, 2])
def test_scorer_codes_follow_the_notation(seed):
    for play in play_game(seed, innings=9, bold=0.4).log.plays:
        assert SCORER_CODE.fullmatch(scorer_code(play)), (scorer_code(play), play.description)


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


if __name__ == "__main__":  # regenerate after an intended engine change: python -m games.tests.engine.test_gamelog
    GOLDEN.write_text(golden_text(), encoding="utf-8")
