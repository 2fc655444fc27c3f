"""Read-only API over players and cards (ratings per opposing hand, position ratings)."""

from __future__ import annotations

from django_filters import rest_framework as filters
from rest_framework import serializers, viewsets

from leagues.models import LEAGUE_CODE_CHOICES, League, Team
from players import ratings
from players.models import BattingRating, Card, PitchingRating, Player, PositionRating
from players.selectors import card_list, player_list

RATING_FIELDS = ["vs_hand", "avg", "obp", "slg"]


class PlayerSerializer(serializers.ModelSerializer[Player]):
    league: serializers.SlugRelatedField[League] = serializers.SlugRelatedField(slug_field="code", read_only=True)
    team: serializers.PrimaryKeyRelatedField[Team] = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    positions = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = Player
        fields = [
            "id",
            "league",
            "external_id",
            "name",
            "team",
            "positions",
            "image",
            "headshot",
            "mlb_club",
            "franchise",
            "season",
            "wara",
            "injury_rating",
        ]


class BattingRatingSerializer(serializers.ModelSerializer[BattingRating]):
    class Meta:
        model = BattingRating
        fields = [*RATING_FIELDS, *ratings.BATTER_FIELDS, "pull_rate", "center_rate", "slap_rate"]


class PitchingRatingSerializer(serializers.ModelSerializer[PitchingRating]):
    class Meta:
        model = PitchingRating
        fields = [*RATING_FIELDS, *ratings.PITCHER_FIELDS, *ratings.PITCHER_OPTIONAL_FIELDS]


class PositionRatingSerializer(serializers.ModelSerializer[PositionRating]):
    class Meta:
        model = PositionRating
        fields = ["position", "innings", "range", "error", "arm", "passed_ball", "throwing"]


class CardSerializer(serializers.ModelSerializer[Card]):
    player = PlayerSerializer()
    cardset = serializers.CharField(source="cardset.name")
    batting_ratings = BattingRatingSerializer(many=True)
    pitching_ratings = PitchingRatingSerializer(many=True)
    positions = PositionRatingSerializer(many=True)

    class Meta:
        model = Card
        fields = [
            "id",
            "player",
            "cardset",
            "variant",
            "image_url",
            "rarity",
            "rarity_name",
            "cost",
            "bat_hand",
            "running",
            "steal_auto",
            "steal_jump",
            "steal_high",
            "steal_low",
            "bunting",
            "hit_and_run",
            "offense_col",
            "throw_hand",
            "hold",
            "balk",
            "wild_pitch",
            "starter_rating",
            "relief_rating",
            "closer_rating",
            "pitcher_batting",
            "batting_ratings",
            "pitching_ratings",
            "positions",
        ]


class PlayerFilter(filters.FilterSet):
    league = filters.ChoiceFilter(field_name="league__code", choices=LEAGUE_CODE_CHOICES)
    name = filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = Player
        fields = ["league", "team", "name"]


class PlayerViewSet(viewsets.ReadOnlyModelViewSet[Player]):
    serializer_class = PlayerSerializer
    filterset_class = PlayerFilter

    queryset = player_list()


class CardFilter(filters.FilterSet):
    league = filters.ChoiceFilter(field_name="player__league__code", choices=LEAGUE_CODE_CHOICES)

    class Meta:
        model = Card
        fields = ["league", "player", "cardset"]


class CardViewSet(viewsets.ReadOnlyModelViewSet[Card]):
    serializer_class = CardSerializer
    filterset_class = CardFilter

    queryset = card_list()
