import pytest

from leagues.models import LeagueCommissioner
from leagues.services import (
    COMMISSIONER_PERMISSIONS,
    commissioner_add,
    commissioner_group_for,
    team_managers_link_discord,
)
from leagues.tests.factories import LeagueFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_commissioner_add_is_idempotent_and_grants_staff_and_group() -> None:
    league = LeagueFactory(code="sba")
    user = UserFactory()
    commissioner_add(user=user, league=league)
    commissioner_add(user=user, league=league)
    user.refresh_from_db()
    assert user.is_staff
    assert not user.is_superuser
    assert LeagueCommissioner.objects.filter(user=user).count() == 1
    assert user.groups.get().name == "Commissioners: SBA"
    assert user.has_perm("games.change_game")
    assert not user.has_perm("games.delete_game")


def test_group_holds_every_listed_permission() -> None:
    group = commissioner_group_for(LeagueFactory())
    assert group.permissions.filter(codename="view_auditentry").exists()
    assert group.permissions.count() == sum(len(actions) for actions in COMMISSIONER_PERMISSIONS.values())


def test_team_managers_link_discord_matches_either_gm_id_only() -> None:
    user, other = UserFactory(), UserFactory()
    gm = TeamFactory(gm_discord_id="42")
    gm2 = TeamFactory(gm2_discord_id="42")
    TeamFactory(gm_discord_id="43")
    managed = TeamFactory()
    managed.managers.add(other)
    assert team_managers_link_discord(user=user, discord_id="42") == [gm, gm2]
    assert team_managers_link_discord(user=user, discord_id="42") == [gm, gm2]
    assert set(user.managed_teams.all()) == {gm, gm2}
    assert list(gm.managers.all()) == [user]
    assert team_managers_link_discord(user=other, discord_id=" ") == []
    assert list(other.managed_teams.all()) == [managed]
