import pytest
from django.test import Client

from games.models import GameStatus
from games.tests.factories import GameFactory


@pytest.mark.django_db
def test_home_page_lists_leagues_teams_and_games(client: Client) -> None:
    game = GameFactory(status=GameStatus.ACTIVE)
    response = client.get("/")
    assert response.status_code == 200
    content = response.content.decode()
    assert game.league.name in content
    assert game.home_team.name in content
    assert f"{game.away_team.abbreviation} 0 @ {game.home_team.abbreviation} 0" in content
    assert "No finished games yet." in content
