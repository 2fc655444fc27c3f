"""Selectors behind the lobby and the lineup builder."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from games.models import GameStatus
from games.selectors import game_list_for_manager, lineup_card_options, team_list_managed
from games.tests.factories import GameFactory
from games.tests.live_helpers import demo_game, manager
from leagues.tests.factories import TeamFactory
from players.models import BattingRating, Card

pytestmark = pytest.mark.django_db


def test_card_options_rate_batters_from_their_chances_or_stored_rates() -> None:
    game = demo_game("pd", start=False)
    options = lineup_card_options(game=game, team=game.home_team)
    assert len(options) == game.roster_links.filter(team=game.home_team).count()
    assert [o.is_pitcher for o in options] == sorted(o.is_pitcher for o in options)  # batters first
    batter = next(o for o in options if not o.is_pitcher)
    row = BattingRating.objects.get(card_id=batter.card_id, vs_hand="L")
    hits = ("homerun", "bp_homerun", "triple", "double_three", "double_two", "double_pull")
    singles_and_walks = ("single_two", "single_one", "single_center", "bp_single", "hbp", "walk")
    on_base = sum(getattr(row, name) for name in (*hits, *singles_and_walks))
    assert batter.on_base["L"] == pytest.approx(float(on_base) / 108)
    assert batter.on_base_vs_left == f"{float(on_base) / 108:.3f}".removeprefix("0")
    assert batter.fielding
    assert all(f.position != "DH" for f in batter.fielding)
    row.obp = Decimal("0.4321")
    row.save(update_fields=["obp"])
    again = next(o for o in lineup_card_options(game=game, team=game.home_team) if o.card_id == batter.card_id)
    assert again.on_base["L"] == pytest.approx(0.4321)
    pitcher = next(o for o in options if o.is_pitcher)
    card = Card.objects.get(pk=pitcher.card_id)
    assert (pitcher.starter_rating, pitcher.relief_rating, pitcher.throws) == (
        card.starter_rating,
        card.relief_rating,
        card.throw_hand,
    )


def test_manager_games_say_whose_turn_and_what_needs_a_lineup() -> None:
    live = demo_game("pd")
    user = manager(live, "home")
    pending = GameFactory(league=live.league, home_team=live.away_team, away_team=live.home_team, away_is_ai=False)
    GameFactory(league=live.league, home_team=live.home_team, away_team=live.away_team, status=GameStatus.COMPLETED)
    rows = game_list_for_manager(user)
    assert [row.game.pk for row in rows] == [live.pk, pending.pk]  # active first; finished games left out
    assert rows[0].turn in ("you", "opponent")
    assert rows[0].my_team == live.home_team
    assert rows[1].lineup_needed
    assert rows[1].my_team == live.home_team
    assert rows[1].opponent == live.away_team
    assert team_list_managed(user) == [live.home_team]


def test_nobody_manages_nothing() -> None:
    fan = get_user_model().objects.create_user("fan")
    TeamFactory()
    assert game_list_for_manager(fan) == []
    assert team_list_managed(fan) == []
