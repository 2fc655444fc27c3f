"""Players, cardsets, cards and their ratings. PD rating rows are numeric (chances out of 108); SBA cards are
physical, so their rows may be absent. Field lists live in `players.ratings`."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from games.engine.enums import Hand, Position
from leagues.league_api.records import Grade
from leagues.models import League, Team
from players import ratings
from scorecard.choices import enum_choices, value_label

# The vocabularies are the engine's (hands, positions) and the league records' (grades); these are their choices.
BAT_HAND_CHOICES = enum_choices(Hand)
THROW_HAND_CHOICES = enum_choices((Hand.LEFT, Hand.RIGHT))
GRADE_CHOICES = enum_choices(Grade)
POSITION_CHOICES = enum_choices(Position, label=value_label)
PITCHER_POSITIONS = frozenset({"P", "SP", "RP", "CP"})  # a Player.positions entry that makes him a pitcher


class Player(models.Model):
    """A person as a league knows them: PD `player_id` (one card design) or SBA `id` (one season)."""

    league = models.ForeignKey(League, on_delete=models.CASCADE, related_name="players")
    external_id = models.CharField(max_length=64, help_text="PD player_id or SBA player id")
    name = models.CharField(max_length=100)
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="players", help_text="current team"
    )
    positions = models.JSONField(default=list, blank=True, help_text='eligible positions, e.g. ["2B", "SS"]')
    image = models.URLField(max_length=500, blank=True)
    image2 = models.URLField(max_length=500, blank=True)
    headshot = models.URLField(max_length=500, blank=True)
    vanity_card = models.URLField(max_length=500, blank=True)
    strat_code = models.CharField(max_length=64, blank=True)
    bbref_id = models.CharField(max_length=32, blank=True)
    fangraphs_id = models.CharField(max_length=32, blank=True)
    mlb_club = models.CharField(max_length=100, blank=True)
    franchise = models.CharField(max_length=100, blank=True)
    season = models.PositiveSmallIntegerField(null=True, blank=True, help_text="SBA season of this player row")
    sbaplayer_id = models.CharField("SBA cross-season id", max_length=64, blank=True)
    wara = models.DecimalField("WARa", max_digits=6, decimal_places=2, null=True, blank=True)
    injury_rating = models.CharField(max_length=8, blank=True, help_text="SBA format #p##, e.g. 2p65")
    pitcher_injury = models.SmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["league", "name"]
        constraints = [models.UniqueConstraint(fields=["league", "external_id"], name="player_unique_external_id")]
        indexes = [models.Index(fields=["league", "name"]), models.Index(fields=["sbaplayer_id"])]

    def __str__(self) -> str:
        return self.name


class Cardset(models.Model):
    league = models.ForeignKey(League, on_delete=models.CASCADE, related_name="cardsets")
    external_id = models.CharField(max_length=64, blank=True)
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    event = models.CharField(max_length=100, blank=True)
    for_purchase = models.BooleanField(default=False)
    in_packs = models.BooleanField(default=False)
    total_cards = models.PositiveIntegerField(null=True, blank=True)
    ranked_legal = models.BooleanField(default=False)

    class Meta:
        ordering = ["league", "name"]
        constraints = [
            models.UniqueConstraint(fields=["league", "name"], name="cardset_unique_name"),
            models.UniqueConstraint(
                fields=["league", "external_id"], condition=~Q(external_id=""), name="cardset_unique_external_id"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Card(models.Model):
    """One card of a player in a cardset: batting block (blank for pitcher-only cards) and pitching block
    (blank for position players). PD's batting and pitching cards are folded into this row."""

    player = models.ForeignKey(Player, on_delete=models.CASCADE, related_name="cards")
    cardset = models.ForeignKey(Cardset, on_delete=models.PROTECT, related_name="cards")
    variant = models.PositiveSmallIntegerField(default=0)
    image_url = models.URLField(max_length=500, blank=True)
    rarity = models.PositiveSmallIntegerField(null=True, blank=True, help_text="PD rarity value 0-5")
    rarity_name = models.CharField(max_length=32, blank=True)
    rarity_color = models.CharField(max_length=6, blank=True)
    cost = models.PositiveIntegerField(null=True, blank=True)
    # Batting card.
    batting_card_external_id = models.CharField(max_length=64, blank=True)
    bat_hand = models.CharField(max_length=1, choices=BAT_HAND_CHOICES, blank=True)
    running = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(20)])
    steal_auto = models.BooleanField(default=False)
    steal_jump = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    steal_high = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(20)])
    steal_low = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(20)])
    bunting = models.CharField(max_length=1, choices=GRADE_CHOICES, blank=True)
    hit_and_run = models.CharField(max_length=1, choices=GRADE_CHOICES, blank=True)
    offense_col = models.PositiveSmallIntegerField(null=True, blank=True)
    # Pitching card.
    pitching_card_external_id = models.CharField(max_length=64, blank=True)
    throw_hand = models.CharField(max_length=1, choices=THROW_HAND_CHOICES, blank=True)
    hold = models.SmallIntegerField(null=True, blank=True)
    balk = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(20)])
    wild_pitch = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(20)])
    starter_rating = models.PositiveSmallIntegerField(null=True, blank=True)
    relief_rating = models.PositiveSmallIntegerField(null=True, blank=True)
    closer_rating = models.PositiveSmallIntegerField(null=True, blank=True)
    pitcher_batting = models.CharField(max_length=16, blank=True, help_text='pitcher batting code, e.g. "#1WR-C"')

    class Meta:
        ordering = ["player__name", "variant"]
        constraints = [
            models.UniqueConstraint(fields=["player", "cardset", "variant"], name="card_unique_variant"),
            models.CheckConstraint(
                condition=Q(steal_jump__isnull=True) | Q(steal_jump__gte=0, steal_jump__lte=1),
                name="card_steal_jump_0_1",
            ),
        ]

    def __str__(self) -> str:
        suffix = f" v{self.variant}" if self.variant else ""
        return f"{self.player.name} ({self.cardset.name}{suffix})"

    @property
    def is_pitcher(self) -> bool:
        return bool(self.throw_hand)

    def clean(self) -> None:
        raise_card_errors(ratings.card_field_errors(self.__dict__))


