"""A stand-in for Discord's OAuth2 HTTP endpoints: every request allauth makes through ``requests`` lands here.

Anything other than the token exchange and the ``/users/@me`` profile call fails the test, so no test can reach
discord.com.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import requests
from django.test import Client

TOKEN_URL = "https://discord.com/api/oauth2/token"
PROFILE_URL = "https://discord.com/api/users/@me"
AUTHORIZE_URL = "https://discord.com/api/oauth2/authorize"


def discord_profile(discord_id: str, username: str, global_name: str | None = None) -> dict[str, Any]:
    """A ``/users/@me`` answer for the ``identify`` scope (new username system: discriminator "0", no email)."""
    return {
        "id": discord_id,
        "username": username,
        "global_name": global_name,
        "discriminator": "0",
        "avatar": None,
        "locale": "en-US",
        "mfa_enabled": False,
    }


def _response(status: int, payload: dict[str, Any]) -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response._content = json.dumps(payload).encode()
    response.headers["Content-Type"] = "application/json"
    return response


@dataclass
class FakeDiscord:
    """Answers as Discord would for ``profile``; ``token_status`` other than 200 makes the token exchange fail."""

    profile: dict[str, Any]
    token_status: int = 200
    calls: list[tuple[str, str]] = field(default_factory=list)

    def request(self, session: requests.Session, method: str, url: str, **kwargs: Any) -> requests.Response:
        self.calls.append((method.upper(), url))
        if method.upper() == "POST" and url == TOKEN_URL:
            if self.token_status != 200:
                return _response(self.token_status, {"error": "invalid_grant"})
            return _response(200, {"access_token": "fake-token", "token_type": "Bearer", "expires_in": 604800})
        if method.upper() == "GET" and url == PROFILE_URL:
            assert kwargs["headers"]["Authorization"] == "Bearer fake-token"
            return _response(200, self.profile)
        raise AssertionError(f"unexpected HTTP request in a test: {method} {url}")


@contextmanager
def fake_discord(profile: dict[str, Any], *, token_status: int = 200) -> Iterator[FakeDiscord]:
    """Route every ``requests`` call to a ``FakeDiscord`` for the duration of the block."""
    fake = FakeDiscord(profile=profile, token_status=token_status)
    with mock.patch.object(requests.Session, "request", autospec=True, side_effect=fake.request):
        yield fake


def begin_discord_login(client: Client, next_url: str = "") -> dict[str, list[str]]:
    """POST the "Sign in with Discord" form; return the query of the authorize URL it redirects to."""
    query = "?process=login" + (f"&next={next_url}" if next_url else "")
    response = client.post("/accounts/discord/login/" + query)
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == AUTHORIZE_URL
    return parse_qs(location.query)


def discord_login(client: Client, profile: dict[str, Any], next_url: str = "") -> Any:
    """A whole Discord login against a fake Discord that consents; returns the callback's response."""
    state = begin_discord_login(client, next_url)["state"][0]
    with fake_discord(profile):
        return client.get("/accounts/discord/login/callback/", {"code": "fake-code", "state": state})
