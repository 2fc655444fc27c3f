"""Model validation names the bad field; the database enforces uniqueness and ranges."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from players.models import BattingRating, PitchingRating
from players.ratings import BATTER_FIELDS, PITCHER_FIELDS, PITCHER_OPTIONAL_FIELDS
from players.tests.factories import (
    BattingRatingFactory,
    CardFactory,
    PitchingRatingFactory,
    PositionRatingFactory,
)

pytestmark = pytest.mark.django_db


def _messages(excinfo: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return excinfo.value.message_dict


def test_rating_models_hold_the_shared_field_lists() -> None:
    batting = {field.name for field in BattingRating._meta.get_fields()}
    pitching = {field.name for field in PitchingRating._meta.get_fields()}
    assert set(BATTER_FIELDS) <= batting
    assert set(PITCHER_FIELDS) | set(PITCHER_OPTIONAL_FIELDS) <= pitching


def test_valid_card_passes_full_clean() -> None:
    BattingRatingFactory().full_clean()
    PitchingRatingFactory().full_clean()
    PositionRatingFactory().full_clean()


def test_wrong_sum_is_refused() -> None:
    rating = BattingRatingFactory.build(card=CardFactory(), homerun=Decimal("6.9"))
    with pytest.raises(ValidationError) as excinfo:
        rating.full_clean()
    assert "sum to 110" in str(_messages(excinfo)["__all__"])


def test_bad_multiple_is_refused_naming_the_field() -> None:
    rating = PitchingRatingFactory.build(card=CardFactory(), walk=Decimal("9.02"), strikeout=Decimal("19.98"))
    with pytest.raises(ValidationError) as excinfo:
        rating.full_clean()
    assert "walk" in _messages(excinfo)
    assert "strikeout" in _messages(excinfo)


def test_negative_value_is_refused_naming_the_field() -> None:
    rating = BattingRatingFactory.build(card=CardFactory(), groundout_b=Decimal("-1"))
    with pytest.raises(ValidationError) as excinfo:
        rating.full_clean()
    assert "must not be negative" in _messages(excinfo)["groundout_b"][0]


def test_range_six_is_refused() -> None:
    position = PositionRatingFactory.build(card=CardFactory(), range=6)
    with pytest.raises(ValidationError) as excinfo:
        position.full_clean()
    assert "range" in _messages(excinfo)


def test_range_six_is_refused_by_the_database() -> None:
    with pytest.raises(IntegrityError):
        PositionRatingFactory(range=6)


def test_bad_steal_jump_and_grades_are_refused() -> None:
    card = CardFactory.build(player=CardFactory().player, steal_jump=Decimal("0.3"), bunting="E")
    card.cardset = CardFactory().cardset
    with pytest.raises(ValidationError) as excinfo:
        card.full_clean()
    assert {"steal_jump", "bunting"} <= set(_messages(excinfo))


def test_one_rating_row_per_hand() -> None:
    rating = BattingRatingFactory(vs_hand="L")
    with pytest.raises(IntegrityError):
        BattingRatingFactory(card=rating.card, vs_hand="L")
