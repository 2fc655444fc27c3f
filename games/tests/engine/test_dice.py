import pytest

from games.engine.dice import DiceError, RecordingDice, ReplayDice, ScriptedDice, SeededDice, SystemDice
from games.engine.enums import RollName


def test_scripted_values_then_fallback():
    dice = ScriptedDice({"check": [2, 14], "row": [3, 4], "lead": [[1, 2], [6, 6]]})
    assert [dice.roll(RollName.CHECK), dice.roll(RollName.CHECK)] == [2, 14]
    assert 1 <= dice.roll(RollName.CHECK) <= 20
    assert dice.pair(RollName.ROW) == (3, 4)
    assert dice.pair(RollName.LEAD) == (1, 2)
    assert dice.pair(RollName.LEAD) == (6, 6)


def test_unscripted_rolls_are_reproducible():
    first, second = ScriptedDice({}, 5), ScriptedDice({}, 5)
    assert [first.roll(RollName.RANGE) for _ in range(20)] == [second.roll(RollName.RANGE) for _ in range(20)]


@pytest.mark.parametrize("script", [{"range": 21}, {"error": 2}, {"row": [7, 1]}, {"row": 3}, {"column": "a"}])
def test_bad_script_is_rejected(script):
    with pytest.raises(DiceError):
        ScriptedDice(script)


@pytest.mark.parametrize("source", [SystemDice(), SeededDice(3)])
def test_random_ranges(source):
    for _ in range(500):
        assert 3 <= source.roll(RollName.ERROR) <= 18
        assert 1 <= source.roll(RollName.RARE) <= 100
        assert 1 <= source.roll(RollName.COLUMN) <= 6
        assert set(source.pair(RollName.ROW)) <= {1, 2, 3, 4, 5, 6}


def test_record_and_replay():
    recorder = RecordingDice(SeededDice(9))
    values = [recorder.roll(RollName.CHECK), recorder.pair(RollName.ROW), recorder.roll(RollName.CHECK)]
    replay = ReplayDice(recorder.rolls)
    assert [replay.roll(RollName.CHECK), replay.pair(RollName.ROW), replay.roll(RollName.CHECK)] == values
    assert replay.exhausted
    with pytest.raises(DiceError, match="not recorded"):
        replay.roll(RollName.CHECK)
