"""Standing orders: a team's manager saves them; the team's games not yet over follow them at once."""

from __future__ import annotations

from django.db import transaction

from games.access import Actor, signed_in
from games.engine.orders import StandingOrders as Orders
from games.engine.orders import orders_to_dict
from games.errors import Forbidden, InvalidLineup
from games.models import FINISHED_STATUSES, Game, StandingOrders
from leagues.models import Team
from players.models import Player
from scorecard.clock import pendulum_now

NAMED_PLAYERS = ("closer", "left_specialist")


def standing_orders_check(*, team: Team, user: Actor, orders: Orders) -> None:
    """Raises Forbidden unless `user` manages `team`, and InvalidLineup keyed by field when the closer or the
    specialist (Player ids) is not a player of the team's, or both name one man."""
    account = signed_in(user)
    if account is None or not team.managers.filter(pk=account.pk).exists():
        raise Forbidden(f"you do not manage {team}")
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
def standing_orders_save(*, team: Team, user: Actor, orders: Orders) -> StandingOrders:
    """Saves `team`'s standing orders and copies them to its games that are not over (their next decision follows
    them). Raises as `standing_orders_check`; nothing is saved then."""
    standing_orders_check(team=team, user=user, orders=orders)
    stored = orders_to_dict(orders)
    row, _ = StandingOrders.objects.update_or_create(
        team=team, defaults={"orders": stored, "updated_at": pendulum_now(), "updated_by": signed_in(user)}
    )
    unfinished = Game.objects.exclude(status__in=FINISHED_STATUSES)
    unfinished.filter(away_team=team).update(away_orders=stored)
    unfinished.filter(home_team=team).update(home_orders=stored)
    return row
