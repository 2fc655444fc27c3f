"""The printed result codes: the engine's table equals the one docs/sba_card_format.md documents, every outcome has
one, and the fielders offered match what the engine accepts in manual mode."""

import re
from pathlib import Path

import pytest

from games.engine.actions import IllegalOutcome
from games.engine.enums import FIELDING_POSITIONS, Outcome, Position
from games.engine.game import check_submitted
from games.engine.printed import PRINTED, printed_fielders, printed_result

DOC = Path(__file__).resolve().parents[3] / "docs" / "sba_card_format.md"
ROW = re.compile(r"^\| `(?P<outcome>[A-Z_0-9]+)` \| `(?P<code>[^`]+)` \| (?P<gloss>[^|]+) \|$")


def _documented() -> dict[str, tuple[str, str]]:
    section = DOC.read_text(encoding="utf-8").split("## Results as printed", 1)[1]
    rows = (ROW.match(line) for line in section.splitlines())
    return {m["outcome"]: (m["code"], m["gloss"].strip()) for m in rows if m}


def test_the_engine_table_is_the_documented_table():
    assert _documented() == {o.value: (p.code, p.gloss) for o, p in PRINTED.items()}


def test_every_outcome_has_a_printed_code_and_codes_are_unique():
    assert set(PRINTED) == set(Outcome)
    codes = [p.code for p in PRINTED.values()]
    assert len(set(codes)) == len(codes)


def _accepts(outcome: Outcome, position: Position | None) -> bool:
    try:
        check_submitted(outcome, position)
    except IllegalOutcome:
        return False
    return True


@pytest.mark.parametrize("outcome", [o for o in Outcome if o is not Outcome.INTENTIONAL_WALK])
def test_the_offered_fielders_are_exactly_those_the_engine_accepts_where_the_card_prints_one(outcome):
    offered = printed_fielders(outcome)
    if PRINTED[outcome].takes_fielder:
        assert set(offered) == {p for p in FIELDING_POSITIONS if _accepts(outcome, p)}
    else:
        assert offered == ()
        assert _accepts(outcome, None)


def test_labels_read_as_the_card_prints_them():
    assert printed_result(Outcome.GROUNDBALL_B, Position.SECOND_BASE) == "gb(2b)B"
    assert printed_result(Outcome.FLYBALL_BQ, Position.CENTER_FIELD) == "fly(cf)B?"
    assert printed_result(Outcome.X_CHECK, Position.C) == "X(c)"
    assert printed_result(Outcome.DOUBLE_3) == "DOUBLE***"
    assert printed_result(Outcome.STRIKEOUT, None) == "strikeout"
    assert printed_result(Outcome.LINEOUT) == "lo"
    assert printed_result(Outcome.FLYBALL_B) == "fly B"
