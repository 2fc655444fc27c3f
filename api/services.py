"""Writes to API tokens."""

from __future__ import annotations

from django.contrib.auth.models import User

from api.models import KEY_PREFIX_LENGTH, ApiToken, hash_key, new_key
from leagues.models import League
from scorecard.clock import pendulum_now


def api_token_issue(*, token: ApiToken) -> str:
    """Gives an unsaved or existing token a fresh key, saves it and returns the plain key (never stored)."""
    key = new_key()
    token.key_prefix = key[:KEY_PREFIX_LENGTH]
    token.key_hash = hash_key(key)
    token.save()
    return key


def api_token_create(*, name: str, user: User, league: League | None = None) -> tuple[ApiToken, str]:
    """A new token and its plain key."""
    token = ApiToken(name=name, user=user, league=league)
    return token, api_token_issue(token=token)


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = pendulum_now()
        token.save(update_fields=["revoked_at"])
    return token
