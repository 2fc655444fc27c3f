"""The DEBUG-only dev login (no Discord) and the header's signed-in/out states."""

from __future__ import annotations

from unittest import mock

import pytest
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.test import Client
from pytest_django.fixtures import Settings

from scorecard.accounts import discord_id_for, user_for_discord_id

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture
def debug(settings: Settings) -> None:
    settings.DEBUG = True


def test_dev_login_does_not_exist_without_debug(client: Client) -> None:
    assert client.get("/accounts/dev-login/").status_code == 404
    assert client.post("/accounts/dev-login/", {"username": "demo"}).status_code == 404
    assert "_auth_user_id" not in client.session
    assert "/accounts/dev-login/" not in client.get("/accounts/login/").content.decode()


@pytest.mark.usefixtures("debug")
def test_login_page_links_the_dev_login_in_debug(client: Client) -> None:
    html = client.get("/accounts/login/?next=/games/7/").content.decode()
    assert 'href="/accounts/dev-login/?next=/games/7/"' in html
    assert "Sign in with Discord" in html


@pytest.mark.usefixtures("debug")
def test_dev_login_signs_in_as_the_demo_user(client: Client) -> None:
    form = client.get("/accounts/dev-login/").content.decode()
    assert 'value="demo"' in form
    response = client.post("/accounts/dev-login/", {"username": "demo"})
    assert response["Location"] == "/"
    demo = User.objects.get(username="demo")
    assert client.session["_auth_user_id"] == str(demo.pk)
    assert not demo.has_usable_password()
    assert discord_id_for(demo) is None
    assert "Signed in as demo (development sign-in)." in client.get("/").content.decode()
    client.post("/accounts/logout/")
    client.post("/accounts/dev-login/", {"username": "demo"})
    assert User.objects.count() == 1


@pytest.mark.usefixtures("debug")
@pytest.mark.parametrize(
    ("next_url", "expected"),
    [("/games/7/", "/games/7/"), ("https://evil.example/", "/"), ("//evil.example/", "/")],
)
def test_dev_login_goes_to_local_next_urls_only(client: Client, next_url: str, expected: str) -> None:
    response = client.post("/accounts/dev-login/", {"username": "demo", "next": next_url})
    assert response["Location"] == expected


@pytest.mark.usefixtures("debug")
def test_dev_login_with_a_discord_id_acts_like_a_discord_login(client: Client, login_hook: mock.MagicMock) -> None:
    from leagues.tests.factories import TeamFactory

    TeamFactory(gm_discord_id="555000111")
    client.post("/accounts/dev-login/", {"username": "manager_a", "discord_id": "555000111"})
    user = user_for_discord_id("555000111")
    assert user is not None
    assert client.session["_auth_user_id"] == str(user.pk)
    assert (user.username, user.first_name) == ("manager_a", "manager_a")
    again = Client()
    again.post("/accounts/dev-login/", {"username": "someone_else", "discord_id": "555000111"})
    assert again.session["_auth_user_id"] == str(user.pk)
    assert SocialAccount.objects.count() == 1
    assert [c.args for c in login_hook.call_args_list] == [(user, "555000111"), (user, "555000111")]


@pytest.mark.usefixtures("debug")
def test_dev_login_rejects_bad_input(client: Client) -> None:
    response = client.post("/accounts/dev-login/", {"username": "no spaces", "discord_id": "abc"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "A Discord id is a number." in html
    assert "Letters, digits" in html
    assert not User.objects.exists()


def test_header_shows_sign_in_or_the_name_and_a_sign_out_button(client: Client) -> None:
    anonymous = client.get("/").content.decode()
    assert 'href="/accounts/login/">Sign in</a>' in anonymous
    user = User.objects.create_user(username="cal", first_name="Cal Corum")
    client.force_login(user)
    signed_in = client.get("/").content.decode()
    assert "Cal Corum" in signed_in
    assert '<form class="inline-form" method="post" action="/accounts/logout/">' in signed_in
    assert "Sign out</button>" in signed_in
    assert "Sign in</a>" not in signed_in


@pytest.mark.usefixtures("debug")
def test_signing_in_as_a_demo_gm_makes_a_new_user_that_teams_manager(client: Client) -> None:
    from leagues.models import Team
    from leagues.services import demo_load

    demo_load()
    page = client.get("/accounts/dev-login/").content.decode()
    team = Team.objects.get(league__code="pd", abbreviation="HCG")
    assert f'name="discord_id" value="{team.gm_discord_id}"' in page
    assert Team.objects.exclude(gm_discord_id="").values("gm_discord_id").distinct().count() == Team.objects.count()

    client.post("/accounts/dev-login/", {"username": "hcg-gm", "discord_id": team.gm_discord_id})

    user = user_for_discord_id(team.gm_discord_id)
    assert user is not None
    assert list(user.managed_teams.all()) == [team]
    lobby = client.get("/").content.decode()
    assert team.name in lobby
    assert "You do not manage a team yet" not in lobby


@pytest.mark.usefixtures("debug")
@pytest.mark.parametrize("kind", ["superuser", "staff", "password"])
def test_dev_login_never_signs_in_staff_superusers_or_password_accounts(client: Client, kind: str) -> None:
    if kind == "superuser":
        User.objects.create_superuser("root", password="secret-pw-1")
    else:
        User.objects.create_user("root", password="secret-pw-1", is_staff=kind == "staff")
    response = client.post("/accounts/dev-login/", {"username": "root"})
    assert response.status_code == 200
    assert "never signs in staff" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.usefixtures("debug")
def test_dev_login_does_not_sign_in_a_discord_user_who_is_no_demo_gm(client: Client) -> None:
    real = User.objects.create_user("real-player")
    SocialAccount.objects.create(user=real, provider="discord", uid="999888777")
    by_id = client.post("/accounts/dev-login/", {"username": "x", "discord_id": "999888777"})
    assert "not a demo team" in by_id.content.decode()
    by_name = client.post("/accounts/dev-login/", {"username": "real-player"})
    assert "signs in with Discord" in by_name.content.decode()
    assert "_auth_user_id" not in client.session
