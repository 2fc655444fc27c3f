import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse

from api.models import ApiToken, hash_key
from api.services import api_token_create, api_token_revoke
from leagues.tests.factories import LeagueFactory, UserFactory

pytestmark = pytest.mark.django_db

ME = "/api/games/"


def test_only_the_hash_of_a_key_is_stored() -> None:
    token, key = api_token_create(name="bot", user=UserFactory())
    assert token.key_hash == hash_key(key) != key
    assert key.startswith(token.key_prefix)
    assert ApiToken.objects.filter(key_hash=key).count() == 0


def test_token_authenticates_and_records_use(api_client) -> None:
    token, key = api_token_create(name="bot", user=UserFactory())
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api_client.get(ME).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize("header", ["Token nope", "Token", "Token a b", "token \xff"])
def test_bad_tokens_are_refused(api_client, header) -> None:
    response = api_client.get(ME, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_revoked_token_and_inactive_user_are_refused(api_client) -> None:
    token, key = api_token_create(name="bot", user=UserFactory())
    api_token_revoke(token=token)
    assert api_client.get(ME, HTTP_AUTHORIZATION=f"Token {key}").status_code == 401
    user = UserFactory(is_active=False)
    _, key = api_token_create(name="bot", user=user)
    assert api_client.get(ME, HTTP_AUTHORIZATION=f"Token {key}").status_code == 401


def test_admin_shows_the_key_once_and_revokes(client) -> None:
    admin = get_user_model().objects.create_superuser("root", password="pw")
    client.force_login(admin)
    user = UserFactory()
    league = LeagueFactory()
    response = client.post(
        reverse("admin:api_apitoken_add"), {"name": "scheduler", "user": user.pk, "league": league.pk}, follow=True
    )
    token = ApiToken.objects.get(name="scheduler")
    shown = [str(message) for message in response.context["messages"]]
    key = shown[0].rsplit(" ", 1)[-1]
    assert token.key_hash == hash_key(key)
    assert token.league == league
    page = client.get(reverse("admin:api_apitoken_change", args=[token.pk])).content.decode()
    assert key not in page
    client.post(reverse("admin:api_apitoken_changelist"), {"action": "revoke", "_selected_action": [token.pk]})
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_staff_who_are_not_superusers_cannot_manage_tokens(client) -> None:
    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse("admin:api_apitoken_changelist")).status_code == 403


def test_throttles_return_429_over_the_rate(api_client, settings) -> None:
    rates = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "2/min", "user": "3/min"}}
    with override_settings(REST_FRAMEWORK=rates):
        assert [api_client.get(ME).status_code for _ in range(3)] == [200, 200, 429]
        api_client.force_authenticate(UserFactory())
        assert [api_client.get(ME).status_code for _ in range(4)] == [200, 200, 200, 429]
