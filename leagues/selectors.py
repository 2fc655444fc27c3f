"""Reads about leagues, teams and who commissions what."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Prefetch, QuerySet

from leagues.models import League, LeagueCommissioner, Season, Team


def league_list_with_teams() -> QuerySet[League]:
    """Every league with its teams (abbreviation order, ballpark joined) prefetched."""
    teams = Team.objects.select_related("ballpark").order_by("abbreviation")
    return League.objects.prefetch_related(Prefetch("teams", queryset=teams)).order_by("code")


def commissioned_league_ids(user: User | AnonymousUser) -> set[int] | None:
    """League ids a user may administer: None means every league (superuser); empty for nobody."""
    if getattr(user, "is_superuser", False):
        return None
    if not user.is_authenticated:
        return set()
    return set(LeagueCommissioner.objects.filter(user=user).values_list("league_id", flat=True))


def user_can_commission(user: User | AnonymousUser, league_id: int) -> bool:
    ids = commissioned_league_ids(user)
    return ids is None or league_id in ids


def season_list() -> QuerySet[Season]:
    return Season.objects.select_related("league").order_by("league__code", "-number")


def team_list() -> QuerySet[Team]:
    """Teams with league, season and ballpark joined."""
    return Team.objects.select_related("league", "season", "ballpark").order_by("league__code", "abbreviation", "id")


def team_list_with_gm() -> QuerySet[Team]:
    """Teams whose GM Discord id is known (a Discord login with that id manages them), league then name."""
    return team_list().exclude(gm_discord_id="").order_by("league__code", "name")


def league_list() -> QuerySet[League]:
    return League.objects.order_by("code")
