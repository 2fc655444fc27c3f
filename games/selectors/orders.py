"""A team's saved standing orders (a game side's, as the engine reads them: `games.setup.side_orders`)."""

from __future__ import annotations

from games.engine.orders import NO_ORDERS, StandingOrders, orders_from_dict
from games.models import StandingOrders as StandingOrdersRow
from leagues.models import Team
from players.models import PITCHER_POSITIONS, Player


def standing_orders_of(team: Team) -> StandingOrders:
    """`team`'s saved standing orders (the defaults when none are saved); closer and specialist by Player id."""
    row = StandingOrdersRow.objects.filter(team=team).first()
    return orders_from_dict(row.orders) if row is not None else NO_ORDERS


def team_rotation(team: Team) -> list[int]:
    """`team`'s starting rotation (Player ids, in order; empty when none is saved)."""
    row = StandingOrdersRow.objects.filter(team=team).first()
    return list(row.rotation) if row is not None else []


def team_pitchers(team: Team) -> list[Player]:
    """`team`'s players who pitch (a pitcher's position among theirs), by name: the closer and specialist choices."""
    players = Player.objects.filter(team=team).order_by("name")
    return [player for player in players if PITCHER_POSITIONS.intersection(player.positions or ())]


def team_fielders(team: Team) -> list[Player]:
    """`team`'s position players (no pitcher's position among theirs), by name: the depth chart's choices."""
    players = Player.objects.filter(team=team).order_by("name")
    return [player for player in players if not PITCHER_POSITIONS.intersection(player.positions or ())]
