"""Recovery benchmark (not a test): time to rebuild a finished nine-inning game's state from the database.

    python bench/recovery.py [--repeat 5]

Plays an AI-vs-AI game (stored like any other), then, with cold caches each time, measures building the engine
setup from the lineup rows, and replaying every recorded action with its recorded dice and checking the result
against the stored plays and snapshot.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import django_setup


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    django_setup()
    from games import live, setup
    from games.models import GameAction
    from games.services import game_replay_check
    from games.tests.live_helpers import demo_game

    game = demo_game(home_is_ai=True, away_is_ai=True)
    actions = GameAction.objects.filter(game=game).count()
    rebuilds, setups = [], []
    for _ in range(args.repeat):
        setup._CACHE.clear()
        live._STATES.clear()
        start = time.perf_counter()
        setup.build_setup(game)
        setups.append((time.perf_counter() - start) * 1000)
        setup._CACHE.clear()
        start = time.perf_counter()
        report = game_replay_check(game)
        rebuilds.append((time.perf_counter() - start) * 1000)
        assert report.mismatches == (), report.mismatches
    result = {
        "actions": actions,
        "innings": game.current_inning,
        "setup_ms": round(statistics.median(setups), 1),
        "rebuild_ms": round(statistics.median(rebuilds), 1),
    }
    print(
        f"{actions} actions, {game.current_inning} innings: setup {result['setup_ms']} ms, "
        f"replay + check {result['rebuild_ms']} ms (median of {args.repeat}, cold caches)"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
