"""The pure card checks and the normalisation helper (RULES §2)."""

from decimal import Decimal

import pytest

from players import ratings
from players.tests.factories import even_batter_chances, even_pitcher_chances


def test_field_lists_follow_the_rule_book() -> None:
    assert len(ratings.BATTER_FIELDS) == 22
    assert len(ratings.XCHECK_FIELDS) == 9
    assert ratings.PITCHER_FIELDS[:6] == ("homerun", "bp_homerun", "triple", "double_three", "double_two", "double_cf")
    assert "groundout_c" not in ratings.PITCHER_FIELDS
    assert set(ratings.BATTER_OUT_FIELDS) <= set(ratings.BATTER_FIELDS)


def test_valid_rows_have_no_errors() -> None:
    assert ratings.batter_chance_errors(even_batter_chances()) == {}
    assert ratings.pitcher_chance_errors(even_pitcher_chances()) == {}


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("homerun", Decimal("-1"), "homerun must not be negative"),
        ("walk", Decimal("4.93"), "walk must be a multiple of 0.05"),
    ],
)
def test_bad_values_are_named(field: str, value: Decimal, expected: str) -> None:
    row = even_batter_chances()
    row[field] = value
    errors = ratings.batter_chance_errors(row)
    assert expected in errors[field]


def test_wrong_sum_is_reported() -> None:
    row = even_batter_chances()
    row["walk"] += 1
    assert "sum to 109" in ratings.batter_chance_errors(row)["__all__"]


def test_missing_field_is_named() -> None:
    row = even_batter_chances()
    del row["groundout_c"]
    assert ratings.batter_chance_errors(row) == {"groundout_c": "groundout_c is missing"}


def test_normalise_rounds_and_adjusts_the_largest_out() -> None:
    row: dict[str, object] = {name: float(value) for name, value in even_batter_chances().items()}
    row["walk"] = 4.92  # rounds to 4.90
    row["homerun"] = 5.2  # +0.3 over the even row
    result = ratings.normalise_chances(row, ratings.BATTER_FIELDS, ratings.BATTER_OUT_FIELDS)
    assert sum(result.values.values()) == Decimal(108)
    assert result.rounded_fields == ("walk",)
    assert result.adjusted_field == "groundout_b"
    assert result.adjustment == Decimal("-0.30")
    assert "groundout_b adjusted by -0.30" in result.report
    assert ratings.batter_chance_errors(result.values) == {}


def test_normalise_leaves_a_good_row_alone() -> None:
    result = ratings.normalise_chances(even_batter_chances(), ratings.BATTER_FIELDS, ratings.BATTER_OUT_FIELDS)
    assert not result.changed
    assert result.report == "no adjustment"


def test_normalise_refuses_rows_far_from_108() -> None:
    row = even_batter_chances()
    row["walk"] += 1
    with pytest.raises(ValueError, match=r"more than 0\.5 away"):
        ratings.normalise_chances(row, ratings.BATTER_FIELDS, ratings.BATTER_OUT_FIELDS)


@pytest.mark.parametrize(("value", "ok"), [("0.2778", True), ("0", True), ("1", True), ("0.3", False), ("1.5", False)])
def test_steal_jump_steps(value: str, ok: bool) -> None:
    assert (ratings.steal_jump_error(Decimal(value)) is None) is ok


def test_card_errors_name_every_part() -> None:
    batting = even_batter_chances()
    batting["homerun"] = Decimal(-1)
    errors = ratings.card_errors(
        {"steal_jump": Decimal("0.5"), "bunting": "E"},
        batting={"R": batting},
        pitching={"L": even_pitcher_chances()},
        positions=[{"position": "SS", "range": 6}],
    )
    assert set(errors) == {"bunting", "batting vs R: homerun", "position SS: range"}
