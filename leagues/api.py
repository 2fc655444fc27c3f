"""Read-only API over leagues, seasons and teams, plus standings."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from leagues.models import League, LeagueCode, Season, Team
from leagues.selectors import league_list, season_list, team_list
from leagues.stats import standings


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


class LeagueViewSet(viewsets.ReadOnlyModelViewSet[League]):
    """Leagues and their rule options, by code (`pd`, `sba`)."""

    serializer_class = LeagueSerializer
    lookup_field = "code"
    pagination_class = None

    queryset = league_list()


class SeasonFilter(filters.FilterSet):
    league = filters.ChoiceFilter(field_name="league__code", choices=LeagueCode.choices)

    class Meta:
        model = Season
        fields = ["league", "is_current"]


class SeasonViewSet(viewsets.ReadOnlyModelViewSet[Season]):
    serializer_class = SeasonSerializer
    filterset_class = SeasonFilter

    queryset = season_list()


class TeamFilter(filters.FilterSet):
    league = filters.ChoiceFilter(field_name="league__code", choices=LeagueCode.choices)
    season = filters.NumberFilter(field_name="season__number")
    abbreviation = filters.CharFilter(lookup_expr="iexact")

    class Meta:
        model = Team
        fields = ["league", "season", "abbreviation"]


class TeamViewSet(viewsets.ReadOnlyModelViewSet[Team]):
    serializer_class = TeamSerializer
    filterset_class = TeamFilter

    queryset = team_list()


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
    league = serializers.ChoiceField(choices=LeagueCode.choices)
    season = serializers.IntegerField(required=False, min_value=0, max_value=32767)


LEAGUE_SEASON_PARAMETERS = [
    OpenApiParameter("league", str, enum=LeagueCode.values, required=True),
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


class StandingsView(APIView):
    """W-L, percentage, games behind, runs for and against per team, from completed games."""

    @extend_schema(parameters=LEAGUE_SEASON_PARAMETERS, responses=StandingSerializer(many=True))
    def get(self, request: Request) -> Response:
        league, season = league_and_season(request)
        return Response(StandingSerializer(standings(league=league, season=season), many=True).data)
