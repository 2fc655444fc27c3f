"""WebSocket URL routes. The game consumer is added by the live-game-loop work."""

from django.urls import path

from realtime.consumers import PingConsumer

websocket_urlpatterns = [
    path("ws/ping/", PingConsumer.as_asgi()),
]
