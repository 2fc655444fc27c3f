"""Disputes API: the opposing manager disputes a play (`POST /api/games/<id>/disputes/`, on the games API); the
league's commissioner lists disputes and corrects or dismisses one (`/api/disputes/`). A token acts only in the
league it is scoped to, and as its user, who must commission that league. Views parse, check the caller's league
rights and call one selector or service; refusals are JSON: 400 bad input, 403 not entitled, 404 unknown, 409 a
dispute already resolved or a correction the rest of the game cannot follow."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.permissions import can_run_league, token_league_id
from games.access import game_list_visible
from games.errors import GameError, IllegalActionError
from games.models import Dispute, DisputeStatus, Game
from games.selectors.disputes import dispute_data, dispute_list
from games.selectors.page import FIELDERS, SUBMITTABLE_OUTCOMES
from games.services import dispute_correct, dispute_dismiss, dispute_raise
from leagues.models import LEAGUE_CODE_CHOICES
from leagues.selectors import commissioned_league_ids

REASON = serializers.CharField(max_length=1000, trim_whitespace=True)


class DisputeSerializer(serializers.Serializer[Any]):
    """A dispute as `games.selectors.disputes.dispute_data` writes it (results as the cards print them)."""

    id = serializers.IntegerField()
    game = serializers.UUIDField()
    play = serializers.IntegerField(help_text="the play's number in the game")
    version = serializers.IntegerField(help_text="the action that entered the result (what a correction replaces)")
    entered_side = serializers.ChoiceField(choices=["away", "home"])
    entered = serializers.CharField(help_text="the entered result as printed, e.g. HOMERUN or gb(ss)A")
    card_reads = serializers.CharField(allow_null=True, help_text="what the card reads, when the engine holds it")
    reason = serializers.CharField()
    status = serializers.ChoiceField(choices=DisputeStatus.choices)
    raised_at = serializers.DateTimeField()
    resolved_at = serializers.DateTimeField(allow_null=True)
    resolution = serializers.CharField()
    corrected_to = serializers.CharField(allow_null=True)


class RaiseSerializer(serializers.Serializer[Any]):
    play = serializers.IntegerField(min_value=1, max_value=100_000)
    reason = serializers.CharField(max_length=1000, trim_whitespace=True, required=False, allow_blank=True, default="")


class CorrectSerializer(serializers.Serializer[Any]):
    outcome = serializers.ChoiceField(choices=SUBMITTABLE_OUTCOMES, help_text="the engine outcome code")
    fielder = serializers.ChoiceField(choices=FIELDERS, required=False, allow_null=True, default=None)
    reason = REASON


class DismissSerializer(serializers.Serializer[Any]):
    reason = REASON


def api_error(error: GameError) -> exceptions.APIException:
    """A dispute service's refusal as an HTTP error: bad input 400, not entitled 403, unknown 404, a dispute or a
    game that does not allow it 409."""
    if isinstance(error, IllegalActionError):
        conflict = exceptions.APIException(error.message)
        conflict.status_code = status.HTTP_409_CONFLICT
        return conflict
    if error.code == "forbidden":
        return exceptions.PermissionDenied(error.message)
    if error.code == "not_found":
        return exceptions.NotFound(error.message)
    return exceptions.ValidationError({"detail": [error.message]})


class DisputeViewSet(viewsets.GenericViewSet[Dispute]):
    """Disputes of the leagues the caller commissions (a scoped token: its league), oldest first."""

    serializer_class = DisputeSerializer
    pagination_class = None

    def get_queryset(self) -> QuerySet[Dispute]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator: the model, no request to scope
            return Dispute.objects.none()
        request = self.request
        if not request.user.is_authenticated:
            raise exceptions.NotAuthenticated()
        scope = token_league_id(request)
        commissioned = commissioned_league_ids(request.user)
        ids = None if commissioned is None else sorted(commissioned)
        if scope is not None:
            ids = [scope] if ids is None or scope in ids else []
        if ids is not None and not ids:
            raise exceptions.PermissionDenied("disputes are for the league's commissioners")
        return dispute_list(league_ids=ids)

    @extend_schema(
        parameters=[
            OpenApiParameter("status", enum=list(DisputeStatus.values), required=False),
            OpenApiParameter("league", enum=[code for code, _ in LEAGUE_CODE_CHOICES], required=False),
        ],
        responses={200: DisputeSerializer(many=True), 403: OpenApiResponse(description="not a commissioner")},
    )
    def list(self, request: Request) -> Response:
        """Disputes, oldest first; `?status=open` for those waiting, `?league=sba` for one league."""
        rows = self.get_queryset()
        wanted = request.query_params.get("status")
        if wanted is not None:
            if wanted not in DisputeStatus.values:
                raise exceptions.ValidationError({"status": [f"one of {', '.join(DisputeStatus.values)}"]})
            rows = rows.filter(status=wanted)
        league = request.query_params.get("league")
        if league is not None:
            rows = rows.filter(game__league__code=league)
        return Response([dispute_data(d) for d in rows])

    def _resolve(self, request: Request, pk: str | None, payload: serializers.Serializer[Any]) -> Dispute:
        if not request.user.is_authenticated:
            raise exceptions.NotAuthenticated()
        dispute = None
        if pk is not None and pk.isdigit():
            dispute = Dispute.objects.filter(pk=int(pk)).select_related("game").first()
        if dispute is None:
            raise exceptions.NotFound("no such dispute")
        if not can_run_league(request, dispute.game.league_id):
            raise exceptions.PermissionDenied("only the league's commissioner can resolve its disputes")
        payload.is_valid(raise_exception=True)
        return dispute

    @extend_schema(
        request=CorrectSerializer,
        responses={200: DisputeSerializer, 400: OpenApiResponse(description="not a card result")},
    )
    @action(detail=True, methods=["post"])
    def correct(self, request: Request, pk: str | None = None) -> Response:
        """Corrects the disputed play to `outcome` at `fielder` (the rest of the game is replayed with its recorded
        dice, `games.services.dispute_correct`) and closes the dispute; audited."""
        payload = CorrectSerializer(data=request.data)
        dispute = self._resolve(request, pk, payload)
        data = payload.validated_data
        try:
            dispute = dispute_correct(
                dispute_id=dispute.pk,
                user=request.user,
                outcome=data["outcome"],
                fielder=data["fielder"],
                reason=data["reason"],
            )
        except GameError as error:
            raise api_error(error) from error
        return Response(dispute_data(dispute))

    @extend_schema(request=DismissSerializer, responses={200: DisputeSerializer})
    @action(detail=True, methods=["post"])
    def dismiss(self, request: Request, pk: str | None = None) -> Response:
        """Keeps the play as entered and closes the dispute with a reason; audited."""
        payload = DismissSerializer(data=request.data)
        dispute = self._resolve(request, pk, payload)
        try:
            dispute = dispute_dismiss(dispute_id=dispute.pk, user=request.user, reason=payload.validated_data["reason"])
        except GameError as error:
            raise api_error(error) from error
        return Response(dispute_data(dispute))


class GameDisputesView(APIView):
    """`/api/games/<id>/disputes/`: GET the game's disputes (whoever may see the game); POST the opposing manager
    disputes a result the other side entered (`games.services.dispute_raise`)."""

    def _game(self, request: Request, game_id: Any) -> Game:
        visible = game_list_visible(user=request.user, token_league_id=token_league_id(request))
        game = visible.filter(pk=game_id).first()
        if game is None:
            raise exceptions.NotFound("no such game")
        return game

    @extend_schema(responses=DisputeSerializer(many=True))
    def get(self, request: Request, game_id: Any) -> Response:
        game = self._game(request, game_id)
        return Response([dispute_data(d) for d in dispute_list(game_id=game.pk)])

    @extend_schema(
        request=RaiseSerializer,
        responses={
            201: DisputeSerializer,
            403: OpenApiResponse(description="not the manager of the side that did not enter the result"),
            409: OpenApiResponse(description="not an entered result, or already disputed"),
        },
    )
    def post(self, request: Request, game_id: Any) -> Response:
        if not request.user.is_authenticated:
            raise exceptions.NotAuthenticated()
        game = self._game(request, game_id)
        if token_league_id(request) is not None:
            raise exceptions.PermissionDenied("a league token does not manage a team; a manager disputes a play")
        payload = RaiseSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        try:
            dispute = dispute_raise(game_id=game.pk, user=request.user, play_number=data["play"], reason=data["reason"])
        except GameError as error:
            raise api_error(error) from error
        return Response(dispute_data(dispute), status=status.HTTP_201_CREATED)
