import pytest

from leagues.models import LeagueCommissioner
from leagues.services import COMMISSIONER_PERMISSIONS, commissioner_add, commissioner_group_for
from leagues.tests.factories import LeagueFactory, UserFactory

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
