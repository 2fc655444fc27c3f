import json
from typing import Any

import pytest

from games.access import Role, Viewer
from games.events import message_text
from games.models import Lineup
from games.selectors import game_snapshot
from games.tests.live_helpers import demo_game

pytestmark = pytest.mark.django_db


def _expected(game):
    """Lineups and bench as model instances read them (the snapshot reads plain tuples)."""
    lineups: dict[str, list[dict[str, Any]]] = {"away": [], "home": []}
    rows = Lineup.objects.filter(game=game, is_starter=True).select_related("player").order_by("batting_order", "id")
    for row in rows:
        side = "home" if row.team_id == game.home_team_id else "away"
        lineups[side].append(
            {"id": str(row.pk), "name": row.player.name, "position": row.position, "order": row.batting_order}
        )
    bench: dict[str, list[dict[str, Any]]] = {"away": [], "home": []}
    rows = Lineup.objects.filter(game=game, is_starter=False).select_related("player").order_by("player__name", "id")
    for row in rows:
        side = "home" if row.team_id == game.home_team_id else "away"
        bench[side].append({"id": str(row.pk), "name": row.player.name, "position": row.position})
    return lineups, bench


@pytest.mark.parametrize("code", ["pd", "sba"])
def test_the_snapshot_lists_lineups_and_bench_as_the_lineup_rows_read(code):
    game = demo_game(code)
    viewer = Viewer(str(game.pk), None, Role.SPECTATOR, frozenset(), False)
    snapshot = game_snapshot(game_id=game.pk, viewer=viewer)
    lineups, bench = _expected(game)
    assert json.dumps(snapshot["game"]["lineups"]) == json.dumps(lineups)
    assert json.dumps(snapshot["game"]["bench"]) == json.dumps(bench)
    assert all(len(side) == 9 or len(side) == 10 for side in lineups.values())
    assert bench["away"]
    assert bench["home"]
    assert message_text(snapshot)
