"""Pytest fixtures for API tests (registered by the root conftest): a DRF client with fresh throttle counts, and
token keys."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import caches
from rest_framework.test import APIClient

from api.services import api_token_create


@pytest.fixture
def api_client() -> Iterator[APIClient]:
    caches[settings.API_THROTTLE_CACHE].clear()
    yield APIClient()
    caches[settings.API_THROTTLE_CACHE].clear()


@pytest.fixture
def token_client(api_client: APIClient) -> Callable[..., APIClient]:
    """`token_client(user, league=None)`: the client sending a fresh token of `user` (scoped to `league`)."""

    def make(user: Any, league: Any = None) -> APIClient:
        _, key = api_token_create(name="test tool", user=user, league=league)
        api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        return api_client

    return make
