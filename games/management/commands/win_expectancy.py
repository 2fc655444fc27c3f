"""Print the home team's win probability for one game state."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from games.engine.enums import Half
from games.engine.win_expectancy import parse_bases, table_for


class Command(BaseCommand):
    help = (
        "Home win probability: --inning I --half top|bottom --outs O --bases 12- --diff D (home - away) "
        "[--rpg R: runs per team per game; default the engine's own environment]."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--inning", type=int, required=True, help="inning, 1 or more (10+ = extra innings)")
        parser.add_argument("--half", required=True, help="top or bottom")
        parser.add_argument("--outs", type=int, required=True, help="outs, 0-2")
        parser.add_argument("--bases", required=True, help="runners: 1--, 12-, 123 ... (empty: --bases=---)")
        parser.add_argument("--diff", type=int, required=True, help="home runs minus away runs")
        parser.add_argument("--rpg", type=float, help="runs per team per game (0.5-15)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["inning"] < 1:
            raise CommandError(f"--inning must be at least 1, got {options['inning']}")
        if options["half"] not in ("top", "bottom"):
            raise CommandError(f"--half must be top or bottom, got {options['half']!r}")
        if not 0 <= options["outs"] <= 2:
            raise CommandError(f"--outs must be 0, 1 or 2, got {options['outs']}")
        try:
            mask = parse_bases(options["bases"])
            table = table_for(options["rpg"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        value = table.home(options["inning"], Half(options["half"]), options["outs"], mask, options["diff"])
        self.stdout.write(f"{value:.3f}")
