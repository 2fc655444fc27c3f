"""Discord login through django-allauth, against a fake Discord (no network)."""

from __future__ import annotations

from unittest import mock
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User as AuthUser
from django.test import Client
from pytest_django.fixtures import Settings

from leagues.tests.factories import LeagueFactory, TeamFactory
from scorecard.accounts import discord_id_for, user_for_discord_id
from scorecard.tests.fake_discord import begin_discord_login, discord_login, discord_profile, fake_discord

pytestmark = pytest.mark.django_db

User = get_user_model()
CAL = discord_profile("80351110224678912", "cal", "Cal Corum")


@pytest.fixture(autouse=True)
def discord_app(settings: Settings) -> None:
    settings.SOCIALACCOUNT_PROVIDERS = {
        "discord": {
            **settings.SOCIALACCOUNT_PROVIDERS["discord"],
            "APPS": [{"client_id": "test-client-id", "secret": "test-secret", "key": ""}],
        }
    }


def signed_in_user(client: Client) -> AuthUser | None:
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def test_login_page_offers_a_discord_post_button_and_no_password_form(client: Client) -> None:
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<form method="post" action="/accounts/discord/login/?process=login">' in html
    assert "csrfmiddlewaretoken" in html
    assert "Sign in with Discord" in html
    assert 'type="password"' not in html
    assert "/accounts/signup/" not in html


def test_get_on_the_provider_login_url_asks_for_confirmation(client: Client) -> None:
    response = client.get("/accounts/discord/login/?process=login")
    assert response.status_code == 200
    assert "Location" not in response
    html = response.content.decode()
    assert '<form method="post">' in html
    assert "Continue to Discord" in html
    assert "discord.com" not in html


def test_post_redirects_to_discord_asking_identify_only() -> None:
    query = begin_discord_login(Client())
    assert query["client_id"] == ["test-client-id"]
    assert query["scope"] == ["identify"]
    assert query["response_type"] == ["code"]
    assert query["redirect_uri"] == ["http://testserver/accounts/discord/login/callback/"]
    assert query["code_challenge_method"] == ["S256"]


