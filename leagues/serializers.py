"""REST representations of leagues, seasons, teams and standings, and the `league` / `season` query every
season-level endpoint takes (shared by the leagues' and the games' API views)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.request import Request

from leagues.models import LEAGUE_CODE_CHOICES, League, Season, Team
from scorecard.choices import choice_values


class LeagueSerializer(serializers.ModelSerializer[League]):
    class Meta:
        model = League
        fields = [
            "id",
            "code",
            "name",
            "innings",
            "dh",
            "extra_inning_runner",
            "mercy_rule",
            "mercy_run_margin",
            "mercy_inning",
            "resolution_mode",
            "decision_window_seconds",
            "park_hr_number",
            "park_single_number",
            "injuries",
            "rare_plays",
        ]


class SeasonSerializer(serializers.ModelSerializer[Season]):
    league: serializers.SlugRelatedField[League] = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Season
        fields = ["id", "league", "number", "is_current"]


class TeamSerializer(serializers.ModelSerializer[Team]):
    league: serializers.SlugRelatedField[League] = serializers.SlugRelatedField(slug_field="code", read_only=True)
    season = serializers.IntegerField(source="season.number", read_only=True, allow_null=True, default=None)
    ballpark = serializers.CharField(source="ballpark.name", read_only=True, allow_null=True, default=None)

    class Meta:
        model = Team
        fields = [
            "id",
            "league",
            "season",
            "external_id",
            "abbreviation",
            "name",
            "short_name",
            "color",
            "ballpark",
            "division_name",
            "division_abbrev",
            "thumbnail",
        ]


class StandingSerializer(serializers.Serializer[object]):
    team = TeamSerializer()
    wins = serializers.IntegerField()
    losses = serializers.IntegerField()
    pct = serializers.FloatField()
    games_behind = serializers.FloatField()
    runs_for = serializers.IntegerField()
    runs_against = serializers.IntegerField()
    run_differential = serializers.IntegerField()


class LeagueSeasonQuery(serializers.Serializer[object]):
    league = serializers.ChoiceField(choices=LEAGUE_CODE_CHOICES)
    season = serializers.IntegerField(required=False, min_value=0, max_value=32767)


LEAGUE_SEASON_PARAMETERS = [
    OpenApiParameter("league", str, enum=choice_values(LEAGUE_CODE_CHOICES), required=True),
    OpenApiParameter("season", int, description="season number; all seasons when absent"),
]


def league_and_season(request: Request) -> tuple[League, Season | None]:
    """The `league` and optional `season` query parameters as objects (400 when malformed, 404 when unknown)."""
    query = LeagueSeasonQuery(data=request.query_params)
    query.is_valid(raise_exception=True)
    league = get_object_or_404(League, code=query.validated_data["league"])
    number = query.validated_data.get("season")
    season = None if number is None else get_object_or_404(Season, league=league, number=number)
    return league, season
