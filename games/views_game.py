"""The game page (`/games/<uuid>/`, live and finished) and the small JSON/text endpoints it reads. Access is the
socket's: `games.access.game_viewer` (404 for an unknown game, 403 for a private game's non-participant)."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from games.access import Viewer, game_viewer, user_sides
from games.errors import Forbidden, IllegalActionError, NotFound
from games.models import Game, GameStatus
from games.scoresheet_pdf import scoresheet_pdf
from games.selectors import (
    PLAY_COLUMNS,
    Scoresheet,
    game_log_text,
    game_page_box,
    game_page_config,
    game_page_events,
    game_play_rows,
    game_scoresheet,
)
from games.services import game_rematch


def _viewed_game(request: HttpRequest, game_id: Any) -> tuple[Game, Viewer]:
    try:
        viewer = game_viewer(game_id=game_id, user=request.user)
    except NotFound as error:
        raise Http404(error.message) from error
    except Forbidden as error:
        raise PermissionDenied(error.message) from error
    game = Game.objects.select_related("league", "home_team", "away_team", "scheduled__series").get(pk=game_id)
    return game, viewer


@require_GET
def game_page(request: HttpRequest, game_id: Any) -> HttpResponse:
    """The live game page for managers and spectators; the same page shows a finished game with its replay."""
    game, viewer = _viewed_game(request, game_id)
    context = {
        "game": game,
        "config": game_page_config(game=game, viewer=viewer),
        "box": game_page_box(game=game),
        "may_rematch": game.scheduled_id is None and bool(viewer.sides),
    }
    return render(request, "games/game.html", context)


@require_GET
def game_box(request: HttpRequest, game_id: Any) -> JsonResponse:
    """The box score as JSON (refreshed by the page after each half-inning and at the end)."""
    game, _ = _viewed_game(request, game_id)
    return JsonResponse(game_page_box(game=game))


MAX_VERSION = 2**31 - 1


class BadVersion(ValueError):
    pass


def _version(value: str | None, default: int | None) -> int | None:
    if value is None or value == "":
        return default
    if not (value.isascii() and value.isdigit() and len(value) <= 10 and int(value) <= MAX_VERSION):
        raise BadVersion(f"after and upto are versions: whole numbers from 0 to {MAX_VERSION}")
    return int(value)


@require_GET
def game_events(request: HttpRequest, game_id: Any) -> JsonResponse:
    """`{"events": [...]}`: the viewer's `event` messages after `?after=` (default 0) up to `?upto=` (default the
    latest), as the socket sends them; the page's history and the replay's feed. A bad version is a JSON 400."""
    game, viewer = _viewed_game(request, game_id)
    try:
        after = _version(request.GET.get("after"), 0) or 0
        upto = _version(request.GET.get("upto"), None)
    except BadVersion as error:
        return JsonResponse({"error": "bad_request", "detail": str(error)}, status=400)
    return JsonResponse(
        {"version": game.version, "events": game_page_events(game=game, viewer=viewer, after=after, upto=upto)}
    )


@require_GET
def game_log(request: HttpRequest, game_id: Any) -> HttpResponse:
    """The game log file (`games.selectors.game_log_text`) as a download; 404 while there is none."""
    game, _ = _viewed_game(request, game_id)
    text = game_log_text(game=game)
    if text is None:
        raise Http404("this game has no recorded log")
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="game-{game.pk}.log.txt"'
    return response


def _scoresheet(game: Game) -> Scoresheet:
    try:
        sheet = game_scoresheet(game=game)
    except ValueError as error:
        raise Http404(f"this game's recorded plays do not replay: {error}") from error
    if sheet is None:
        raise Http404("this game has no lineups yet, so no scoresheet")
    return sheet


def _title(game: Game) -> str:
    when = game.started_at or game.created_at
    return f"{game.away_team.name} at {game.home_team.name}, {when:%Y-%m-%d}"


@require_GET
def game_scoresheet_page(request: HttpRequest, game_id: Any) -> HttpResponse:
    """The printable scoresheet (`games.selectors.game_scoresheet`); 404 while the game has no lineups."""
    game, _ = _viewed_game(request, game_id)
    context = {"game": game, "sheet": _scoresheet(game), "title": _title(game)}
    return render(request, "games/scoresheet.html", context)


@require_GET
def game_scoresheet_pdf(request: HttpRequest, game_id: Any) -> HttpResponse:
    """The same scoresheet as a PDF download (`games.scoresheet_pdf`)."""
    game, _ = _viewed_game(request, game_id)
    response = HttpResponse(scoresheet_pdf(_scoresheet(game), title=_title(game)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="scoresheet-{game.pk}.pdf"'
    return response


@require_GET
def game_plays_csv(request: HttpRequest, game_id: Any) -> HttpResponse:
    """The plays as CSV, one row per play (`games.selectors.game_play_rows`, columns `PLAY_COLUMNS`)."""
    game, _ = _viewed_game(request, game_id)
    try:
        rows = game_play_rows(game=game)
    except ValueError as error:
        raise Http404(f"this game's recorded plays do not replay: {error}") from error
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="plays-{game.pk}.csv"'
    writer = csv.DictWriter(response, fieldnames=PLAY_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return response


@login_required
@require_POST
def game_rematch_view(request: HttpRequest, game_id: Any) -> HttpResponse:
    """POST: a new game of the same teams with home and away swapped (`games.services.game_rematch`), then my
    lineup (the game itself when the AI plays both sides); a refusal is a message on the game page and creates
    nothing; someone who manages neither team gets 403."""
    game, _ = _viewed_game(request, game_id)
    try:
        rematch = game_rematch(game_id=game.pk, user=request.user)
    except Forbidden as error:
        raise PermissionDenied(error.message) from error
    except IllegalActionError as error:
        messages.error(request, str(error))
        return redirect("game_page", game_id=game.pk)
    if rematch.status != GameStatus.PENDING:  # AI against AI: already played
        return redirect("game_page", game_id=rematch.pk)
    sides = user_sides(rematch, request.user)
    team = rematch.home_team if any(side.value == "home" for side in sides) else rematch.away_team
    messages.success(request, "Rematch created: home and away swapped. Now set your lineup.")
    return redirect(reverse("game_lineup", args=[rematch.pk]) + f"?team={team.pk}")
