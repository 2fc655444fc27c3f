"""Site-wide pages: home, the favicon and health probes."""

import uuid

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static

from games.selectors import (
    game_list_for_manager,
    game_list_live,
    game_list_recent,
    scheduled_list_for_manager,
    team_list_managed,
)
from leagues.selectors import league_list


def home(request: HttpRequest) -> HttpResponse:
    """The lobby. Everyone: live public games to watch and recently finished ones. Signed in: my teams and my open
    games (whose turn, resume or set the lineup) and this week's scheduled games (play one). Signed out: sign
    in with Discord (and the dev login in DEBUG)."""
    context = {
        "my_teams": team_list_managed(request.user),
        "my_games": game_list_for_manager(request.user),
        "my_schedule": scheduled_list_for_manager(request.user),
        "live_games": game_list_live(),
        "recent_games": game_list_recent(),
        "leagues": list(league_list()),
    }
    return render(request, "home.html", context)


def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, which browsers ask for whatever the page links: the static SVG icon."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers."""
    return JsonResponse({"status": "ok"})


def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: the database answers a query and the channel layer carries a message."""
    checks: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 - any failure means not ready
        checks["database"] = f"error: {exc.__class__.__name__}"
    try:
        checks["channel_layer"] = _check_channel_layer()
    except Exception as exc:  # noqa: BLE001
        checks["channel_layer"] = f"error: {exc.__class__.__name__}"
    ready = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503)


def _check_channel_layer() -> str:
    layer = get_channel_layer()
    if layer is None:
        return "error: no channel layer configured"
    token = uuid.uuid4().hex

    async def round_trip() -> bool:
        channel = await layer.new_channel()
        await layer.send(channel, {"type": "readyz", "token": token})
        message = await layer.receive(channel)
        return bool(message.get("token") == token)

    return "ok" if async_to_sync(round_trip)() else "error: message lost"
