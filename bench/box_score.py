"""Box score and game log benchmark (not a test): time to serve a finished nine-inning game's box score and log.

    python bench/box_score.py [--repeat 5]

Plays an AI-vs-AI game (stored like any other), then measures `games.selectors.game_box_score_data`
(setup from the lineup rows, replay of every recorded action through `GameLog.from_actions`, the engine's
`box_score`, ids mapped to players) and `games.selectors.game_log_text`, with the setup cache cold and warm,
and counts their queries.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import django_setup


def _median_ms(call: Callable[[], Any], repeat: int, before: Callable[[], None] = lambda: None) -> float:
    times = []
    for _ in range(repeat):
        before()
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    django_setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from games import setup
    from games.models import GameAction
    from games.selectors import game_box_score_data, game_log_text
    from games.tests.live_helpers import demo_game

    game = demo_game(home_is_ai=True, away_is_ai=True)
    actions = GameAction.objects.filter(game=game).count()

    def box() -> object:
        return game_box_score_data(game=game)

    def log() -> object:
        return game_log_text(game=game)

    setup._CACHE.clear()
    with CaptureQueriesContext(connection) as cold_queries:
        box()
    with CaptureQueriesContext(connection) as warm_queries:
        box()
    result = {
        "actions": actions,
        "box_cold_ms": _median_ms(box, args.repeat, setup._CACHE.clear),
        "box_warm_ms": _median_ms(box, args.repeat),
        "log_warm_ms": _median_ms(log, args.repeat),
        "box_queries_cold": len(cold_queries),
        "box_queries_warm": len(warm_queries),
        "log_bytes": len(game_log_text(game=game) or ""),
    }
    print(
        f"{actions} actions: box score {result['box_cold_ms']} ms cold / {result['box_warm_ms']} ms warm setup cache "
        f"({result['box_queries_cold']} / {result['box_queries_warm']} queries), game log {result['log_warm_ms']} ms "
        f"({result['log_bytes']} bytes); medians of {args.repeat}"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