def test_the_login_post_needs_a_csrf_token() -> None:
    client = Client(enforce_csrf_checks=True)
    assert client.post("/accounts/discord/login/?process=login").status_code == 403
    client.get("/accounts/login/")
    token = client.cookies["csrftoken"].value
    response = client.post("/accounts/discord/login/?process=login", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert response["Location"].startswith("https://discord.com/")


def test_first_login_creates_a_user_bound_to_the_discord_id(client: Client, login_hook: mock.MagicMock) -> None:
    response = discord_login(client, CAL)
    assert response.status_code == 302
    assert response["Location"] == "/"
    user = User.objects.get()
    assert signed_in_user(client) == user
    assert (user.username, user.first_name, user.email) == ("cal", "Cal Corum", "")
    assert not user.has_usable_password()
    account = SocialAccount.objects.get()
    assert (account.provider, account.uid, account.user) == ("discord", "80351110224678912", user)
    assert discord_id_for(user) == "80351110224678912"
    assert user_for_discord_id("80351110224678912") == user
    login_hook.assert_called_once_with(user, "80351110224678912")
    home = client.get("/").content.decode()
    assert '<span class="user-name">Cal Corum</span>' in home
    assert "Successfully signed in as Cal Corum." in home
    assert 'action="/accounts/logout/"' in home


def test_returning_user_is_the_same_user_with_a_fresh_display_name(client: Client, login_hook: mock.MagicMock) -> None:
    discord_login(client, CAL)
    client.post("/accounts/logout/")
    assert signed_in_user(client) is None
    renamed = discord_profile("80351110224678912", "cal_new", "Skipper Cal")
    response = discord_login(client, renamed, next_url="/games/")
    assert response["Location"] == "/games/"
    user = User.objects.get()
    assert signed_in_user(client) == user
    assert (user.username, user.first_name) == ("cal", "Skipper Cal")
    assert SocialAccount.objects.get().extra_data["username"] == "cal_new"
    assert login_hook.call_count == 2


def test_binding_is_by_discord_id_never_by_username(client: Client) -> None:
    local = User.objects.create_user(username="cal", password="pw-unused-0192")
    discord_login(client, CAL)
    user = signed_in_user(client)
    assert user is not None
    assert user != local
    assert user.username.startswith("cal")
    assert user.username != "cal"
    assert discord_id_for(local) is None
    other = Client()
    discord_login(other, discord_profile("1234567890", "cal", None))
    assert User.objects.count() == 3
    assert signed_in_user(other) not in {local, user}


def test_display_name_falls_back_to_the_username(client: Client) -> None:
    discord_login(client, discord_profile("42", "lefty", None))
    assert User.objects.get().first_name == "lefty"


def test_denied_consent_creates_nothing_and_says_login_cancelled(client: Client) -> None:
    state = begin_discord_login(client)["state"][0]
    with fake_discord(CAL) as discord:
        response = client.get(
            "/accounts/discord/login/callback/",
            {"error": "access_denied", "error_description": "The resource owner denied the request", "state": state},
            follow=True,
        )
    assert discord.calls == []
    assert response.redirect_chain[-1][0] == "/accounts/3rdparty/login/cancelled/"
    html = response.content.decode()
    assert "Login cancelled" in html
    assert 'href="/accounts/login/"' in html
    assert not User.objects.exists()
    assert signed_in_user(client) is None


def test_failed_token_exchange_shows_an_error_and_creates_nothing(client: Client) -> None:
    state = begin_discord_login(client)["state"][0]
    with fake_discord(CAL, token_status=400):
        response = client.get("/accounts/discord/login/callback/", {"code": "stale", "state": state})
    assert response.status_code == 401
    assert "Sign-in failed" in response.content.decode()
    assert not User.objects.exists()


def test_a_callback_without_a_matching_state_is_refused(client: Client) -> None:
    with fake_discord(CAL) as discord:
        response = client.get("/accounts/discord/login/callback/", {"code": "fake-code", "state": "forged"})
    assert response.status_code == 401
    assert "Sign-in failed" in response.content.decode()
    assert discord.calls == []
    assert not User.objects.exists()


def test_sign_out_is_by_post_only(client: Client) -> None:
    discord_login(client, CAL)
    confirmation = client.get("/accounts/logout/")
    assert confirmation.status_code == 200
    assert "Sign out of Scorecard" in confirmation.content.decode()
    assert signed_in_user(client) is not None
    response = client.post("/accounts/logout/")
    assert response["Location"] == "/"
    assert signed_in_user(client) is None
    assert 'href="/accounts/login/"' in client.get("/").content.decode()


def test_a_second_discord_account_cannot_be_connected(client: Client) -> None:
    discord_login(client, CAL)
    assert "Discord" in client.get("/accounts/3rdparty/").content.decode()
    response = client.post("/accounts/discord/login/?process=connect")
    state = parse_qs(urlsplit(response["Location"]).query)["state"][0]
    with fake_discord(discord_profile("999", "alt", None)):
        refused = client.get("/accounts/discord/login/callback/", {"code": "fake-code", "state": state}, follow=True)
    assert "already bound to a Discord account" in refused.content.decode()
    assert list(SocialAccount.objects.values_list("uid", flat=True)) == ["80351110224678912"]


def test_a_user_without_discord_can_connect_one(client: Client, login_hook: mock.MagicMock) -> None:
    staff = User.objects.create_user(username="commish", is_staff=True)
    client.force_login(staff)
    response = client.post("/accounts/discord/login/?process=connect")
    state = parse_qs(urlsplit(response["Location"]).query)["state"][0]
    with fake_discord(CAL):
        client.get("/accounts/discord/login/callback/", {"code": "fake-code", "state": state})
    assert user_for_discord_id("80351110224678912") == staff


def test_first_login_makes_the_user_manager_of_the_teams_he_is_gm_of(client: Client) -> None:
    league = LeagueFactory()
    first = TeamFactory(league=league, gm_discord_id="80351110224678912")
    second = TeamFactory(league=league, gm2_discord_id="80351110224678912")
    TeamFactory(league=league, gm_discord_id="1234567890")
    TeamFactory(league=league)
    discord_login(client, CAL)
    user = User.objects.get()
    assert set(user.managed_teams.all()) == {first, second}


def test_returning_login_adds_teams_assigned_since_and_keeps_the_rest(client: Client) -> None:
    league = LeagueFactory()
    first = TeamFactory(league=league, gm_discord_id="80351110224678912")
    discord_login(client, CAL)
    client.post("/accounts/logout/")
    later = TeamFactory(league=league, gm_discord_id="80351110224678912")
    discord_login(client, CAL)
    user = User.objects.get()
    assert set(user.managed_teams.all()) == {first, later}
    assert list(first.managers.all()) == [user]
