"""Read-only API over leagues, seasons and teams, plus standings and schedules."""

from __future__ import annotations

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from leagues.models import LEAGUE_CODE_CHOICES, League, Season, Team
from leagues.schedule_selectors import scheduled_games, season_current
from leagues.selectors import league_list, season_list, team_list
from leagues.serializers import (
    LEAGUE_SEASON_PARAMETERS,
    LeagueSerializer,
    ScheduledGameSerializer,
    ScheduleQuery,
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


class ScheduleView(APIView):
    """A season's scheduled games (default: the league's current season), by week, series and game number;
    `week` and `team` (abbreviation) narrow it."""

    @extend_schema(
        parameters=[ScheduleQuery],
        responses=ScheduledGameSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        query = ScheduleQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        league = get_object_or_404(League, code=data["league"])
        number = data.get("season")
        season = season_current(league) if number is None else get_object_or_404(Season, league=league, number=number)
        if season is None:
            return Response([])
        games = scheduled_games(season)
        if "week" in data:
            games = games.filter(series__week=data["week"])
        if "team" in data:
            team = data["team"]
            games = games.filter(Q(home_team__abbreviation__iexact=team) | Q(away_team__abbreviation__iexact=team))
        return Response(ScheduledGameSerializer(games, many=True).data)
