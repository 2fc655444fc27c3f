"""The 108-chance rule of RULES.md §2 as a property: whatever is accepted is exact; whatever is far is refused."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leagues.league_api.parsing import ChanceError, normalise_chances
from players.ratings import BATTER_FIELDS, BATTER_OUT_FIELDS, CHANCE_STEP

HUNDREDTHS = st.integers(min_value=0, max_value=2000).map(lambda n: Decimal(n) / 100)


def row_summing_to(total: Decimal, values: list[Decimal]) -> dict[str, Decimal]:
    """Scales drawn values onto the batter fields so they total `total` (to the hundredth), with 20+ strikeouts."""
    drawn = sum(values, Decimal(0)) or Decimal(1)
    scale = (total - 20) / drawn
    row = {name: (value * scale).quantize(Decimal("0.01")) for name, value in zip(BATTER_FIELDS, values, strict=True)}
    row["strikeout"] += total - sum(row.values(), Decimal(0))
    return row


@given(
    values=st.lists(HUNDREDTHS, min_size=len(BATTER_FIELDS), max_size=len(BATTER_FIELDS)),
    offset=st.integers(min_value=-50, max_value=50).map(lambda n: Decimal(n) / 100),
)
def test_rows_within_half_a_chance_come_out_exact(values: list[Decimal], offset: Decimal) -> None:
    row = row_summing_to(Decimal(108) + offset, values)
    result = normalise_chances(row, BATTER_OUT_FIELDS)
    chances = dict(result.values)
    assert sum(chances.values(), Decimal(0)) == Decimal(108)
    assert all(value >= 0 and value % CHANCE_STEP == 0 for value in chances.values())
    assert list(chances) == list(BATTER_FIELDS)
    exact = all(value % CHANCE_STEP == 0 for value in row.values()) and offset == 0
    assert (result.adjustment is None) == exact


@given(offset=st.integers(min_value=51, max_value=3000).map(lambda n: Decimal(n) / 100), sign=st.sampled_from([1, -1]))
def test_rows_further_than_half_a_chance_are_refused(offset: Decimal, sign: int) -> None:
    row = row_summing_to(Decimal(108) + sign * offset, [Decimal(5)] * len(BATTER_FIELDS))
    with pytest.raises(ChanceError, match="away from 108"):
        normalise_chances(row, BATTER_OUT_FIELDS)


def test_residue_that_would_make_the_largest_out_negative_is_refused() -> None:
    row = dict.fromkeys(BATTER_FIELDS, Decimal(0)) | {"homerun": Decimal("108.4")}
    with pytest.raises(ChanceError, match=r"cannot absorb -0\.40 into strikeout"):
        normalise_chances(row, BATTER_OUT_FIELDS)
