"""Saving a team's lineup vs RHP or vs LHP for its next games."""

from __future__ import annotations

from collections.abc import Sequence

from games.access import Actor, System, team_manager_check
from games.errors import InvalidLineup
from games.models import LineupKind, SavedLineup
from games.selectors.lineups import LineupEntry
from leagues.models import Team
from scorecard.clock import pendulum_now


def saved_lineup_save(*, team: Team, user: Actor, kind: str, entries: Sequence[LineupEntry]) -> SavedLineup:
    """Keeps `entries` (a lineup the rules accepted in a game) as `team`'s `kind` lineup. Raises Forbidden unless
    `user` manages `team` (or is the system), InvalidLineup for an unknown kind or a player not of `team`."""
    if not isinstance(user, System):
        team_manager_check(team, user)
    if kind not in LineupKind.values:
        raise InvalidLineup({"remember": f"not a kind of saved lineup: {kind}"})
    ids = {entry.player_id for entry in entries}
    if ids - set(team.players.filter(pk__in=ids).values_list("pk", flat=True)):
        raise InvalidLineup({"remember": f"every saved player must be one of {team}'s"})
    stored = [{"player": e.player_id, "position": e.position, "order": e.batting_order} for e in entries]
    row, _ = SavedLineup.objects.update_or_create(
        team=team, kind=kind, defaults={"entries": stored, "updated_at": pendulum_now()}
    )
    return row
