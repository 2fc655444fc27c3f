"""The REST API at /api/: league data, games, statistics, the OpenAPI schema and its docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from games.api import BattingStatsView, GameViewSet, PitchingStatsView
from games.api_disputes import DisputeViewSet, GameDisputesView
from leagues.api import (
    LeagueViewSet,
    PlayerSeasonView,
    ScheduleView,
    SeasonViewSet,
    StandingsView,
    TeamSeasonView,
    TeamViewSet,
)
from players.api import CardViewSet, PlayerViewSet

router = DefaultRouter()
router.register("leagues", LeagueViewSet, basename="league")
router.register("seasons", SeasonViewSet, basename="season")
router.register("teams", TeamViewSet, basename="team")
router.register("players", PlayerViewSet, basename="player")
router.register("cards", CardViewSet, basename="card")
router.register("games", GameViewSet, basename="game")
router.register("disputes", DisputeViewSet, basename="dispute")

urlpatterns = [
    path("standings/", StandingsView.as_view(), name="standings"),
    path("schedule/", ScheduleView.as_view(), name="schedule"),
    path("teams/<int:pk>/season/", TeamSeasonView.as_view(), name="team-season"),
    path("players/<int:pk>/season/", PlayerSeasonView.as_view(), name="player-season"),
    path("stats/batting/", BattingStatsView.as_view(), name="stats-batting"),
    path("stats/pitching/", PitchingStatsView.as_view(), name="stats-pitching"),
    path("games/<uuid:game_id>/disputes/", GameDisputesView.as_view(), name="game-disputes"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
    path("", include(router.urls)),
]
