"""The card tables equal a straightforward build of RULES §2 (the algorithm `SplitCard.build` used before it was
made cheaper), entry by entry, fresh and fatigued, for random and demo ratings and for the rejected ones."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from games.engine.cards import (
    BATTER_FIELDS,
    CARD_FIELDS,
    OUT_FIELDS,
    PITCHER_FIELDS,
    SUB_CHANCES,
    TOTAL_CHANCES,
    BatterCard,
    CardResult,
    Chances,
    PitcherCard,
    SplitCard,
)
from games.engine.enums import Outcome, Position
from players.demo_cards import demo_league

_NAMES = tuple(name for name, _, _ in CARD_FIELDS)


def _reference_number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    return float(value)


def _reference_units(card: str, ratings: Mapping[str, object], allowed: frozenset[str]) -> tuple[dict[str, int], float]:
    units: dict[str, int] = {}
    for name, value in ratings.items():
        if name not in _NAMES:
            raise ValueError(f"{card}: unknown rating field {name!r}")
        number = _reference_number(value)
        if number is None or number < 0:
            raise ValueError(f"{card}: {name} must be a non-negative number of chances, got {value!r}")
        if name not in allowed and number:
            raise ValueError(f"{card}: {name} does not belong on this kind of card")
        units[name] = round(number * 20)
    total = sum(units.values()) / 20
    if abs(total - TOTAL_CHANCES) > 0.5 + 1e-9:
        raise ValueError(f"{card}: chances sum to {total:g}, not {TOTAL_CHANCES}")
    residue = SUB_CHANCES - sum(units.values())
    if residue:
        outs = [name for name in OUT_FIELDS if units.get(name, 0) > 0]
        if not outs:
            raise ValueError(f"{card}: chances sum to {total:g}, and there is no out result to adjust")
        largest = max(outs, key=lambda name: units[name])
        if units[largest] + residue < 0:
            raise ValueError(f"{card}: chances sum to {total:g}, not {TOTAL_CHANCES}")
        units[largest] += residue
    return units, residue / 20


def _reference_fatigued(
    chances: tuple[tuple[str, float], ...], table: tuple[CardResult, ...]
) -> tuple[CardResult, ...]:
    fatigued = list(table)
    start = 0
    for name, value in chances:
        count = round(value * 20)
        if name in OUT_FIELDS:
            fatigued[start : start + count // 5] = [CardResult(Outcome.SINGLE_2, None)] * (count // 5)
        start += count
    return tuple(fatigued)


def _reference(card: str, ratings: Mapping[str, object], allowed: frozenset[str], pull: Position | None):
    """(chances, table, adjustment, fatigued) as the original build made them, one CardResult per sub-chance."""
    units, adjustment = _reference_units(card, ratings, allowed)
    table: list[CardResult] = []
    chances: list[tuple[str, float]] = []
    for name, outcome, fielder in CARD_FIELDS:
        count = units.get(name, 0)
        if not count:
            continue
        for _ in range(count):
            table.append(CardResult(outcome, pull if name == "double_pull" else fielder))
        chances.append((name, count / 20))
    return tuple(chances), tuple(table), adjustment, _reference_fatigued(tuple(chances), tuple(table))


def _build(card: str, ratings: Mapping[str, object], allowed: frozenset[str], pull: Position | None) -> SplitCard:
    # the ratings here include malformed values on purpose: building checks them
    return SplitCard.build(card, cast(Chances, ratings), allowed, pull)


def _outcome(card: str, ratings: Mapping[str, object], allowed: frozenset[str], pull: Position | None):
    """What building does: the four parts of the split, or the error it raises (type and message)."""
    try:
        split = _build(card, ratings, allowed, pull)
    except (ValueError, TypeError, OverflowError) as error:
        return type(error), str(error)
    return split.chances, split.table, split.adjustment, split.fatigued


def _reference_outcome(card: str, ratings: Mapping[str, object], allowed: frozenset[str], pull: Position | None):
    try:
        return _reference(card, ratings, allowed, pull)
    except (ValueError, TypeError, OverflowError) as error:
        return type(error), str(error)


def assert_same_split(ratings: Mapping[str, object], allowed: frozenset[str], pull: Position | None) -> None:
    got = _outcome("card", ratings, allowed, pull)
    want = _reference_outcome("card", ratings, allowed, pull)
    if len(want) == 2:  # rejected: same error, same message
        assert got == want
        return
    chances, table, adjustment, fatigued = got
    assert chances == want[0]
    assert [type(value) for _, value in chances] == [float] * len(chances)
    assert adjustment == want[2]
    assert type(adjustment) is type(want[2])
    for built, expected in ((table, want[1]), (fatigued, want[3])):
        assert type(built) is tuple
        assert len(built) == SUB_CHANCES == len(expected)
        for index, (entry, reference) in enumerate(zip(built, expected, strict=True)):
            assert type(entry) is CardResult, index
            assert entry.outcome is reference.outcome, index
            assert entry.fielder is reference.fielder, index
    # Built on first read, whichever table is read first; the same card as one made with its tables given.
    split = _build("card", ratings, allowed, pull)
    assert split.fatigued == fatigued
    assert split.table == table
    eager = SplitCard(chances, want[1], want[2])  # the fatigued table derived from the fresh one, as before
    assert eager.fatigued == fatigued
    fresh = _build("card", ratings, allowed, pull)
    assert fresh == eager
    assert hash(_build("card", ratings, allowed, pull)) == hash(eager)


def test_unread_splits_copy_pickle_and_replace_with_their_tables():
    ratings = {"homerun": 8.0, "double_pull": 3.0, "strikeout": 60.0, "groundout_b": 37.0}
    want = _reference("card", ratings, BATTER_FIELDS, Position.LEFT_FIELD)
    for copy_of in (
        copy.copy,
        copy.deepcopy,
        lambda split: pickle.loads(pickle.dumps(split)),
        lambda split: dataclasses.replace(split, adjustment=0.0),
    ):
        split = copy_of(SplitCard.build("card", ratings, BATTER_FIELDS, Position.LEFT_FIELD))
        assert (split.chances, split.table, split.adjustment, split.fatigued) == want
    split = SplitCard.build("card", ratings, BATTER_FIELDS, Position.LEFT_FIELD)
    assert split.read(3, 6, 6, 20) == want[1][-1]
    assert split.read_fatigued(2, 1, 1, 1) == want[3][720]
    assert split.share(Outcome.DOUBLE_2) == 60
    assert repr(split) == repr(SplitCard(want[0], want[1], want[2]))


_PULLS = (None, Position.LEFT_FIELD, Position.RIGHT_FIELD, Position.CENTER_FIELD)


@st.composite
def chance_rows(draw: st.DrawFn) -> tuple[dict[str, object], frozenset[str]]:
    """A rating row of one kind of card: sub-chance counts summing to 2160 over a random subset of its fields,
    sometimes nudged off 108 (within and beyond the half-chance the import adjusts), as floats, Decimals or ints."""
    allowed = draw(st.sampled_from((BATTER_FIELDS, PITCHER_FIELDS)))
    names = [name for name in _NAMES if name in allowed]
    chosen = draw(st.lists(st.sampled_from(names), min_size=1, max_size=len(names), unique=True))
    cuts = sorted(draw(st.lists(st.integers(0, SUB_CHANCES), min_size=len(chosen) - 1, max_size=len(chosen) - 1)))
    counts = [b - a for a, b in zip([0, *cuts], [*cuts, SUB_CHANCES], strict=True)]
    nudge = draw(st.sampled_from((0, 0, 0, 1, -1, 3, -7, 10, -10, 11, -11, 40)))
    index = draw(st.integers(0, len(chosen) - 1))
    counts[index] = max(0, counts[index] + nudge)
    kind = draw(st.sampled_from(("float", "decimal", "int", "mixed")))
    row: dict[str, object] = {}
    for name, count in zip(chosen, counts, strict=True):
        value: object = count / 20
        if kind == "decimal" or (kind == "mixed" and count % 2):
            value = Decimal(count) / 20
        elif kind == "int" and count % 20 == 0:
            value = count // 20
        row[name] = value
    if draw(st.booleans()):  # zero-chance entries, of any field of the card, and key order shuffled
        for name in draw(st.lists(st.sampled_from(names), max_size=5)):
            row.setdefault(name, 0.0)
        row = dict(draw(st.permutations(list(row.items()))))
    return row, allowed


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chance_rows(), st.sampled_from(_PULLS))
def test_random_rows_build_the_reference_tables(row, pull):
    ratings, allowed = row
    assert_same_split(ratings, allowed, pull)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from((*_NAMES, "homer", "xcheck_zz")),
        st.one_of(
            st.floats(allow_nan=False, allow_infinity=False, min_value=-5, max_value=120),
            st.integers(-3, 120),
            st.booleans(),
            st.none(),
            st.text(max_size=3),
            st.decimals(min_value=-2, max_value=120, allow_nan=False, allow_infinity=False, places=3),
        ),
        max_size=12,
    ),
    st.sampled_from((BATTER_FIELDS, PITCHER_FIELDS)),
)
def test_arbitrary_rows_build_or_fail_like_the_reference(ratings, allowed):
    assert_same_split(ratings, allowed, Position.LEFT_FIELD)


@pytest.mark.parametrize(
    "ratings",
    [
        {"strikeout": 108.0},
        {"walk": 108.0},  # no out result: never fatigued
        {"double_pull": 108.0},
        {"homerun": 8.0, "strikeout": 60.0, "groundout_b": 39.7},  # adjusted up
        {"homerun": 8.0, "strikeout": 60.0, "groundout_b": 40.4},  # adjusted down
        {"homerun": 107.6, "strikeout": 0.2},  # the adjustment may not take an out below zero
        {"homerun": 108.3},  # off 108, no out to adjust
        {"strikeout": 100.0},
        {"strikeout": 20.25, "groundout_b": 13.25, "walk": 74.5},  # out counts that are not multiples of 5
        {"strikeout": 0.05, "popout": 0.1, "lineout": 0.15, "groundout_a": 0.2, "walk": 107.5},
        {"xcheck_ss": 8.0, "strikeout": 100.0},
        {"strikeout": float("nan"), "walk": 108.0},
        {"strikeout": float("inf")},
        {"strikeout": True, "walk": 107.0},
        {"strikeout": "108"},
        {},
    ],
)
@pytest.mark.parametrize("allowed", [BATTER_FIELDS, PITCHER_FIELDS])
def test_edge_rows_build_or_fail_like_the_reference(ratings, allowed):
    assert_same_split(ratings, allowed, Position.RIGHT_FIELD)


@pytest.mark.parametrize("code", ["pd", "sba"])
def test_every_demo_card_builds_the_reference_tables(code):
    built = 0
    for team in demo_league(code).teams:
        for player in team.players:
            cards: list[tuple[Any, frozenset[str], type[BatterCard] | type[PitcherCard]]] = [
                (player.batting.ratings, BATTER_FIELDS, BatterCard)
            ]
            if player.pitching is not None:
                cards.append((player.pitching.ratings, PITCHER_FIELDS, PitcherCard))
            for ratings, allowed, kind in cards:
                for pull in _PULLS:
                    for chances in ratings.values():
                        assert_same_split(chances, allowed, pull)
                        assert_same_split({k: float(v) for k, v in chances.items() if v}, allowed, pull)
                        built += 2
                card = kind.from_fields({"hand": "S" if kind is BatterCard else "L"}, *ratings.values())
                assert card == kind.from_fields({"hand": "S" if kind is BatterCard else "L"}, *ratings.values())
    assert built > 1000
