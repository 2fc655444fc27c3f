import doctest

import pytest
from django.conf import settings
from django.test import override_settings

from api import client_ip
from leagues.tests.factories import LeagueFactory

pytestmark = pytest.mark.django_db


def _rest(**changes):
    return {**settings.REST_FRAMEWORK, **changes}


def test_doctests_pass() -> None:
    assert doctest.testmod(client_ip).failed == 0


def test_drf_trusts_as_many_proxies_as_the_setting() -> None:
    assert settings.REST_FRAMEWORK["NUM_PROXIES"] == settings.SCORECARD_TRUSTED_PROXIES == 0


def test_a_spoofed_forwarded_for_behind_one_trusted_proxy_does_not_bypass_the_anonymous_throttle(api_client) -> None:
    LeagueFactory()
    rates = {"anon": "3/min", "user": "1000/min"}
    with override_settings(
        SCORECARD_TRUSTED_PROXIES=1, REST_FRAMEWORK=_rest(NUM_PROXIES=1, DEFAULT_THROTTLE_RATES=rates)
    ):
        codes = [
            # An appending proxy (10.0.0.2) after the client's own header: only the right-most address is trusted.
            api_client.get(
                "/api/leagues/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}, 203.0.113.5"
            ).status_code
            for i in range(5)
        ]
        assert codes == [200, 200, 200, 429, 429]
        # Another client behind the same proxy has its own count.
        other = api_client.get("/api/leagues/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9")
        assert other.status_code == 200


def test_without_trusted_proxies_the_header_is_ignored(api_client) -> None:
    rates = {"anon": "2/min", "user": "1000/min"}
    with override_settings(REST_FRAMEWORK=_rest(NUM_PROXIES=0, DEFAULT_THROTTLE_RATES=rates)):
        codes = [api_client.get("/api/leagues/", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}").status_code for i in range(3)]
    assert codes == [200, 200, 429]


def test_failed_token_guesses_are_throttled_per_ip(api_client) -> None:
    with override_settings(API_THROTTLE_TOKEN_FAILURES="3/day"):
        guesses = [
            api_client.get("/api/leagues/", HTTP_AUTHORIZATION=f"Token guess-{i}", REMOTE_ADDR="192.0.2.7")
            for i in range(5)
        ]
        assert [r.status_code for r in guesses] == [401, 401, 401, 429, 429]
        assert int(guesses[-1]["Retry-After"]) >= 1
        # Another address still gets its 401s; a request without a token is not affected.
        assert api_client.get("/api/leagues/", HTTP_AUTHORIZATION="Token x", REMOTE_ADDR="192.0.2.8").status_code == 401
        assert api_client.get("/api/leagues/", REMOTE_ADDR="192.0.2.7").status_code == 200
