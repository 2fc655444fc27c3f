"""Read-only API over leagues, seasons and teams, plus standings."""

from __future__ import annotations

from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from leagues.models import LEAGUE_CODE_CHOICES, League, Season, Team
from leagues.selectors import league_list, season_list, team_list
from leagues.serializers import (
    LEAGUE_SEASON_PARAMETERS,
    LeagueSerializer,
    SeasonSerializer,
    StandingSerializer,
    TeamSerializer,
    league_and_season,
)
from leagues.stats import standings


class LeagueViewSet(viewsets.ReadOnlyModelViewSet[League]):
    """Leagues and their rule options, by code (`pd`, `sba`)."""

    serializer_class = LeagueSerializer
    lookup_field = "code"
    pagination_class = None

    queryset = league_list()


class SeasonFilter(filters.FilterSet):
    league = filters.ChoiceFilter(field_name="league__code", choices=LEAGUE_CODE_CHOICES)

    class Meta:
        model = Season
        fields = ["league", "is_current"]


class SeasonViewSet(viewsets.ReadOnlyModelViewSet[Season]):
    serializer_class = SeasonSerializer
    filterset_class = SeasonFilter

    queryset = season_list()


class TeamFilter(filters.FilterSet):
    league = filters.ChoiceFilter(field_name="league__code", choices=LEAGUE_CODE_CHOICES)
    season = filters.NumberFilter(field_name="season__number")
    abbreviation = filters.CharFilter(lookup_expr="iexact")

    class Meta:
        model = Team
        fields = ["league", "season", "abbreviation"]


class TeamViewSet(viewsets.ReadOnlyModelViewSet[Team]):
    serializer_class = TeamSerializer
    filterset_class = TeamFilter

    queryset = team_list()


class StandingsView(APIView):
    """W-L, percentage, games behind, runs for and against per team, from completed games."""

    @extend_schema(parameters=LEAGUE_SEASON_PARAMETERS, responses=StandingSerializer(many=True))
    def get(self, request: Request) -> Response:
        league, season = league_and_season(request)
        return Response(StandingSerializer(standings(league=league, season=season), many=True).data)
