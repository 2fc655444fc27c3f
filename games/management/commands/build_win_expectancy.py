"""Rebuild the win-expectancy table from the engine's own plate-appearance resolution."""

import argparse
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from games.engine.win_expectancy import (
    DATA_FILE,
    build_table,
    measure_transitions,
    reference_points,
    table_document,
    write_table,
)


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return int(value)


class Command(BaseCommand):
    help = (
        "Measure base-out transitions over seeded games of league-average cards, scale them to --rpg runs per team "
        "per nine innings (default: the engine's own environment) and write the win-expectancy table."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rpg", type=float, help="runs per team per game (default: as measured)")
        parser.add_argument("--out", type=Path, default=DATA_FILE, help=f"output file (default {DATA_FILE})")
        parser.add_argument("--games", type=_positive, default=3000, help="games to measure (default 3000)")
        parser.add_argument("--seed", type=int, default=1, help="dice seed (default 1)")

    def handle(self, *args: Any, **options: Any) -> None:
        transitions = measure_transitions(options["games"], options["seed"])
        try:
            table = build_table(transitions, options["rpg"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        write_table(options["out"], table_document(transitions, table, options["games"], options["seed"]))
        self.stdout.write(f"wrote {options['out']} ({table.rpg:.2f} runs per team game)")
        for name, value in reference_points(table):
            self.stdout.write(f"  {name:<32}{value:.3f}")
