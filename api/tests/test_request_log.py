import logging

import pytest
from django.test import Client

from games.models import Visibility
from games.tests.factories import GameFactory

pytestmark = pytest.mark.django_db


def _records(caplog):
    return [r for r in caplog.records if r.name in ("django.request", "scorecard.request")]


def test_a_refused_request_is_one_line_without_a_traceback(caplog, client: Client) -> None:
    game = GameFactory(visibility=Visibility.PRIVATE)
    caplog.set_level(logging.INFO)
    assert client.get(f"/games/{game.pk}/", HTTP_X_REQUEST_ID="req-42").status_code == 403
    assert client.get("/api/games/00000000-0000-0000-0000-000000000000/").status_code == 404
    records = _records(caplog)
    assert [r.name for r in records] == ["scorecard.request", "scorecard.request"]
    assert all(r.exc_info is None and "\n" not in r.getMessage() for r in records)
    assert "status=403" in records[0].getMessage()
    assert "request_id='req-42'" in records[0].getMessage()
    assert records[0].levelno == logging.WARNING
    assert records[1].levelno == logging.INFO
