"""Games API: list and detail with filters, scheduling, plays (cursor pages), lineups, box and line score, the
game log. Views parse, check the caller's role (`api.permissions`) and call one selector or service."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django_filters import rest_framework as filters
from django_filters.fields import IsoDateTimeField
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, inline_serializer
from rest_framework import exceptions, mixins, pagination, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.permissions import can_run_league, can_set_lineup, token_league_id
from games.access import SYSTEM, Actor, game_list_visible
from games.entered import mismatch_view
from games.errors import ErrorCode, GameError, InvalidLineup
from games.models import AiDifficulty, Game, GameMode, GameStatus, Lineup, Play, Visibility
from games.selectors import LineupEntry, game_box_score_data, game_lineups, game_log_text, game_plays
from games.services import game_create, game_set_lineup, game_start
from leagues.models import LEAGUE_CODE_CHOICES, League, Season, Team
from leagues.serializers import (
    LEAGUE_SEASON_PARAMETERS,
    PlayerBattingSerializer,
    PlayerPitchingSerializer,
    TeamSerializer,
    league_and_season,
)
from leagues.stats import season_batting, season_pitching
from players.models import POSITION_CHOICES, Cardset


class GameConflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "the game is not in a state that allows this"
    default_code = "conflict"


def _api_error(error: GameError) -> exceptions.APIException:
    """The HTTP error for a service's GameError: InvalidLineup's per-field errors as a 400 body
    (`{"slot 3": ["..."], "pitcher": ["..."]}`), refusals as 403, a game in the wrong state as 409."""
    if isinstance(error, InvalidLineup):
        return exceptions.ValidationError({field: [message] for field, message in error.errors.items()})
    if error.code is ErrorCode.FORBIDDEN:
        return exceptions.PermissionDenied(error.message)
    if error.code is ErrorCode.NOT_FOUND:
        return exceptions.NotFound(error.message)
    if error.code is ErrorCode.INVALID:
        return exceptions.ValidationError({"detail": [error.message]})
    return GameConflict(error.message)


def _acting_user(request: Request) -> Actor:
    """Who a write acts as in the services: the `SYSTEM` (the league itself) for a token scoped to the league the
    view has already checked, else the signed-in user."""
    return SYSTEM if token_league_id(request) is not None else request.user


class GameSerializer(serializers.ModelSerializer[Game]):
    league: serializers.SlugRelatedField[League] = serializers.SlugRelatedField(slug_field="code", read_only=True)
    season = serializers.IntegerField(source="season.number", read_only=True, allow_null=True, default=None)
    home_team = TeamSerializer()
    away_team = TeamSerializer()

    class Meta:
        model = Game
        fields = [
            "id",
            "league",
            "season",
            "status",
            "game_mode",
            "visibility",
            "home_team",
            "away_team",
            "home_is_ai",
            "away_is_ai",
            "ai_difficulty",
            "current_inning",
            "current_half",
            "away_score",
            "home_score",
            "version",
            "is_locked",
            "forfeit_reason",
            "forfeit_winner",
            "created_at",
            "started_at",
            "finished_at",
        ]


class GameScheduleSerializer(serializers.Serializer[Any]):
    league = serializers.ChoiceField(choices=LEAGUE_CODE_CHOICES)
    season = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=32767)
    home_team = serializers.IntegerField(min_value=1)
    away_team = serializers.IntegerField(min_value=1)
    game_mode = serializers.ChoiceField(choices=GameMode.choices, default=GameMode.FRIENDLY)
    visibility = serializers.ChoiceField(choices=Visibility.choices, default=Visibility.PUBLIC)
    home_is_ai = serializers.BooleanField(default=False)
    away_is_ai = serializers.BooleanField(default=False)
    ai_difficulty = serializers.ChoiceField(choices=AiDifficulty.choices, default=AiDifficulty.BALANCED)
    cardsets = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        default=list,
        max_length=50,
        help_text="PD: the approved cardset ids in priority order; each team's roster is its cards in them",
    )

    def validate_cardsets(self, value: list[int]) -> list[int]:
        if len(set(value)) != len(value):
            raise serializers.ValidationError("a cardset is listed twice")
        return value


class LineupSerializer(serializers.ModelSerializer[Lineup]):
    player_name = serializers.CharField(source="player.name", read_only=True)
    team = serializers.IntegerField(source="team_id", read_only=True)

    class Meta:
        model = Lineup
        fields = [
            "id",
            "team",
            "player",
            "player_name",
            "card",
            "position",
            "batting_order",
            "is_starter",
            "is_active",
            "entered_inning",
            "replacing",
            "after_play",
        ]


class LineupSlotSerializer(serializers.Serializer[Any]):
    player = serializers.IntegerField(min_value=1)
    card = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    position = serializers.ChoiceField(choices=POSITION_CHOICES)
    batting_order = serializers.IntegerField(min_value=1, max_value=9, allow_null=True)


class LineupSetSerializer(serializers.Serializer[Any]):
    team = serializers.IntegerField(min_value=1)
    # many=True hands min_length/max_length to the ListSerializer; the stubs' __init__ does not list them
    starters = LineupSlotSerializer(many=True, min_length=9, max_length=10)  # type: ignore[call-arg]


class PlaySerializer(serializers.ModelSerializer[Play]):
    batter_name = serializers.CharField(source="batter.player.name", read_only=True, allow_null=True, default=None)
    pitcher_name = serializers.CharField(source="pitcher.player.name", read_only=True, allow_null=True, default=None)
    mismatch = serializers.SerializerMethodField(
        help_text="manual mode, a result entered against the card: {side, entered, card_reads, text}, else null"
    )

    @extend_schema_field(
        inline_serializer(
            "PlayMismatch",
            {
                "side": serializers.CharField(),
                "entered": serializers.CharField(),
                "card_reads": serializers.CharField(),
                "text": serializers.CharField(),
            },
            allow_null=True,
        )
    )
    def get_mismatch(self, play: Play) -> dict[str, Any] | None:
        return mismatch_view(play.mismatch)

    class Meta:
        model = Play
        exclude = ["game", "result_state", "locked"]


class UtcIsoDateTimeField(IsoDateTimeField):
    """ISO 8601 instants, converted to UTC (the database refuses offsets beyond ±15:59); unrepresentable ones are
    invalid input."""

    def to_python(self, value: Any) -> dt.datetime | None:
        parsed = super().to_python(value)
        try:
            return None if parsed is None else parsed.astimezone(dt.UTC)
        except OverflowError as error:
            raise DjangoValidationError(self.error_messages["invalid"], code="invalid") from error


class UtcIsoDateTimeFilter(filters.IsoDateTimeFilter):
    field_class = UtcIsoDateTimeField


class GameFilter(filters.FilterSet):
    league = filters.ChoiceFilter(field_name="league__code", choices=LEAGUE_CODE_CHOICES)
    season = filters.NumberFilter(field_name="season__number")
    team = filters.NumberFilter(method="filter_team", label="home or away team id")
    status = filters.ChoiceFilter(choices=GameStatus.choices)
    created_after = UtcIsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = UtcIsoDateTimeFilter(field_name="created_at", lookup_expr="lt")
    finished_after = UtcIsoDateTimeFilter(field_name="finished_at", lookup_expr="gte")
    finished_before = UtcIsoDateTimeFilter(field_name="finished_at", lookup_expr="lt")

    class Meta:
        model = Game
        fields = ["league", "season", "team", "status", "visibility"]

    def filter_team(self, queryset: QuerySet[Game], name: str, value: int) -> QuerySet[Game]:
        return queryset.filter(Q(home_team_id=value) | Q(away_team_id=value))


class PlayCursorPagination(pagination.CursorPagination):
    """Cursor pages of plays; a cursor whose position is not a play number is a 400, not a database error."""

    ordering = "play_number"
    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"
    MAX_POSITION = 2**31 - 1

    def decode_cursor(self, request: Request) -> pagination.Cursor | None:
        try:
            cursor = super().decode_cursor(request)
        except exceptions.NotFound as error:
            raise exceptions.ValidationError({"cursor": [str(error.detail)]}) from error
        position = None if cursor is None else cursor.position
        if position is not None:
            text = str(position)
            if not (text.isascii() and text.isdigit() and len(text) <= 10 and int(text) <= self.MAX_POSITION):
                raise exceptions.ValidationError({"cursor": [self.invalid_cursor_message]})
        return cursor


BOX_SCORE = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description="`games.selectors.game_box_score_data`: teams.away/home (team, line, batting, pitching),"
    " decisions (W/L/S)",
)
TEAM_LINE = inline_serializer(
    "TeamLine",
    {
        "name": serializers.CharField(),
        "innings": serializers.ListField(child=serializers.IntegerField(allow_null=True)),
        "runs": serializers.IntegerField(),
        "hits": serializers.IntegerField(),
        "errors": serializers.IntegerField(),
        "left_on_base": serializers.IntegerField(),
    },
)
LINE_SCORE = inline_serializer("LineScore", {"away": TEAM_LINE, "home": TEAM_LINE})


class GameViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet[Game]):
    """Games the caller may see (public ones, plus private ones of their leagues and teams)."""

    serializer_class = GameSerializer
    filterset_class = GameFilter

    def get_queryset(self) -> QuerySet[Game]:
        return game_list_visible(user=self.request.user, token_league_id=token_league_id(self.request))

    @extend_schema(request=GameScheduleSerializer, responses={201: GameSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Schedules a pending game (`games.services.game_create`): the league's commissioners and tokens scoped
        to the league only."""
        if not request.user.is_authenticated:
            raise exceptions.NotAuthenticated()
        payload = GameScheduleSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        league = get_object_or_404(League, code=data["league"])
        if not can_run_league(request, league.pk):
            raise exceptions.PermissionDenied(f"you may not schedule {league} games")
        season = None
        if data.get("season") is not None:
            season = get_object_or_404(Season, league=league, number=data["season"])
        cardsets = Cardset.objects.in_bulk(data["cardsets"])
        unknown = sorted(set(data["cardsets"]) - set(cardsets))
        if unknown:
            raise exceptions.ValidationError({"cardsets": [f"unknown cardset ids: {unknown}"]})
        try:
            game = game_create(
                league=league,
                season=season,
                home_team=get_object_or_404(Team, pk=data["home_team"]),
                away_team=get_object_or_404(Team, pk=data["away_team"]),
                mode=data["game_mode"],
                visibility=data["visibility"],
                home_is_ai=data["home_is_ai"],
                away_is_ai=data["away_is_ai"],
                ai_difficulty=data["ai_difficulty"],
                cardsets=[cardsets[pk] for pk in data["cardsets"]],
            )
        except GameError as error:
            raise _api_error(error) from error
        game = self.get_queryset().get(pk=game.pk)
        return Response(GameSerializer(game).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=PlaySerializer(many=True))
    @action(detail=True, pagination_class=PlayCursorPagination, filterset_class=None)
    def plays(self, request: Request, pk: str | None = None) -> Response:
        """The game's plays in order, fifty to a page by default (cursor pages)."""
        paginator = PlayCursorPagination()
        page = paginator.paginate_queryset(game_plays(game=self.get_object()), request, view=self)
        return paginator.get_paginated_response(PlaySerializer(page, many=True).data)

    @extend_schema(methods=["GET"], responses=LineupSerializer(many=True))
    @extend_schema(methods=["POST"], request=LineupSetSerializer, responses={201: LineupSerializer(many=True)})
    @action(detail=True, methods=["get", "post"], pagination_class=None, filterset_class=None)
    def lineups(self, request: Request, pk: str | None = None) -> Response:
        """GET: every lineup row. POST: a team's starters for a pending game (`games.services.game_set_lineup`,
        RULES §12): its managers, the league's commissioners, tokens scoped to the league. A refused lineup is a
        400 whose keys name the slot (`slot 3`, `position C`, `pitcher`, `lineup`, `game`)."""
        game = self.get_object()
        if request.method == "GET":
            return Response(LineupSerializer(game_lineups(game=game), many=True).data)
        if not request.user.is_authenticated:
            raise exceptions.NotAuthenticated()
        payload = LineupSetSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        team = get_object_or_404(Team, pk=payload.validated_data["team"])
        if not can_set_lineup(request, team):
            raise exceptions.PermissionDenied(f"you may not set {team}'s lineup")
        entries = [
            LineupEntry(
                player_id=slot["player"],
                position=slot["position"],
                batting_order=slot["batting_order"],
                card_id=slot.get("card"),
            )
            for slot in payload.validated_data["starters"]
        ]
        try:
            game_set_lineup(game=game, team=team, user=_acting_user(request), entries=entries)
        except GameError as error:
            raise _api_error(error) from error
        rows = game_lineups(game=game).filter(team=team)
        return Response(LineupSerializer(rows, many=True).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=None,
        responses={
            200: GameSerializer,
            400: OpenApiResponse(description="the lineups do not make a playable game"),
            403: OpenApiResponse(description="neither a manager of the game nor the league's commissioner or token"),
            409: OpenApiResponse(description="the game is not pending"),
        },
    )
    @action(detail=True, methods=["post"], pagination_class=None, filterset_class=None)
    def start(self, request: Request, pk: str | None = None) -> Response:
        """Starts a pending game whose two lineups are set (`games.services.game_start`); AI sides make their
        first decisions at once. Its managers, the league's commissioners, tokens scoped to the league."""
        game = self.get_object()
        if not request.user.is_authenticated:
            raise exceptions.NotAuthenticated()
        if token_league_id(request) not in (None, game.league_id):
            raise exceptions.PermissionDenied(f"this token may not start {game.league} games")
        try:
            game_start(game_id=game.pk, user=_acting_user(request))
        except GameError as error:
            raise _api_error(error) from error
        return Response(GameSerializer(self.get_queryset().get(pk=game.pk)).data)

    @extend_schema(responses=BOX_SCORE)
    @action(detail=True, pagination_class=None, filterset_class=None)
    def boxscore(self, request: Request, pk: str | None = None) -> Response:
        """Line score, batting and pitching lines per side and the W/L/S decisions: the engine's box score of the
        game's recorded actions (runs charged for inherited runners)."""
        return Response(game_box_score_data(game=self.get_object()))

    @extend_schema(responses=LINE_SCORE)
    @action(detail=True, pagination_class=None, filterset_class=None)
    def linescore(self, request: Request, pk: str | None = None) -> Response:
        """Runs by inning (null: half not played), R, H, E, LOB per side."""
        teams = game_box_score_data(game=self.get_object())["teams"]
        return Response({side: teams[side]["line"] for side in ("away", "home")})

    @extend_schema(
        responses={
            (200, "text/plain"): OpenApiResponse(OpenApiTypes.STR, description="the game log"),
            404: OpenApiResponse(description="unknown game, or no recorded actions"),
        }
    )
    @action(detail=True, pagination_class=None, filterset_class=None)
    def log(self, request: Request, pk: str | None = None) -> HttpResponse:
        """The game log (`games.engine.gamelog` text) as a download; 404 when the game's actions were not
        recorded."""
        game = self.get_object()
        text = game_log_text(game=game)
        if text is None:
            raise exceptions.NotFound("this game has no recorded actions, so no game log can be written")
        response = HttpResponse(text, content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="game-{game.pk}.log"'
        return response


class _SeasonStatsView(APIView):
    selector: Any
    serializer_class: type[serializers.Serializer[Any]]

    def get(self, request: Request) -> Response:
        league, season = league_and_season(request)
        return Response(self.serializer_class(self.selector(league=league, season=season), many=True).data)


@extend_schema(parameters=LEAGUE_SEASON_PARAMETERS, responses=PlayerBattingSerializer(many=True))
class BattingStatsView(_SeasonStatsView):
    """Season batting per player from completed games' plays."""

    selector = staticmethod(season_batting)
    serializer_class = PlayerBattingSerializer


@extend_schema(parameters=LEAGUE_SEASON_PARAMETERS, responses=PlayerPitchingSerializer(many=True))
class PitchingStatsView(_SeasonStatsView):
    """Season pitching per player from completed games' plays."""

    selector = staticmethod(season_pitching)
    serializer_class = PlayerPitchingSerializer
