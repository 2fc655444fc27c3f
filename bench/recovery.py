"""Recovery benchmark (not a test): time to rebuild a finished nine-inning game's state from the database.

    python bench/recovery.py [--repeat 5]

Plays an AI-vs-AI game (stored like any other), then measures, with cold per-process caches each time (setups,
engine cards, decoded states): serving the game from the database as a restarted worker does before its next
action (the action's locking statement, `locked_game`, in its transaction: the row with its lineup fingerprint and
the stored setup; decode the snapshot; the setup from the stored one, or built from the lineup rows, bench and
bullpen included, where there is none), the same when another game already built the same cards, building the
setup from the rows alone, the `state` message a (re)connecting socket gets (`game_snapshot`), and replaying every
recorded action with its recorded dice and checking the result against the stored plays and snapshot
(`check_games`). Prints how many statements the cold serve sent. The heap made before the clock starts is frozen,
as a worker freezes its start-up (`realtime.collector`).
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import analyze, django_setup


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    django_setup()
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from games import setup, snapshot
    from games.access import Role, Viewer
    from games.models import GameAction
    from games.selectors import game_replay_check, game_snapshot
    from games.services.locking import locked_game
    from games.tests.live_helpers import demo_game

    game = demo_game(home_is_ai=True, away_is_ai=True)
    for _ in range(20):  # a regulation game: extra innings would make runs incomparable
        if game.current_inning == 9:
            break
        game = demo_game(home_is_ai=True, away_is_ai=True)
    analyze()
    actions = GameAction.objects.filter(game=game).count()
    # As a worker does after start-up (realtime.collector): the collector's full passes walk only what was made
    # since, not Django's and this game's objects.
    gc.collect()
    gc.freeze()

    def cold() -> None:
        setup._CACHE.clear()
        setup._CARDS.clear()
        snapshot._STATES.clear()

    def serve() -> float:
        """What a (re)started worker does before it can take the game's next action: read the row, decode the
        snapshot, build the setup."""
        start = time.perf_counter()
        with transaction.atomic():
            row = locked_game(game.pk)
            snapshot.game_state(row)
            setup.game_setup(row)
        return (time.perf_counter() - start) * 1000

    cold()
    with CaptureQueriesContext(connection) as queries:
        serve()
    statements = [q["sql"].split()[0] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]
    spectator = Viewer(str(game.pk), None, Role.SPECTATOR, frozenset(), False)
    serves, warm_cards, setups, snapshots, rebuilds = [], [], [], [], []
    for _ in range(args.repeat):
        cold()
        serves.append(serve())
        setup._CACHE.clear()
        snapshot._STATES.clear()
        warm_cards.append(serve())
        cold()
        start = time.perf_counter()
        setup.build_setup(game)
        setups.append((time.perf_counter() - start) * 1000)
        cold()
        start = time.perf_counter()
        game_snapshot(game_id=game.pk, viewer=spectator)
        snapshots.append((time.perf_counter() - start) * 1000)
        cold()
        start = time.perf_counter()
        report = game_replay_check(game)
        rebuilds.append((time.perf_counter() - start) * 1000)
        assert report.mismatches == (), report.mismatches
    result = {
        "actions": actions,
        "innings": game.current_inning,
        "lineup_rows": game.lineups.count(),
        "serve_statements": len(statements),
        "serve_ms": round(statistics.median(serves), 1),
        "serve_cards_warm_ms": round(statistics.median(warm_cards), 1),
        "setup_ms": round(statistics.median(setups), 1),
        "snapshot_ms": round(statistics.median(snapshots), 1),
        "rebuild_ms": round(statistics.median(rebuilds), 1),
    }
    print(
        f"{actions} actions, {game.current_inning} innings, {result['lineup_rows']} lineup rows "
        f"(median of {args.repeat}):\n"
        f"  serve from the database (row + snapshot + setup), cold: {result['serve_ms']} ms "
        f"({len(statements)} statements: {' '.join(statements)}); "
        f"cards already built by another game: {result['serve_cards_warm_ms']} ms\n"
        f"  setup alone {result['setup_ms']} ms; state message {result['snapshot_ms']} ms; "
        f"replay every action + check {result['rebuild_ms']} ms (cold)"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
