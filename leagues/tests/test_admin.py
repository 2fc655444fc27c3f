import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from leagues.models import LeagueCommissioner
from leagues.tests.factories import LeagueFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_adding_and_removing_a_commissioner_in_the_admin_manages_access(client: Client) -> None:
    client.force_login(User.objects.create_superuser("root", "", "x"))
    league = LeagueFactory(code="sba")
    user = UserFactory()
    response = client.post(reverse("admin:leagues_leaguecommissioner_add"), {"user": user.pk, "league": league.pk})
    assert response.status_code == 302, response.content
    user = User.objects.get(pk=user.pk)
    assert user.is_staff
    assert user.has_perm("games.change_game")

    link = LeagueCommissioner.objects.get()
    client.post(reverse("admin:leagues_leaguecommissioner_delete", args=[link.pk]), {"post": "yes"})
    user = User.objects.get(pk=user.pk)
    assert not LeagueCommissioner.objects.exists()
    assert not user.groups.exists()
