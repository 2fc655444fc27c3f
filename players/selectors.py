"""Reads about players and their cards."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from players.models import BattingRating, Card, PitchingRating, Player, PositionRating


def player_list() -> QuerySet[Player]:
    return Player.objects.select_related("league", "team").order_by("league_id", "name", "id")


def card_list() -> QuerySet[Card]:
    """Cards with player, cardset, ratings per hand and position ratings (four queries for any page)."""
    return (
        Card.objects.select_related("player__league", "cardset")
        .prefetch_related(
            Prefetch("batting_ratings", queryset=BattingRating.objects.order_by("vs_hand")),
            Prefetch("pitching_ratings", queryset=PitchingRating.objects.order_by("vs_hand")),
            Prefetch("positions", queryset=PositionRating.objects.order_by("position")),
        )
        .order_by("player__name", "variant", "id")
    )
