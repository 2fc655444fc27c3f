"""Standing orders: a team's manager saves them; the team's games not yet over follow them at once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction

from games.access import Actor, signed_in, team_manager_check
from games.engine.orders import StandingOrders as Orders
from games.engine.orders import orders_to_dict
from games.errors import InvalidLineup
from games.models import FINISHED_STATUSES, Game, StandingOrders
from games.selectors.orders import team_pitchers
from leagues.models import Team
from players.models import Player
from scorecard.clock import pendulum_now

NAMED_PLAYERS = ("closer", "left_specialist")


def standing_orders_check(*, team: Team, user: Actor, orders: Orders) -> None:
    """Raises Forbidden unless `user` manages `team`, and InvalidLineup keyed by field when the closer or the
    specialist (Player ids) is not a player of the team's, or both name one man."""
    team_manager_check(team, user)
    named = [(field, pid) for field in NAMED_PLAYERS if (pid := getattr(orders, field))]
    named += [(f"depth_{at.value}", pid) for at, backups in orders.depth for pid in backups]
    ids = [int(pid) for _, pid in named if pid.isdigit()]
    players = {str(pk) for pk in Player.objects.filter(team=team, pk__in=ids).values_list("pk", flat=True)}
    errors = {field: f"not a player of {team}" for field, pid in named if pid not in players}
    if orders.closer and orders.closer == orders.left_specialist:
        errors["left_specialist"] = "the closer cannot also be the left-handed specialist"
    if errors:
        raise InvalidLineup(errors)


@transaction.atomic
def standing_orders_save(
    *, team: Team, user: Actor, orders: Orders, rotation: Sequence[int] | None = None
) -> StandingOrders:
    """Saves `team`'s standing orders (and its `rotation` of starting pitchers, Player ids in order, when given)
    and copies the orders to its games that are not over (their next decision follows them). Raises as
    `standing_orders_check`, or InvalidLineup keyed `rotation` for a rotation of other players or with a pitcher
    twice; nothing is saved then."""
    standing_orders_check(team=team, user=user, orders=orders)
    defaults: dict[str, Any] = {"orders": orders_to_dict(orders), "updated_at": pendulum_now()}
    if rotation is not None:
        pitchers = {p.pk for p in team_pitchers(team)}
        if len(set(rotation)) != len(rotation) or not pitchers.issuperset(rotation):
            raise InvalidLineup({"rotation": f"the rotation takes each of {team}'s pitchers at most once"})
        defaults["rotation"] = list(rotation)
    stored = defaults["orders"]
    row, _ = StandingOrders.objects.update_or_create(team=team, defaults={**defaults, "updated_by": signed_in(user)})
    unfinished = Game.objects.exclude(status__in=FINISHED_STATUSES)
    unfinished.filter(away_team=team).update(away_orders=stored)
    unfinished.filter(home_team=team).update(home_orders=stored)
    return row
