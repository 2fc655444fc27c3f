"""Season statistics equal the sums of the games' box scores (`leagues.stats`)."""

from __future__ import annotations

from collections import Counter

import pytest
from django.contrib.auth import get_user_model

from games import engine
from games.models import GameStatus, Lineup, PitchingLine
from games.selectors import game_box_score
from games.services import game_forfeit
from games.tests.live_helpers import demo_game
from leagues.stats import season_pitching

pytestmark = pytest.mark.django_db
FIELDS = ("outs", "h", "er", "bb", "so", "bf", "wins", "losses", "saves")


def test_season_pitching_of_live_played_games_is_the_sum_of_their_box_scores() -> None:
    games = [demo_game(home_is_ai=True, away_is_ai=True) for _ in range(4)]
    assert [game.status for game in games] == [GameStatus.COMPLETED] * 4
    player_of = dict(Lineup.objects.filter(game__in=games).values_list("pk", "player_id"))
    expected: dict[int, Counter[str]] = {}
    for game in games:
        box = game_box_score(game=game)
        assert box is not None
        for side in engine.Side:
            for line in box.pitching(side):
                totals = expected.setdefault(player_of[int(line.player)], Counter())
                totals.update(outs=line.outs, h=line.h, er=line.er, bb=line.bb, so=line.so, bf=line.bf)
                totals.update(wins=line.decision == "W", losses=line.decision == "L", saves=line.decision == "S")
    rows = season_pitching(league=games[0].league)
    got = {row["player_id"]: {key: row[key] for key in FIELDS} for row in rows}
    want = {player: {key: totals[key] for key in FIELDS} for player, totals in expected.items() if totals["bf"]}
    assert got == want
    assert sum(row["er"] for row in rows) > 0  # earned runs reach the season lines: ERA is not 0 for everyone
    assert sum(row["wins"] for row in rows) == sum(row["losses"] for row in rows) == 4
    for row in rows:
        assert row["era"] == (round(27 * row["er"] / row["outs"], 2) if row["outs"] else None)


def test_a_forfeited_game_has_no_season_lines() -> None:
    game = demo_game()
    root = get_user_model().objects.create_superuser("root", password="pw")
    game_forfeit(game=game, actor=root, reason="no show", winner=game.home_team)
    assert not PitchingLine.objects.filter(game=game).exists()
    assert season_pitching(league=game.league) == []
