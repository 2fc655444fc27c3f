"""The OpenAPI schema validates, its docs render offline, and schemathesis finds no server error or response that
breaks the schema across every operation (GETs anonymous and with a league token, POSTs with the token), with
valid data and with invalid data (negative cases: only "no server error" is checked).

Deterministic by default (ten examples per operation); `SCHEMATHESIS_EXAMPLES=200` explores at random."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from api.services import api_token_create
from games.models import GameStatus
from games.tests.factories import GameFactory, LineupFactory, PlayFactory
from leagues.league_api.records import LeagueCode
from leagues.tests.factories import LeagueFactory, SeasonFactory, TeamFactory, UserFactory
from players.tests.factories import BattingRatingFactory, PositionRatingFactory

CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


@pytest.mark.django_db
def test_schema_validates_without_warnings(tmp_path: Path) -> None:
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
    assert "/api/games/{id}/plays/" in (tmp_path / "schema.yaml").read_text()


@pytest.mark.django_db
def test_docs_use_bundled_assets(client) -> None:
    page = client.get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page), "docs must not load assets from other hosts"
    assert client.get("/api/schema/").status_code == 200


@pytest.fixture
def api_data(db: None, api_client: object) -> Iterator[str]:
    """A small league with a finished game and the key of a token scoped to it; generous throttle rates."""
    league = LeagueFactory(code=LeagueCode.PD)
    season = SeasonFactory(league=league, number=1)
    game = GameFactory(league=league, season=season, status=GameStatus.COMPLETED, home_team=TeamFactory(league=league))
    batter = LineupFactory(game=game, team=game.away_team)
    pitcher = LineupFactory(game=game, team=game.home_team, position="P", batting_order=None)
    PlayFactory(game=game, play_number=1, batter=batter, pitcher=pitcher, pa=1, ab=1, hit=1, batter_final=1)
    PositionRatingFactory(card=BattingRatingFactory(card__player=batter.player).card)
    _, key = api_token_create(name="schemathesis", user=UserFactory(), league=league)
    rates = {**django_settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "100000/min", "user": "100000/min"}}
    # As Django's test client does: requests must not close the test's connection (it holds the test transaction).
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        with override_settings(REST_FRAMEWORK=rates):
            yield key
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


# Loaded at collection (schema generation reads no database); requests go to the WSGI app in the test's thread,
# so they see the test's data. (schemathesis' lazy `from_fixture` does not run under pytest 9.)
schema = schemathesis.openapi.from_wsgi("/api/schema/", WSGIHandler())
# Valid requests and invalid ones (wrong types, missing fields, out-of-range values): none may be a server error.
schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE])


@schema.parametrize()
@hypothesis_settings(
    max_examples=int(os.environ.get("SCHEMATHESIS_EXAMPLES", "10")),
    derandomize=os.environ.get("SCHEMATHESIS_EXAMPLES") is None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case: schemathesis.Case, api_data: str) -> None:
    """Positive cases must conform to the schema; negative ones (refused as 4xx) must not be a server error."""
    checks: list[Any] = CHECKS if case.meta is None or case.meta.generation.mode.is_positive else [not_a_server_error]
    if case.method == "GET":
        case.validate_response(case.call(), checks=checks)
    case.validate_response(case.call(headers={"Authorization": f"Token {api_data}"}), checks=checks)
