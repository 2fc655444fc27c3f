from decimal import Decimal

import factory

from leagues.tests.factories import LeagueFactory, ModelFactory
from players.models import BattingRating, Card, Cardset, PitchingRating, Player, PositionRating
from players.ratings import BATTER_FIELDS, PITCHER_FIELDS, XCHECK_FIELDS


def even_batter_chances() -> dict[str, Decimal]:
    """A valid batter row: 108 spread over the 22 fields (4.9 each, the remainder on groundout_b)."""
    values = dict.fromkeys(BATTER_FIELDS, Decimal("4.9"))
    values["groundout_b"] += Decimal(108) - sum(values.values())
    return values


def even_pitcher_chances() -> dict[str, Decimal]:
    """A valid pitcher row: 29 X-check chances and 79 over the other fields."""
    values = {name: Decimal(0) for name in PITCHER_FIELDS}
    values.update(dict.fromkeys(XCHECK_FIELDS, Decimal(3)))
    values["xcheck_ss"] = Decimal(5)
    values.update({"walk": Decimal(9), "strikeout": Decimal(20), "single_one": Decimal(15), "groundout_b": Decimal(35)})
    return values


class PlayerFactory(ModelFactory[Player]):
    class Meta:
        model = Player

    league = factory.SubFactory(LeagueFactory)
    external_id = factory.Sequence(str)
    name = factory.Sequence(lambda n: f"Player {n}")
    positions = factory.LazyFunction(lambda: ["SS"])


class CardsetFactory(ModelFactory[Cardset]):
    class Meta:
        model = Cardset

    league = factory.SubFactory(LeagueFactory)
    name = factory.Sequence(lambda n: f"Cardset {n}")


class CardFactory(ModelFactory[Card]):
    class Meta:
        model = Card

    player = factory.SubFactory(PlayerFactory)
    cardset = factory.SubFactory(CardsetFactory, league=factory.SelfAttribute("..player.league"))
    bat_hand = "R"
    running = 12
    steal_jump = Decimal("0.2778")
    steal_high = 13
    steal_low = 9
    bunting = "B"
    hit_and_run = "C"


class BattingRatingFactory(ModelFactory[BattingRating]):
    class Meta:
        model = BattingRating

    card = factory.SubFactory(CardFactory)
    vs_hand = "R"

    @classmethod
    def _adjust_kwargs(cls, **kwargs: object) -> dict[str, object]:
        return {**even_batter_chances(), **kwargs}


class PitchingRatingFactory(ModelFactory[PitchingRating]):
    class Meta:
        model = PitchingRating

    card = factory.SubFactory(CardFactory, throw_hand="R", hold=1, balk=1, wild_pitch=3, starter_rating=6)
    vs_hand = "R"

    @classmethod
    def _adjust_kwargs(cls, **kwargs: object) -> dict[str, object]:
        return {**even_pitcher_chances(), **kwargs}


class PositionRatingFactory(ModelFactory[PositionRating]):
    class Meta:
        model = PositionRating

    card = factory.SubFactory(CardFactory)
    position = "SS"
    range = 3
    error = 12
