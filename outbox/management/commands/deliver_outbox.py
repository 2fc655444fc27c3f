"""Deliver due outbox messages (several workers may run at once; each row is sent by one of them)."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from outbox.services import outbox_deliver_due


class Command(BaseCommand):
    help = "POSTs due outbox messages (league results, Discord notifications), retrying failures with backoff."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="keep delivering")
        parser.add_argument("--interval", type=float, default=2.0, help="seconds between passes with --loop")
        parser.add_argument("--batch", type=int, default=50, help="most messages per pass")

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            report = outbox_deliver_due(batch=options["batch"])
            if report.delivered or report.retrying or report.dead or not options["loop"]:
                self.stdout.write(f"{report.delivered} delivered, {report.retrying} to retry, {report.dead} dead")
            if not options["loop"]:
                return
            time.sleep(options["interval"])
            close_old_connections()
