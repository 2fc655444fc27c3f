"""Game pages before play: creating a game and the lineup builder. Views parse input, call one form or service
and render; the live game page lives at `/games/<uuid>/`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from games.access import team_manager_check
from games.errors import Forbidden, IllegalActionError, InvalidLineup
from games.forms import SLOTS, LineupForm, NewGameForm, StandingOrdersForm
from games.models import Game, GameStatus, LineupKind
from games.selectors import (
    game_lineup_team_ids,
    game_lineup_teams,
    lineup_card_options,
    lineup_current,
    lineup_suggest,
    lineup_warnings,
)
from games.selectors.orders import standing_orders_of, team_rotation
from games.selectors.saved_lineups import opposing_starter_kind, saved_lineup_fit, saved_lineup_kinds
from games.services import game_create_scheduled
from games.services.orders import standing_orders_save
from leagues.models import ScheduledGame, Team


def game_url(game: Game) -> str:
    """The game page (`game_page`: live, finished, or waiting for its lineups)."""
    return reverse("game_page", args=[game.pk])


@login_required
@require_http_methods(["GET", "POST"])
def game_new(request: HttpRequest) -> HttpResponse:
    """GET: the form. POST: create the game and go to my lineup; a bad form is shown again and creates nothing."""
    form = NewGameForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        game = form.create()
        messages.success(request, "Game created. Now set your lineup.")
        return redirect(reverse("game_lineup", args=[game.pk]) + f"?team={form.cleaned_data['my_team'].pk}")
    return render(request, "games/new.html", {"form": form, "has_teams": bool(form.managed_teams)})


@login_required
@require_http_methods(["POST"])
def scheduled_play(request: HttpRequest, slot_id: int) -> HttpResponse:
    """POST: create the game of one of this week's scheduled slots (`game_create_scheduled`) and go to my
    lineup; a refusal (not my teams, already played, not due) is a message on the lobby and creates nothing."""
    slot = get_object_or_404(ScheduledGame, pk=slot_id)
    try:
        game = game_create_scheduled(scheduled=slot, user=request.user)
    except (Forbidden, IllegalActionError) as exc:
        messages.error(request, str(exc))
        return redirect("home")
    if game.status != GameStatus.PENDING:
        return HttpResponseRedirect(game_url(game))
    messages.success(request, f"{slot.label}: set your lineup.")
    return redirect(reverse("game_lineup", args=[game.pk]))


@login_required
@require_http_methods(["GET", "POST"])
def game_lineup(request: HttpRequest, game_id: Any) -> HttpResponse:
    """The lineup builder for one of my teams in a pending game (`?team=` picks it when I manage both).

    POST `suggest`: the form filled from `lineup_suggest`; POST `move=N:up|down`: slots N and its neighbour
    swapped (the no-JS ordering); neither saves. Otherwise the lineup is saved through `game_set_lineup`
    (errors shown per slot, nothing saved), and when both lineups are set the game starts and we go to it."""
    game = get_object_or_404(Game.objects.select_related("league", "home_team", "away_team"), pk=game_id)
    if game.status != GameStatus.PENDING:
        messages.info(request, "The game has started, so its lineups are set. Make changes from the game page.")
        return HttpResponseRedirect(game_url(game))
    teams = game_lineup_teams(game, request.user)
    if not teams:
        raise PermissionDenied("You do not manage a team in this game.")
    wanted = request.POST.get("team") or request.GET.get("team")
    team = next((t for t in teams if str(t.pk) == wanted), None)
    if team is None:
        set_ids = game_lineup_team_ids(game)
        team = next((t for t in teams if t.pk not in set_ids), teams[0])
    options = lineup_card_options(game=game, team=team)
    dh = game.league.dh
    general_errors: list[str] = []
    facing = opposing_starter_kind(game=game, team=team)
    if request.method == "POST" and "suggest" in request.POST:
        form = LineupForm(
            initial=LineupForm.initial_from(lineup_suggest(game=game, team=team), dh=dh), options=options, dh=dh
        )
        messages.info(request, "The AI suggests this lineup. Change what you like, then save it.")
    elif request.method == "POST" and "load" in request.POST:
        fit = saved_lineup_fit(game=game, team=team, kind=request.POST["load"])
        initial = LineupForm.initial_from(fit.entries, dh=dh) if fit is not None else {}
        form = LineupForm(initial={**initial, "remember": request.POST["load"]}, options=options, dh=dh)
        if fit is None:
            messages.error(request, "No such saved lineup: keep one with “Keep this lineup” when you save.")
        elif fit.missing:
            messages.warning(request, f"Your saved lineup, without {'; '.join(fit.missing)}: pick who plays instead.")
        else:
            messages.info(request, "Your saved lineup. Change what you like, then save it.")
    elif request.method == "POST" and "move" in request.POST:
        form = LineupForm(initial=_moved(request.POST, request.POST["move"]), options=options, dh=dh)
    elif request.method == "POST":
        form = LineupForm(request.POST, options=options, dh=dh)
        if form.is_valid():
            try:
                form.save(game=game, team=team, user=request.user)
            except InvalidLineup as exc:
                general_errors = form.add_service_errors(exc.errors)
            except Forbidden as exc:
                raise PermissionDenied(exc.message) from exc
            else:
                return _after_lineup_saved(request, game, lineup_warnings(entries=form.entries(), options=options))
    else:
        initial = LineupForm.initial_from(lineup_current(game=game, team=team), dh=dh)
        form = LineupForm(initial={**initial, "remember": facing or ""}, options=options, dh=dh)
    set_ids = game_lineup_team_ids(game)
    opponent = game.away_team if team.pk == game.home_team_id else game.home_team
    context = {
        "game": game,
        "team": team,
        "teams": teams,
        "opponent": opponent,
        "opponent_is_ai": game.home_is_ai if opponent.pk == game.home_team_id else game.away_is_ai,
        "form": form,
        "options": options,
        "general_errors": general_errors,
        "warnings": lineup_warnings(entries=form.shown_entries(), options=options),
        "lineup_saved": team.pk in set_ids,
        "opponent_ready": opponent.pk in set_ids,
        "game_url": game_url(game),
        "saved_kinds": [(kind, LineupKind(kind).label, kind == facing) for kind in saved_lineup_kinds(team)],
        "facing": LineupKind(facing).label if facing else "",
    }
    status = 400 if general_errors or (form.is_bound and form.errors) else 200
    response = render(request, "games/lineup.html", context, status=status)
    # Back after the start must ask again (and be sent to the game), not show a stale form from the cache.
    response["Cache-Control"] = "no-store"
    return response


def _after_lineup_saved(request: HttpRequest, game: Game, warnings: list[str]) -> HttpResponse:
    """To the game once it started (the second lineup starts it, and the out-of-position `warnings` go along),
    else back to the builder to wait (which shows them)."""
    game.refresh_from_db(fields=["status"])
    if game.status == GameStatus.PENDING:
        messages.success(request, "Lineup saved. Waiting for the opponent's lineup.")
        return redirect(reverse("game_lineup", args=[game.pk]) + f"?team={request.POST.get('team', '')}")
    messages.success(request, "Lineup saved. Play ball!")
    for warning in warnings:
        messages.warning(request, warning)
    return HttpResponseRedirect(game_url(game))


def _moved(data: QueryDict, move: str) -> dict[str, str]:
    """The posted lineup with slot N swapped with the slot above (`N:up`) or below (`N:down`)."""
    initial = {key: data.get(key, "") for key in data if key.startswith(("slot_", "pitcher"))}
    slot, _, direction = move.partition(":")
    if not slot.isdigit():
        return initial
    here = int(slot)
    there = here - 1 if direction == "up" else here + 1
    if here not in SLOTS or there not in SLOTS:
        return initial
    for part in ("player", "position"):
        a, b = f"slot_{here}_{part}", f"slot_{there}_{part}"
        initial[a], initial[b] = data.get(b, ""), data.get(a, "")
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def team_orders(request: HttpRequest, team_id: int) -> HttpResponse:
    """A team's standing orders, for its managers only. GET: the form with the saved orders. POST: save them
    (`standing_orders_save`) and show them again with a notice; a bad form is shown again and saves nothing."""
    team = get_object_or_404(Team.objects.select_related("league"), pk=team_id)
    try:
        team_manager_check(team, request.user)
    except Forbidden as exc:
        raise PermissionDenied(str(exc)) from exc
    saved = standing_orders_of(team)
    form = StandingOrdersForm(
        request.POST or None, team=team, initial_orders=saved, initial_rotation=team_rotation(team)
    )
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = ""
    if request.method == "POST" and form.is_valid():
        try:
            standing_orders_save(team=team, user=request.user, orders=form.orders(), rotation=form.rotation())
        except InvalidLineup as exc:
            for field, message in exc.errors.items():
                form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, "Standing orders saved. Your games follow them from their next decision.")
            return HttpResponseRedirect(next_url or reverse("team_orders", args=[team.pk]))
    return render(request, "games/orders.html", {"form": form, "team": team, "next": next_url})
