import pytest

from leagues.league_api.records import LeagueCode
from leagues.tests.factories import LeagueFactory, TeamFactory
from players.tests.factories import (
    BattingRatingFactory,
    CardFactory,
    PitchingRatingFactory,
    PlayerFactory,
    PositionRatingFactory,
)

pytestmark = pytest.mark.django_db


def test_players_filter(api_client, django_assert_max_num_queries) -> None:
    pd = LeagueFactory(code=LeagueCode.PD)
    team = TeamFactory(league=pd)
    PlayerFactory(league=pd, name="Mike Trout", team=team)
    PlayerFactory(league=pd, name="Mookie Betts")
    PlayerFactory(league=LeagueFactory(code=LeagueCode.SBA), name="Mike Schmidt")
    with django_assert_max_num_queries(3):
        body = api_client.get("/api/players/", {"league": "pd", "name": "mike"}).json()
    assert [(row["name"], row["team"], row["league"]) for row in body["results"]] == [("Mike Trout", team.pk, "pd")]
    assert api_client.get("/api/players/", {"team": team.pk}).json()["count"] == 1


def test_card_with_ratings_per_hand_and_positions(api_client, django_assert_max_num_queries) -> None:
    card = CardFactory(throw_hand="R", hold=1, balk=1, wild_pitch=3, starter_rating=6)
    for hand in ("L", "R"):
        BattingRatingFactory(card=card, vs_hand=hand)
        PitchingRatingFactory(card=card, vs_hand=hand)
    PositionRatingFactory(card=card, position="SS")
    PositionRatingFactory(card=card, position="2B", range=2)
    for _ in range(4):
        BattingRatingFactory(card=CardFactory(player__league=card.player.league))
    with django_assert_max_num_queries(6):
        body = api_client.get("/api/cards/", {"league": "pd"}).json()
    assert body["count"] == 5
    detail = api_client.get(f"/api/cards/{card.pk}/").json()
    assert [row["vs_hand"] for row in detail["batting_ratings"]] == ["L", "R"]
    assert [row["vs_hand"] for row in detail["pitching_ratings"]] == ["L", "R"]
    assert detail["batting_ratings"][0]["homerun"] == "4.90"
    assert detail["pitching_ratings"][0]["xcheck_ss"] == "5.00"
    assert [(row["position"], row["range"]) for row in detail["positions"]] == [("2B", 2), ("SS", 3)]
    assert detail["player"]["name"] == card.player.name
    assert api_client.get("/api/cards/", {"player": card.player.pk}).json()["count"] == 1
