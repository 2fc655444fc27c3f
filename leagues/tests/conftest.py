from collections.abc import Iterator

import pytest

from .fake_league_api import FakeLeagueApi, running_fake_league_api


@pytest.fixture
def fake_league_api() -> Iterator[FakeLeagueApi]:
    """The fake PD/SBA API on an ephemeral 127.0.0.1 port, stopped after the test."""
    yield from running_fake_league_api()
