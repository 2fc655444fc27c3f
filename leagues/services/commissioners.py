"""Commissioners and their permission groups, and team managers matched by Discord id."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission, User
from django.db import transaction
from django.db.models import Q

from leagues.models import League, LeagueCommissioner, Team

COMMISSIONER_PERMISSIONS: dict[tuple[str, str], tuple[str, ...]] = {
    ("leagues", "league"): ("view", "change"),
    ("leagues", "season"): ("view", "add", "change"),
    ("leagues", "ballpark"): ("view",),
    ("leagues", "team"): ("view", "add", "change"),
    ("leagues", "series"): ("view", "add", "change", "delete"),
    ("leagues", "scheduledgame"): ("view", "add", "change", "delete"),
    ("leagues", "injury"): ("view",),
    ("players", "player"): ("view", "add", "change"),
    ("players", "cardset"): ("view", "add", "change"),
    ("players", "card"): ("view", "add", "change"),
    ("players", "battingrating"): ("view", "add", "change"),
    ("players", "pitchingrating"): ("view", "add", "change"),
    ("players", "positionrating"): ("view", "add", "change"),
    ("games", "game"): ("view", "add", "change"),
    ("games", "lineup"): ("view", "add", "change"),
    ("games", "play"): ("view",),
    ("games", "gamecardsetlink"): ("view", "add", "change", "delete"),
    ("games", "rosterlink"): ("view", "add", "change", "delete"),
    ("games", "gamesession"): ("view",),
    ("games", "auditentry"): ("view",),
    ("games", "dispute"): ("view", "change"),
    ("outbox", "outboxmessage"): ("view", "change"),
}


def commissioner_group_for(league: League) -> Group:
    """The permission group of `league`'s commissioners, created (or its permissions refreshed) on demand.
    Which rows they reach is decided by LeagueCommissioner links, not by the group."""
    group, _ = Group.objects.get_or_create(name=f"Commissioners: {league.code.upper()}")
    wanted = Q(pk__in=[])
    for (app_label, model), actions in COMMISSIONER_PERMISSIONS.items():
        codenames = [f"{action}_{model}" for action in actions]
        wanted |= Q(content_type__app_label=app_label, content_type__model=model, codename__in=codenames)
    group.permissions.set(Permission.objects.filter(wanted))
    return group


@transaction.atomic
def commissioner_add(*, user: User, league: League) -> LeagueCommissioner:
    """Makes `user` a commissioner of `league`: the link, the league's group and staff access. Idempotent."""
    link, _ = LeagueCommissioner.objects.get_or_create(user=user, league=league)
    user.groups.add(commissioner_group_for(league))
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return link


@transaction.atomic
def commissioner_remove(*, user: User, league: League) -> None:
    """Ends `user`'s commission of `league`: the link and the league's group go; staff status stays."""
    LeagueCommissioner.objects.filter(user=user, league=league).delete()
    user.groups.remove(commissioner_group_for(league))


def team_managers_link_discord(*, user: User, discord_id: str) -> list[Team]:
    """Adds `user` to the managers of every team whose GM (`gm_discord_id` or `gm2_discord_id`) is `discord_id`;
    returns those teams. Idempotent; never removes a manager (a GM change is made in the admin)."""
    discord_id = discord_id.strip()
    if not discord_id:
        return []
    teams = list(Team.objects.filter(Q(gm_discord_id=discord_id) | Q(gm2_discord_id=discord_id)).order_by("pk"))
    for team in teams:
        team.managers.add(user)
    return teams
