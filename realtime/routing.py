"""WebSocket URL routes."""

from django.urls import path

from realtime.consumers import GameConsumer, PingConsumer

websocket_urlpatterns = [
    path("ws/ping/", PingConsumer.as_asgi()),
    path("ws/games/<uuid:game_id>/", GameConsumer.as_asgi()),
]
