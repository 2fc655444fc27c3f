"""Who a request or a socket is in a game: the sides a user manages, whether they commission its league, the AI's
sides, and what they may see (one rule for sockets, pages, the REST API and exports)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as AuthUser
from django.db.models import Q, QuerySet

from games import engine
from games.errors import Forbidden, NotFound
from games.models import Game, Visibility
from leagues.models import Team
from leagues.selectors import commissioned_league_ids, user_can_commission

User = AuthUser | AnonymousUser


@dataclass(frozen=True, slots=True)
class System:
    """The server acting on its own: the AI's answers, timeouts and sweeps, forfeit claims it carries out, the demo
    loader and league tools that set an AI side's lineup. It acts for whichever side the game waits for (or the
    side an action names), manages no team, commissions nothing, and is recorded as nobody."""

    reason: str = "system"


SYSTEM = System()
Actor = User | System
"""Who asks a service to act: a user (signed in or not) or, explicitly, the `SYSTEM`."""


def signed_in(actor: Actor | None) -> AuthUser | None:
    """The signed-in user behind `actor`, or None for the system, an anonymous user or nobody."""
    if isinstance(actor, System) or actor is None or not actor.is_authenticated:
        return None
    return actor


class Role(StrEnum):
    HOME = "home"
    AWAY = "away"
    BOTH = "both"
    COMMISSIONER = "commissioner"
    SPECTATOR = "spectator"


@dataclass(frozen=True, slots=True)
class Viewer:
    """One recipient: the sides they manage and whether they commission the league."""

    game_id: str
    user_id: int | None
    role: Role
    sides: frozenset[engine.Side]
    commissioner: bool

    def sees(self, side: engine.Side | None) -> bool:
        return self.commissioner or (side is not None and side in self.sides)


def team_manager_check(team: Team, user: Actor | None) -> None:
    """Raises Forbidden unless `user` is signed in and manages `team` (Team.managers)."""
    account = signed_in(user)
    if account is None or not team.managers.filter(pk=account.pk).exists():
        raise Forbidden(f"you do not manage {team}")


def user_sides(game: Game, user: Actor | None) -> frozenset[engine.Side]:
    """The sides `user` manages in `game` (Team.managers); no query when `game` was locked for this user."""
    user = signed_in(user)
    if user is None:
        return frozenset()
    known = getattr(game, "_sides_of", None)
    if known is not None and known[0] == user.pk:
        return frozenset(known[1])
    managed = set(
        Team.objects.filter(pk__in=(game.away_team_id, game.home_team_id), managers=user).values_list("pk", flat=True)
    )
    return frozenset(
        side
        for side, team_id in ((engine.Side.AWAY, game.away_team_id), (engine.Side.HOME, game.home_team_id))
        if team_id in managed
    )


def is_commissioner(game: Game, user: Actor | None) -> bool:
    user = signed_in(user)
    return user is not None and user_can_commission(user, game.league_id)


def ai_sides(game: Game) -> frozenset[engine.Side]:
    sides = set()
    if game.away_is_ai:
        sides.add(engine.Side.AWAY)
    if game.home_is_ai:
        sides.add(engine.Side.HOME)
    return frozenset(sides)


def auto_sides(game: Game) -> frozenset[engine.Side]:
    """Human sides whose manager let the server answer their routine decisions (AI sides answer everything)."""
    return frozenset(engine.Side(side) for side in game.auto_sides or () if side in ("away", "home")) - ai_sides(game)


def game_viewer(*, game_id: Any, user: User | None) -> Viewer:
    """The viewer `user` is on `game_id`. Raises NotFound, or Forbidden for a private game's non-participant."""
    game = Game.objects.select_related("league").filter(pk=game_id).first()
    if game is None:
        raise NotFound("no such game")
    sides = user_sides(game, user)
    commissioner = is_commissioner(game, user)
    if len(sides) == 2:
        role = Role.BOTH
    elif sides:
        role = Role(next(iter(sides)).value)
    elif commissioner:
        role = Role.COMMISSIONER
    elif game.visibility == Visibility.PUBLIC:
        role = Role.SPECTATOR
    else:
        raise Forbidden("this game is private")
    account = signed_in(user)
    return Viewer(str(game.pk), account.pk if account else None, role, sides, commissioner)


def game_list_visible(*, user: Any, token_league_id: int | None = None) -> QuerySet[Game]:
    """Public games, plus private ones of the user's commissioned leagues and of teams they manage; superusers see
    all. A request made with a league-scoped token reads as that league, not as its user: public games and the
    token league's private ones. League, season and teams (with theirs) joined."""
    if token_league_id is not None:
        user = AnonymousUser()
    teams = [f"{side}_team__{related}" for side in ("home", "away") for related in ("league", "season", "ballpark")]
    games = Game.objects.select_related("league", "season", *teams)
    league_ids = commissioned_league_ids(user)
    if league_ids is None:
        return games
    seen = Q(visibility=Visibility.PUBLIC) | Q(league_id__in=league_ids)
    if token_league_id is not None:
        seen |= Q(league_id=token_league_id)
    if user.is_authenticated:
        seen |= Q(home_team__managers=user) | Q(away_team__managers=user)
        return games.filter(pk__in=Game.objects.filter(seen).values("pk"))
    return games.filter(seen)
