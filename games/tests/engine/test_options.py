import pytest

from games.engine import LocationTable, Position, RuleOptions

FOUNDATION_SHAPE = {
    "groundball": {
        "R": ["3B"] * 6 + ["SS"] * 7 + ["2B"] * 4 + ["1B"] * 2 + ["P"],
        "L": ["1B"] * 6 + ["2B"] * 7 + ["SS"] * 4 + ["3B"] * 2 + ["P"],
    },
    "flyball": {"R": ["LF"] * 8 + ["CF"] * 7 + ["RF"] * 5, "L": ["RF"] * 8 + ["CF"] * 7 + ["LF"] * 5},
}


def test_default_location_table_is_the_rule_book_one():
    assert LocationTable.from_mapping(FOUNDATION_SHAPE) == LocationTable()


def test_location_lookup():
    table = LocationTable()
    assert table.fielder(ground=True, lefty=False, d20=20) is Position.P
    assert table.fielder(ground=False, lefty=True, d20=1) is Position.RIGHT_FIELD
    assert table.fielder(ground=False, lefty=False, d20=15) is Position.CENTER_FIELD


@pytest.mark.parametrize(
    "tables",
    [{"groundball": FOUNDATION_SHAPE["groundball"]}, {**FOUNDATION_SHAPE, "flyball": {"R": ["LF"], "L": ["LF"]}}],
)
def test_bad_location_tables(tables):
    with pytest.raises(ValueError, match="location table"):
        LocationTable.from_mapping(tables)


def test_options_validate():
    with pytest.raises(ValueError, match="inning"):
        RuleOptions(innings=0)
    with pytest.raises(ValueError, match="mercy"):
        RuleOptions(mercy_runs=0)
