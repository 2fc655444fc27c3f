"""Writes for leagues: commissioners and their permission groups, and the demo data."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, Group, Permission
from django.db import transaction
from django.db.models import Q

from leagues.models import League, LeagueCommissioner

# (app_label, model) -> permission actions granted to every league's commissioners.
COMMISSIONER_PERMISSIONS: dict[tuple[str, str], tuple[str, ...]] = {
    ("leagues", "league"): ("view", "change"),
    ("leagues", "season"): ("view", "add", "change"),
    ("leagues", "ballpark"): ("view",),
    ("leagues", "team"): ("view", "add", "change"),
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
def commissioner_add(*, user: AbstractUser, league: League) -> LeagueCommissioner:
    """Makes `user` a commissioner of `league`: the link, the league's group and staff access. Idempotent."""
    link, _ = LeagueCommissioner.objects.get_or_create(user=user, league=league)
    user.groups.add(commissioner_group_for(league))
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return link
