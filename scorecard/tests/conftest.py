"""Fixtures for the project-level tests."""

from __future__ import annotations

from collections.abc import Iterator
from unittest import mock

import pytest


@pytest.fixture
def login_hook() -> Iterator[mock.MagicMock]:
    """``scorecard.accounts.on_discord_login``, replaced by a mock that records its calls."""
    with mock.patch("scorecard.accounts.on_discord_login") as hook:
        yield hook
