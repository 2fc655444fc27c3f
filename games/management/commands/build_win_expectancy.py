"""Rebuild a win-expectancy table from the engine's own plate-appearance resolution."""

import argparse
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from games.engine.ai import ai_chooser
from games.engine.win_expectancy import (
    DATA_FILE,
    build_table,
    league_file,
    measure_league_transitions,
    measure_transitions,
    reference_points,
    table_document,
    write_table,
)
from games.simulation import LEAGUES, league_setups


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return int(value)


class Command(BaseCommand):
    help = (
        "Measure base-out transitions over seeded games, scale them to --rpg runs per team per nine innings "
        "(default: the environment measured) and write the win-expectancy table. Without --league: league-average "
        "cards with default decisions (the default table); with --league: that demo league's teams under the AI's "
        "decisions, the infield-in plays measured apart (the league's table, which its games' WPA reads)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--league", choices=LEAGUES, help="build this demo league's table")
        parser.add_argument("--rpg", type=float, help="runs per team per game (default: as measured)")
        parser.add_argument("--out", type=Path, help=f"output file (default {DATA_FILE} or the league's file)")
        parser.add_argument("--games", type=_positive, help="games to measure (default 3000; 2000 for a league)")
        parser.add_argument("--seed", type=int, default=1, help="dice seed (default 1)")

    def handle(self, *args: Any, **options: Any) -> None:
        code, seed = options["league"], options["seed"]
        in_transitions = None
        if code:
            games = options["games"] or 2000
            transitions, in_transitions = measure_league_transitions(league_setups(code), ai_chooser(), games, seed)
        else:
            games = options["games"] or 3000
            transitions = measure_transitions(games, seed)
        try:
            table = build_table(transitions, options["rpg"], in_transitions)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        out = options["out"] or (league_file(code) if code else DATA_FILE)
        write_table(out, table_document(transitions, table, games, seed, in_transitions, code or ""))
        self.stdout.write(f"wrote {out} ({table.rpg:.2f} runs per team game)")
        for name, value in reference_points(table):
            self.stdout.write(f"  {name:<32}{value:.3f}")
