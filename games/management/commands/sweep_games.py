"""Apply default answers where a decision window expired and close abandoned games (idempotent; several sweepers
may run)."""

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from realtime.timers import sweep_once


class Command(BaseCommand):
    help = (
        "Applies the default action for every expired decision window and warns sides about to run out. Games "
        "nobody is connected to get their deadline pushed to now + --grace first (a worker restart or an empty "
        "room never times a side out); presence rows of dead workers (no heartbeat for three beats) are pruned "
        "first; games idle past their league's abandon_after_days are closed last (the side the game waits for "
        "forfeits; abandoned without a winner when neither manager moved). Every daphne worker runs the same "
        "sweep itself (SCORECARD_WORKER_SWEEP); this command is for "
        "deployments that turn that off."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="keep sweeping")
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between sweeps with --loop")
        parser.add_argument("--grace", type=int, default=settings.SCORECARD_RESTART_GRACE_SECONDS)

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            done = sweep_once(grace_seconds=options["grace"])
            if done or not options["loop"]:
                self.stdout.write(str(done))
            if not options["loop"]:
                return
            time.sleep(options["interval"])
            close_old_connections()