def raise_card_errors(errors: dict[str, str]) -> None:
    """Turns `players.ratings` problems into a ValidationError keyed by field."""
    if errors:
        raise ValidationError({name: [message] for name, message in errors.items()})


def _chance_field() -> models.DecimalField[Decimal, Decimal]:
    return models.DecimalField(max_digits=6, decimal_places=2, default=Decimal(0))


def _abstract_chances(name: str, fields: tuple[str, ...], optional: tuple[str, ...] = ()) -> type[models.Model]:
    """An abstract model with one chance column per rating field, built from `players.ratings`."""
    attrs: dict[str, Any] = {"__module__": __name__, "Meta": type("Meta", (), {"abstract": True})}
    attrs.update({field: _chance_field() for field in fields})
    attrs.update(
        {field: models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True) for field in optional}
    )
    return type(name, (models.Model,), attrs)


BattingChances = _abstract_chances("BattingChances", ratings.BATTER_FIELDS)
PitchingChances = _abstract_chances("PitchingChances", ratings.PITCHER_FIELDS, ratings.PITCHER_OPTIONAL_FIELDS)


class RatingRow(models.Model):
    """Shared columns of a rating row: one per card and opposing hand."""

    vs_hand = models.CharField(max_length=1, choices=THROW_HAND_CHOICES)
    external_id = models.CharField(max_length=64, blank=True)
    avg = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    obp = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    slg = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)

    class Meta:
        abstract = True

    def chances(self) -> dict[str, Decimal]:
        raise NotImplementedError

    def chance_errors(self) -> dict[str, str]:
        raise NotImplementedError

    def clean(self) -> None:
        raise_card_errors(self.chance_errors())


class BattingRating(BattingChances, RatingRow):  # type: ignore[misc,valid-type]
    """A batter's chances against pitchers throwing `vs_hand`; avg/obp/slg are stored as the league sends them."""

    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="batting_ratings")
    pull_rate = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    center_rate = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    slap_rate = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)

    class Meta:
        ordering = ["card", "vs_hand"]
        constraints = [models.UniqueConstraint(fields=["card", "vs_hand"], name="batting_rating_unique_hand")]

    def __str__(self) -> str:
        return f"{self.card} batting vs {self.vs_hand}HP"

    def chances(self) -> dict[str, Decimal]:
        return {name: getattr(self, name) for name in ratings.BATTER_FIELDS}

    def chance_errors(self) -> dict[str, str]:
        return ratings.batter_chance_errors(self.chances())


class PitchingRating(PitchingChances, RatingRow):  # type: ignore[misc,valid-type]
    """A pitcher's chances against batters hitting `vs_hand`, X-checks included (about 29 of the 108)."""

    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="pitching_ratings")

    class Meta:
        ordering = ["card", "vs_hand"]
        constraints = [models.UniqueConstraint(fields=["card", "vs_hand"], name="pitching_rating_unique_hand")]

    def __str__(self) -> str:
        return f"{self.card} pitching vs {self.vs_hand}HB"

    def chances(self) -> dict[str, Decimal]:
        names = (*ratings.PITCHER_FIELDS, *ratings.PITCHER_OPTIONAL_FIELDS)
        return {name: getattr(self, name) for name in names if getattr(self, name) is not None}

    def chance_errors(self) -> dict[str, str]:
        return ratings.pitcher_chance_errors(self.chances())


class PositionRating(models.Model):
    """Fielding at one position: range 1 (best)-5, error rating, arm (OF/C; negative = strong), catcher
    passed_ball (PD `pb`) and throwing (PD `overthrow`)."""

    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="positions")
    position = models.CharField(max_length=2, choices=POSITION_CHOICES)
    external_id = models.CharField(max_length=64, blank=True)
    innings = models.PositiveIntegerField(default=0)
    range = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(ratings.RANGE_MIN), MaxValueValidator(ratings.RANGE_MAX)]
    )
    error = models.PositiveSmallIntegerField(default=0)
    arm = models.SmallIntegerField(null=True, blank=True)
    passed_ball = models.PositiveSmallIntegerField(null=True, blank=True)
    throwing = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["card", "position"]
        constraints = [
            models.UniqueConstraint(fields=["card", "position"], name="position_rating_unique"),
            models.CheckConstraint(condition=Q(range__gte=1, range__lte=5), name="position_rating_range_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.card} at {self.position}"

    def clean(self) -> None:
        if message := ratings.range_error(self.range):
            raise ValidationError({"range": [message]})
