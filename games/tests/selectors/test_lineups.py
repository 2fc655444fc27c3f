"""Selectors behind the lineup builder."""

from __future__ import annotations

from decimal import Decimal

import pytest

from games.selectors import lineup_card_options
from games.tests.live_helpers import demo_game
from players.models import BattingRating, Card

pytestmark = pytest.mark.django_db


def test_card_options_rate_batters_from_their_chances_or_stored_rates() -> None:
    game = demo_game("pd", start=False)
    options = lineup_card_options(game=game, team=game.home_team)
    assert len(options) == game.roster_links.filter(team=game.home_team).count()
    assert [o.is_pitcher for o in options] == sorted(o.is_pitcher for o in options)  # batters first
    batter = next(o for o in options if not o.is_pitcher)
    assert batter.card_id is not None
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
    assert pitcher.card_id is not None
    card = Card.objects.get(pk=pitcher.card_id)
    assert (pitcher.starter_rating, pitcher.relief_rating, pitcher.throws) == (
        card.starter_rating,
        card.relief_rating,
        card.throw_hand,
    )
