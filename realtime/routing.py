"""WebSocket URL routes."""

from django.urls import path

from realtime.consumers import GameConsumer, PingConsumer
from realtime.scoreboard import ScoreboardConsumer

# Channels routes ASGI applications with django.urls.path; django-stubs' path() accepts only views.
websocket_urlpatterns = [
    path("ws/ping/", PingConsumer.as_asgi()),  # type: ignore[arg-type]
    path("ws/games/<uuid:game_id>/", GameConsumer.as_asgi()),  # type: ignore[arg-type]
    path("ws/leagues/<slug:code>/scoreboard/", ScoreboardConsumer.as_asgi()),  # type: ignore[arg-type]
]
