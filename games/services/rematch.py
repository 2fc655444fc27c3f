"""A rematch: a finished friendly game played again by the same teams, home and away swapped."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from games.access import SYSTEM, Actor, user_sides
from games.errors import Forbidden, IllegalActionError, NotFound
from games.models import FINISHED_STATUSES, Game, RosterLink
from games.services.lifecycle import game_create, game_start


def check_rematch(*, game: Game, user: Actor) -> None:
    """Raises Forbidden unless `user` manages one of the teams, IllegalActionError unless the game is a finished
    friendly (unscheduled) game: a scheduled game's rematch is the next slot on the schedule."""
    if not user_sides(game, user):
        raise Forbidden("only a manager of one of the teams may ask for a rematch")
    if game.scheduled_id is not None:
        raise IllegalActionError("a scheduled game's rematch is the next game on the schedule")
    if game.status not in FINISHED_STATUSES:
        raise IllegalActionError("a rematch follows a finished game")


def game_rematch(*, game_id: Any, user: Actor) -> Game:
    """A new game of `game_id`'s teams through `game_create`, the home team now away: the same league, mode,
    visibility, season, AI sides (each with its team) and difficulty, approved cardsets and rosters, and the same
    automatic sides. Both sides AI: it starts at once; otherwise it waits for the lineups (the AI's is set)."""
    with transaction.atomic():
        game = Game.objects.select_related("league", "season", "home_team", "away_team").filter(pk=game_id).first()
        if game is None:
            raise NotFound("no such game")
        check_rematch(game=game, user=user)
        rosters: dict[int, list[Any]] = {}
        for link in RosterLink.objects.filter(game=game).select_related("card").order_by("id"):
            rosters.setdefault(link.team_id, []).append(link.card)
        rematch = game_create(
            league=game.league,
            home_team=game.away_team,
            away_team=game.home_team,
            mode=game.game_mode,
            visibility=game.visibility,
            home_is_ai=game.away_is_ai,
            away_is_ai=game.home_is_ai,
            ai_difficulty=game.ai_difficulty,
            cardsets=[link.cardset for link in game.cardset_links.select_related("cardset").order_by("priority")],
            roster_cards=rosters,
            season=game.season,
        )
        swapped = {"home": "away", "away": "home"}
        auto = sorted(swapped[side] for side in game.auto_sides or () if side in swapped)
        if auto:
            rematch.auto_sides = auto
            rematch.save(update_fields=["auto_sides"])
    if rematch.home_is_ai and rematch.away_is_ai:
        rematch = game_start(game_id=rematch.pk, user=SYSTEM)
    return rematch
