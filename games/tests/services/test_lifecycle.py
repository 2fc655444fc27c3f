"""Setting a lineup (`game_set_lineup`) under the out-of-position league option (RULES §12)."""

from dataclasses import replace

import pytest

from games import engine
from games.access import SYSTEM
from games.engine.lineup_rules import OUT_OF_POSITION
from games.errors import InvalidLineup
from games.models import Game, GameStatus, Lineup
from games.selectors import LineupEntry, lineup_suggest
from games.services import game_create, game_set_lineup
from games.setup import game_setup
from games.tests.live_helpers import load_two_teams
from leagues.models import League, Team
from players.models import Player

pytestmark = pytest.mark.django_db


def _pending(code: str, *, out_of_position: bool) -> tuple[Game, Team]:
    league = load_two_teams(code)
    League.objects.filter(pk=league.pk).update(out_of_position=out_of_position)
    away, home = league.teams.order_by("abbreviation")[:2]
    cardsets = list(league.cardsets.all()) if code == "pd" else []
    game = game_create(league=League.objects.get(pk=league.pk), home_team=home, away_team=away, cardsets=cardsets)
    return game, away


def _catcher_and_shortstop_swapped(entries: list[LineupEntry]) -> tuple[list[LineupEntry], LineupEntry]:
    """The lineup with its catcher and shortstop trading positions (each has no rating at the other's), and the
    catcher's new entry."""
    swap = {"C": "SS", "SS": "C"}
    swapped = [replace(e, position=swap.get(e.position, e.position)) for e in entries]
    catcher = next(e for e, old in zip(swapped, entries, strict=True) if old.position == "C")
    return swapped, catcher


@pytest.mark.parametrize("code", ["pd", "sba"])
def test_a_league_that_forbids_it_refuses_a_starter_out_of_position_and_saves_nothing(code):
    game, team = _pending(code, out_of_position=False)
    entries, catcher = _catcher_and_shortstop_swapped(lineup_suggest(game=game, team=team))
    with pytest.raises(InvalidLineup) as refused:
        game_set_lineup(game=game, team=team, user=SYSTEM, entries=entries)
    name = Player.objects.get(pk=catcher.player_id).name
    message = f"{name} has no SS rating, and this league does not play anyone out of position"
    assert refused.value.errors[f"slot {catcher.batting_order}"] == message
    assert not Lineup.objects.filter(game=game, team=team).exists()
    game_set_lineup(game=game, team=team, user=SYSTEM, entries=lineup_suggest(game=game, team=team))
    assert Lineup.objects.filter(game=game, team=team, is_starter=True).count() == 10


def test_a_league_that_allows_it_saves_the_lineup_and_the_game_plays_him_with_the_penalty():
    game, away = _pending("pd", out_of_position=True)
    entries, catcher = _catcher_and_shortstop_swapped(lineup_suggest(game=game, team=away))
    game_set_lineup(game=game, team=away, user=SYSTEM, entries=entries)
    game_set_lineup(game=game, team=game.home_team, user=SYSTEM, entries=lineup_suggest(game=game, team=game.home_team))
    game.refresh_from_db()
    assert game.status == GameStatus.ACTIVE
    setup = game_setup(game)
    assert setup.options.out_of_position
    player = next(
        setup.players[slot.player] for slot in setup.away.lineup if slot.position is engine.Position.SHORTSTOP
    )
    assert player.name == Player.objects.get(pk=catcher.player_id).name
    assert player.fielder(engine.Position.SHORTSTOP) is OUT_OF_POSITION[engine.Position.SHORTSTOP]
