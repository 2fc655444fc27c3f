"""Standing orders: saved by a team's manager, copied to its unfinished and new games, followed by its AI side
and by an expired decision window."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model

from games import engine
from games.engine.enums import Position
from games.engine.orders import HoldPolicy, InfieldPolicy, StandingOrders, Tendency, orders_from_dict
from games.errors import Forbidden, InvalidLineup
from games.models import GameAction, GameSession, GameStatus
from games.models import StandingOrders as StandingOrdersRow
from games.selectors.orders import standing_orders_of, team_fielders, team_pitchers
from games.services import game_sweep_expired
from games.services.orders import standing_orders_save
from games.setup import side_orders
from games.tests.live_helpers import demo_game, load_two_teams, manager
from realtime.presence import presence_join
from scorecard.clock import pendulum_now

pytestmark = pytest.mark.django_db


def _teams():
    league = load_two_teams("pd")
    return list(league.teams.order_by("abbreviation"))[:2]


def _pitcher(team):
    return team_pitchers(team)[0]


def test_only_a_manager_saves_and_a_closer_of_another_team_saves_nothing(django_user_model):
    away, home = _teams()
    stranger = django_user_model.objects.create_user("stranger")
    with pytest.raises(Forbidden):
        standing_orders_save(team=home, user=stranger, orders=StandingOrders(steal=Tendency.NEVER))
    boss = django_user_model.objects.create_user("boss")
    home.managers.add(boss)
    with pytest.raises(InvalidLineup) as refused:
        standing_orders_save(team=home, user=boss, orders=StandingOrders(closer=str(_pitcher(away).pk)))
    assert set(refused.value.errors) == {"closer"}
    mine = str(_pitcher(home).pk)
    with pytest.raises(InvalidLineup) as refused:
        standing_orders_save(team=home, user=boss, orders=StandingOrders(closer=mine, left_specialist=mine))
    assert set(refused.value.errors) == {"left_specialist"}
    assert not StandingOrdersRow.objects.exists()
    assert standing_orders_of(home) == StandingOrders()


def test_saved_orders_reach_the_team_s_unfinished_games_and_its_new_ones():
    live = demo_game()
    finished = demo_game()
    finished.status = GameStatus.COMPLETED
    finished.save(update_fields=["status"])
    user = manager(live, "home")
    closer = _pitcher(live.home_team)
    backup = team_fielders(live.home_team)[0]
    depth = ((Position.CENTER_FIELD, (str(backup.pk),)),)
    orders = StandingOrders(steal=Tendency.MORE, closer=str(closer.pk), depth=depth)
    standing_orders_save(team=live.home_team, user=user, orders=orders)
    assert standing_orders_of(live.home_team) == orders
    live.refresh_from_db()
    finished.refresh_from_db()
    assert orders_from_dict(live.home_orders) == orders
    assert live.away_orders == {}
    assert finished.home_orders == {}
    # in a game, the closer is named by the game's engine id: his Lineup row
    in_game = side_orders(live, engine.Side.HOME)
    assert in_game.closer == str(live.lineups.get(player=closer).pk)
    assert in_game.backups(Position.CENTER_FIELD) == (str(live.lineups.get(player=backup).pk),)
    new = demo_game()
    assert orders_from_dict(new.home_orders) == orders


def _defense_actions(game, side):
    return list(GameAction.objects.filter(game=game, side=side, body__kind="defense"))


def test_each_ai_side_follows_its_team_s_orders():
    away, home = _teams()
    for team, hold in ((away, HoldPolicy.ALWAYS), (home, HoldPolicy.NEVER)):
        boss = manager_of(team)
        standing_orders_save(team=team, user=boss, orders=StandingOrders(hold=hold, intentional_walk=Tendency.NEVER))
    game = demo_game(home_is_ai=True, away_is_ai=True)
    assert game.status == GameStatus.COMPLETED
    home_defense, away_defense = _defense_actions(game, "home"), _defense_actions(game, "away")
    assert home_defense
    assert all(not a.body.get("hold") and not a.body.get("intentional_walk") for a in home_defense)
    held = [a for a in away_defense if a.body.get("hold")]
    assert held
    assert all("standing orders" in a.reason for a in held)


def manager_of(team):
    user = get_user_model().objects.create_user(f"boss-{team.pk}")
    team.managers.add(user)
    return user


def _expire(game):
    GameSession.objects.filter(game=game).update(decision_deadline=pendulum_now() - timedelta(seconds=1))


@pytest.mark.parametrize("saved", [False, True])
def test_an_expired_window_follows_saved_orders_else_the_rules_default(saved):
    game = demo_game()
    home, away = manager(game, "home"), manager(game, "away")
    for user, name in ((home, "c-home"), (away, "c-away")):
        presence_join(game_id=game.pk, channel_name=name, user=user, role="x")
    if saved:
        standing_orders_save(team=game.home_team, user=home, orders=StandingOrders(infield=InfieldPolicy.NEVER))
    _expire(game)
    assert [r.version for r in game_sweep_expired()] == [1]
    action = GameAction.objects.get(game=game)
    assert action.source == "timeout"
    if saved:
        assert action.reason == "time ran out: standing orders: normal depth, pitch to him"
    else:
        assert action.reason == "time ran out: normal depth, no holds, pitch to the batter"
