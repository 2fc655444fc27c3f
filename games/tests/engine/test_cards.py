import itertools
from decimal import Decimal

import pytest

from games.engine.cards import CARD_FIELDS, SUB_CHANCES, BatterCard, FielderRating, PitcherCard
from games.engine.enums import Hand, Outcome, Position
from games.engine.scenarios import AVERAGE_BATTER, AVERAGE_PITCHER


def test_each_outcome_takes_chances_times_20_sub_chances():
    card = BatterCard.from_fields({"hand": "R"}, AVERAGE_BATTER)
    split = card.vs_right
    assert len(split.table) == SUB_CHANCES
    by_outcome: dict[Outcome, float] = {}
    for name, outcome, _ in CARD_FIELDS:
        by_outcome[outcome] = by_outcome.get(outcome, 0) + AVERAGE_BATTER.get(name, 0)
    for outcome, chances in by_outcome.items():
        assert split.share(outcome) == round(chances * 20)


def test_dice_index_walks_the_canonical_order():
    card = BatterCard.from_fields({}, {"homerun": 5.0, "strikeout": 103.0}).vs_right
    assert card.read(1, 1, 1, 1).outcome is Outcome.HOMERUN
    assert card.read(1, 1, 5, 20).outcome is Outcome.HOMERUN
    assert card.read(1, 1, 6, 1).outcome is Outcome.STRIKEOUT
    assert card.read(4, 1, 1, 1).outcome is Outcome.HOMERUN


def test_every_sub_chance_is_one_die_combination():
    card = PitcherCard.from_fields({}, AVERAGE_PITCHER).vs_left
    seen = [
        card.read(c, d1, d2, s)
        for c, d1, d2, s in itertools.product(range(1, 4), range(1, 7), range(1, 7), range(1, 21))
    ]
    assert len(seen) == SUB_CHANCES
    assert sum(1 for r in seen if r.outcome is Outcome.X_CHECK and r.fielder is Position.SHORTSTOP) == 3 * 20


def test_pull_double_follows_the_batting_side():
    switch = BatterCard.from_fields({"hand": "S"}, {"double_pull": 108.0})
    assert switch.vs_left.read(1, 1, 1, 1).fielder is Position.LEFT_FIELD
    assert switch.vs_right.read(1, 1, 1, 1).fielder is Position.RIGHT_FIELD


def test_printed_fielders_are_kept():
    card = PitcherCard.from_fields({"hand": "L"}, {"flyout_cf_b": 1.0, "double_cf": 1.0, "strikeout": 106.0})
    first = card.vs_right.read(1, 1, 1, 1)
    assert first == (Outcome.DOUBLE_UNCAPPED, Position.CENTER_FIELD)
    assert card.vs_right.read(3, 6, 6, 20) == (Outcome.FLYBALL_B, Position.CENTER_FIELD)


def test_sum_far_from_108_is_rejected_naming_the_sum():
    with pytest.raises(ValueError, match="sum to 100"):
        BatterCard.from_fields({}, {"strikeout": 100.0})


def test_sum_within_half_a_chance_is_adjusted_on_the_largest_out():
    card = BatterCard.from_fields({}, {"homerun": 8.0, "strikeout": 60.0, "groundout_b": 39.7})
    assert card.vs_left.adjustment == pytest.approx(0.3)
    assert dict(card.vs_left.chances)["strikeout"] == pytest.approx(60.3)


@pytest.mark.parametrize(
    ("ratings", "message"),
    [
        ({"homer": 108.0}, "unknown rating field 'homer'"),
        ({"strikeout": -1.0, "walk": 109.0}, "non-negative"),
        ({"xcheck_ss": 8.0, "strikeout": 100.0}, "xcheck_ss does not belong"),
    ],
)
def test_bad_fields_are_named(ratings, message):
    with pytest.raises(ValueError, match=message):
        BatterCard.from_fields({}, ratings)


def test_card_level_fields():
    card = BatterCard.from_fields(
        {"hand": "L", "running": 15, "steal_auto": True, "steal_jump": 0.5, "bunting": "A"}, {"walk": 108.0}
    )
    assert (card.hand, card.running, card.steal_auto, card.bunting) == (Hand.LEFT, 15, True, "A")
    with pytest.raises(ValueError, match="hand"):
        PitcherCard.from_fields({"hand": "S"}, {"walk": 108.0})
    assert FielderRating.from_fields({"range": 2, "arm": -2}).arm == -2
    with pytest.raises(ValueError, match="range"):
        FielderRating.from_fields({"range": 6})


def test_model_shaped_fields_decimal_chances_and_blank_defaults():
    chances = {name: Decimal(str(value)) for name, value in AVERAGE_BATTER.items()}
    card = BatterCard.from_fields(
        {"bat_hand": "S", "running": None, "steal_jump": Decimal("0.2500"), "bunting": "", "hit_and_run": ""},
        chances,
    )
    assert (card.hand, card.running, card.steal_jump, card.bunting) == (Hand.SWITCH, 12, 0.25, "C")
    pitcher = PitcherCard.from_fields(
        {"throw_hand": "L", "hold": None, "balk": 2, "starter_rating": 6, "relief_rating": None},
        {**AVERAGE_PITCHER, "strikeout": 20.0, "lineout": 1.0, "popout": 1.5},
    )
    assert (pitcher.hand, pitcher.hold, pitcher.starter_rating, pitcher.relief_rating) == (Hand.LEFT, 0, 6, None)
    assert pitcher.vs_left.share(Outcome.POPOUT) == 30
    rating = FielderRating.from_fields({"position": "C", "range": 2, "error": 4, "arm": None, "passed_ball": 3})
    assert (rating.arm, rating.passed_ball) == (0, 3)
