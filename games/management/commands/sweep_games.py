"""Apply default answers where a decision window expired (idempotent; several sweepers may run)."""

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from games.services import game_extend_deadlines, game_sweep_expired
from realtime.presence import presence_prune


class Command(BaseCommand):
    help = (
        "Applies the default action for every expired decision window. Games nobody is connected to get their "
        "deadline pushed to now + --grace first (a worker restart or an empty room never times a side out); "
        "presence rows of dead workers (no heartbeat for three beats) are pruned first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="keep sweeping")
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between sweeps with --loop")
        parser.add_argument("--grace", type=int, default=settings.SCORECARD_RESTART_GRACE_SECONDS)

    def handle(self, *args: Any, **options: Any) -> None:
        stale_after = 3 * settings.SCORECARD_PRESENCE_HEARTBEAT_SECONDS
        while True:
            pruned = presence_prune(max_age_seconds=stale_after)
            extended = game_extend_deadlines(grace_seconds=options["grace"])
            applied = game_sweep_expired()
            if applied or extended or pruned or not options["loop"]:
                self.stdout.write(
                    f"{len(applied)} defaults applied, {extended} deadlines extended, {pruned} dead connections pruned"
                )
            if not options["loop"]:
                return
            time.sleep(options["interval"])
            close_old_connections()
