import pytest
from django.contrib.auth.models import AnonymousUser, User

from leagues.models import LeagueCommissioner
from leagues.selectors import commissioned_league_ids, league_list_with_teams, user_can_commission
from leagues.tests.factories import LeagueFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_leagues_come_with_their_teams() -> None:
    TeamFactory(league=LeagueFactory(code="sba"), abbreviation="ZZZ")
    TeamFactory(league=LeagueFactory(code="sba"), abbreviation="AAA")
    TeamFactory(league=LeagueFactory(code="pd"))
    leagues = list(league_list_with_teams())
    assert [league.code for league in leagues] == ["pd", "sba"]
    assert [team.abbreviation for team in leagues[1].teams.all()] == ["AAA", "ZZZ"]


def test_commissioned_leagues() -> None:
    pd, sba = LeagueFactory(code="pd"), LeagueFactory(code="sba")
    user = UserFactory()
    LeagueCommissioner.objects.create(user=user, league=pd)
    assert commissioned_league_ids(user) == {pd.pk}
    assert user_can_commission(user, pd.pk)
    assert not user_can_commission(user, sba.pk)
    assert commissioned_league_ids(AnonymousUser()) == set()
    assert commissioned_league_ids(User.objects.create_superuser("root", "", "x")) is None
