"""Who may write what through the API.

Reads of league data and public games are open to everyone, anonymous included (the site shows them too);
private games only to their teams' managers, the league's commissioners and tokens scoped to the league. A token
scoped to a league reads as the league, not as its user: it sees no other league's private game.
Writes: scheduling a game needs the league's commissioner (or a superuser) or a token scoped to the league;
setting a lineup also allows the team's managers. A token scoped to one league writes nowhere else, whatever its
user may do in the browser."""

from __future__ import annotations

from typing import Any

from rest_framework.request import Request

from api.models import ApiToken
from leagues.models import Team
from leagues.selectors import user_can_commission


def token_league_id(request: Request) -> int | None:
    """The league a request's token is scoped to, or None (session auth or an unscoped token)."""
    auth: Any = request.auth
    return auth.league_id if isinstance(auth, ApiToken) else None


def can_run_league(request: Request, league_id: int) -> bool:
    """Commissioner rights in `league_id`: the league's token, or (no token scope) a commissioner or superuser."""
    scope = token_league_id(request)
    if scope is not None:
        return scope == league_id
    return request.user.is_authenticated and user_can_commission(request.user, league_id)


def can_set_lineup(request: Request, team: Team) -> bool:
    """League rights over the team's league, or a manager of the team (within the token's scope, if any)."""
    if can_run_league(request, team.league_id):
        return True
    scope = token_league_id(request)
    if scope is not None and scope != team.league_id:
        return False
    return request.user.is_authenticated and team.managers.filter(pk=request.user.pk).exists()
