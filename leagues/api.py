"""Read-only API over leagues, seasons and teams, plus standings, schedules, and a team's and a player's season
(the data of their pages)."""

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
from leagues.player_selectors import player_season
from leagues.schedule_selectors import scheduled_games, season_current
from leagues.selectors import league_list, season_list, team_list
from leagues.serializers import (
    LEAGUE_SEASON_PARAMETERS,
    LeagueSerializer,
    PlayerSeasonSerializer,
    ScheduledGameSerializer,
    ScheduleQuery,
    SeasonQuery,
    SeasonSerializer,
    StandingSerializer,
    TeamSeasonSerializer,
    TeamSerializer,
    league_and_season,
)
from leagues.stats import standings
from leagues.team_selectors import team_season
from players.models import Player


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


def _season(request: Request, league: League, default: Season | None) -> Season | None:
    """`?season=N` of `league` (400 when malformed, 404 when unknown); `default` without it."""
    query = SeasonQuery(data=request.query_params)
    query.is_valid(raise_exception=True)
    number = query.validated_data.get("season")
    return default if number is None else get_object_or_404(Season, league=league, number=number)


class TeamSeasonView(APIView):
    """A team's season, as its page shows it: roster (with availability), the season's scheduled games with
    results, and season batting and pitching lines from completed games (default: the team's season, else the
    league's current one)."""

    @extend_schema(parameters=[SeasonQuery], responses=TeamSeasonSerializer)
    def get(self, request: Request, pk: int) -> Response:
        team = get_object_or_404(team_list(), pk=pk)
        season = _season(request, team.league, team.season or season_current(team.league))
        return Response(TeamSeasonSerializer(team_season(team, season)).data)


class PlayerSeasonView(APIView):
    """A player's season, as his page shows it: season batting and pitching lines, game logs (one row per completed
    game) and splits vs left and right (default: the league's current season)."""

    @extend_schema(parameters=[SeasonQuery], responses=PlayerSeasonSerializer)
    def get(self, request: Request, pk: int) -> Response:
        player = get_object_or_404(Player.objects.select_related("league", "team"), pk=pk)
        season = _season(request, player.league, season_current(player.league))
        return Response(PlayerSeasonSerializer(player_season(player, season)).data)
