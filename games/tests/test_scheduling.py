import pytest
from django.core.exceptions import ValidationError

from games.models import GameStatus, Lineup
from games.scheduling import LineupSlot, game_schedule, game_set_starters
from leagues.models import LeagueCode
from leagues.tests.factories import LeagueFactory, SeasonFactory, TeamFactory
from players.tests.factories import PlayerFactory

pytestmark = pytest.mark.django_db

FIELDERS = ["P", "C", "1B", "2B", "3B", "SS", "LF", "CF", "RF"]


def test_schedule_checks_teams_and_season() -> None:
    pd, sba = LeagueFactory(code=LeagueCode.PD), LeagueFactory(code=LeagueCode.SBA)
    home, away = TeamFactory(league=pd), TeamFactory(league=pd)
    game = game_schedule(league=pd, home_team=home, away_team=away, home_is_ai=True)
    assert (game.status, game.home_is_ai, game.session.game_id) == (GameStatus.PENDING, True, game.pk)
    with pytest.raises(ValidationError) as error:
        game_schedule(league=pd, home_team=home, away_team=home, season=SeasonFactory(league=sba))
    assert set(error.value.message_dict) == {"away_team", "season"}


def test_lineup_without_dh() -> None:
    league = LeagueFactory(code=LeagueCode.SBA, dh=False)
    game = game_schedule(league=league, home_team=TeamFactory(league=league), away_team=TeamFactory(league=league))
    players = [PlayerFactory(league=league) for _ in FIELDERS]
    slots = [LineupSlot(p.pk, pos, order) for order, (p, pos) in enumerate(zip(players, FIELDERS, strict=True), 1)]
    assert len(game_set_starters(game=game, team=game.away_team, slots=slots)) == 9
    with_dh = [*slots[:8], LineupSlot(players[8].pk, "DH", 9), LineupSlot(PlayerFactory(league=league).pk, "P", None)]
    with pytest.raises(ValidationError) as error:
        game_set_starters(game=game, team=game.away_team, slots=with_dh)
    assert "position" in error.value.message_dict
    benched = [LineupSlot(slots[0].player_id, "P", None), *slots[1:]]
    with pytest.raises(ValidationError) as error:
        game_set_starters(game=game, team=game.away_team, slots=benched)
    assert "batting_order" in error.value.message_dict
    twice = [*slots[:8], LineupSlot(players[0].pk, "RF", 9)]
    with pytest.raises(ValidationError) as error:
        game_set_starters(game=game, team=game.away_team, slots=twice)
    assert "player" in error.value.message_dict
    assert Lineup.objects.filter(game=game).count() == 9
