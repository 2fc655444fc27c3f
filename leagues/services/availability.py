"""Writes of availability between games: the injured list, projected from a finished game's recorded plays."""

from __future__ import annotations

from typing import Any

from games.engine.enums import InjuryResult
from games.models import FINISHED_STATUSES, Game, GameAction, Lineup
from leagues.models import Injury

# Only the actions whose events hold an injury check are read (an event without one holds `"injury": null`).
_INJURY_CHECKED = '"injury": {'


def _injuries(events: Any) -> list[tuple[int, int, int]]:
    """(lineup id, games, play number) of every injury for games among one action's recorded events."""
    found = []
    for event in events if isinstance(events, list) else []:
        injury = event.get("injury") if isinstance(event, dict) else None
        if not isinstance(injury, dict) or injury.get("result") != InjuryResult.GAMES.value:
            continue
        games, player, number = injury.get("games"), injury.get("player"), event.get("number")
        if isinstance(games, int) and games >= 1 and isinstance(player, str) and player.isdigit():
            found.append((int(player), games, int(number) if isinstance(number, int) else 0))
    return found


def injuries_write(game: Game) -> list[Injury]:
    """Replaces `game`'s injured-list rows by the injuries for games its recorded plays hold: one per player
    (the longest, should an injured pitcher with nobody to replace him be hurt again). Only a finished game of
    the schedule writes any: the schedule is what an injury's games are counted in."""
    Injury.objects.filter(game=game).delete()
    if game.scheduled_id is None or game.status not in FINISHED_STATUSES:
        return []
    hurt: dict[int, tuple[int, int]] = {}
    for events in GameAction.objects.filter(game=game, events__icontains=_INJURY_CHECKED).values_list(
        "events", flat=True
    ):
        for lineup_id, games, number in _injuries(events):
            if games > hurt.get(lineup_id, (0, 0))[0]:
                hurt[lineup_id] = (games, number)
    rows = Lineup.objects.filter(game=game, pk__in=hurt).values_list("pk", "player_id", "team_id")
    return Injury.objects.bulk_create(
        Injury(game=game, team_id=team_id, player_id=player_id, games=hurt[pk][0], play_number=hurt[pk][1])
        for pk, player_id, team_id in rows
    )
