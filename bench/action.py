"""Action benchmark (not a test): the service time of one action, `game_apply_action`, on PostgreSQL.

    python bench/action.py [--games 4] [--actions 150]

Plays human-vs-human demo games through the service as the socket does (each side's manager sends the AI's
choice; the process holds every game's setup and snapshot, as a warm worker does) and prints the median and p90
wall milliseconds of one call, the statements of one more call as Django logs them (the transaction's BEGIN and
COMMIT included) and the process's CPU milliseconds per action. No sockets, channel layer or rendering: only the
service and its database round trips.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import analyze, django_setup


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--games", type=int, default=4)
    parser.add_argument("--actions", type=int, default=150, help="actions timed per game")
    args = parser.parse_args()
    django_setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from games import engine
    from games.services import game_apply_action
    from games.snapshot import game_state
    from games.tests.live_helpers import demo_game, manager, next_body

    games = [demo_game() for _ in range(args.games)]
    users = [{engine.Side.HOME: manager(g, "home"), engine.Side.AWAY: manager(g, "away")} for g in games]
    analyze()
    walls: list[float] = []
    statements: list[str] = []
    cpu = 0.0
    for game, managers in zip(games, users, strict=True):
        for step in range(args.actions + 1):
            state = game_state(game)
            if state.game_over or state.actor is None:
                break
            call = {
                "game_id": game.pk,
                "user": managers[state.actor],
                "action": next_body(game),
                "action_id": uuid.uuid4(),
                "expected_version": game.version,
            }
            if step == args.actions:  # one more, not timed, to list its statements
                with CaptureQueriesContext(connection) as queries:
                    game_apply_action(**call)
                statements = [q["sql"].split()[0] for q in queries.captured_queries]
                break
            start, start_cpu = time.perf_counter(), time.process_time()
            applied = game_apply_action(**call)
            walls.append((time.perf_counter() - start) * 1000)
            cpu += time.process_time() - start_cpu
            game.refresh_from_db(fields=["version", "state"])
            assert game.version == applied.version
    walls.sort()
    result: dict[str, object] = {
        "actions": len(walls),
        "median_ms": round(statistics.median(walls), 2),
        "p90_ms": round(walls[int(0.9 * len(walls))], 2),
        "statements": statements,
        "cpu_ms_per_action": round(cpu * 1000 / len(walls), 2),
    }
    print(
        f"{result['actions']} actions: median {result['median_ms']} ms, p90 {result['p90_ms']} ms, "
        f"statements: {' '.join(statements)}, "
        f"{result['cpu_ms_per_action']} ms CPU per action in this process"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
