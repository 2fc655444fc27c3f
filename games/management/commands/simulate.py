"""AI-vs-AI simulation on the demo cards, or one batter against one pitcher; never writes to the database."""

import argparse
import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from games.engine.ai import Personality
from games.simulation import LEAGUES, UnknownCard, simulate_league, simulate_matchup

RATES = ("runs_per_team_game", "avg", "obp", "slg", "k_rate", "bb_rate", "hr_rate")


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return number


def _manager(value: str) -> Personality | None:
    return None if value == "defaults" else Personality(value)


class Command(BaseCommand):
    help = (
        "Simulate AI-vs-AI games on the demo cards (--games N --seed S [--league pd|sba] [--json]), or "
        "--matchup BATTER_CARD_ID PITCHER_CARD_ID --pa N: outcome counts of one batter against one pitcher. "
        "Card ids are the demo players' external ids (demo-pd-0001 ...). SBA games resolve automatically from the "
        "demo cards' numbers. Nothing is saved."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--games", type=_positive, help="number of games (at least 1)")
        parser.add_argument("--seed", type=int, default=1, help="dice seed (default 1); same seed, same games")
        parser.add_argument("--league", default="pd", choices=LEAGUES, help="demo league (default pd)")
        parser.add_argument("--json", action="store_true", help="print one JSON document")
        managers = [*(p.value for p in Personality), "defaults"]
        for side in ("home", "away"):
            parser.add_argument(
                f"--{side}-ai",
                default="balanced",
                choices=managers,
                help=f"the {side} AI manager's personality (default balanced; 'defaults': every decision at its "
                "default, as before the AI)",
            )
        parser.add_argument("--matchup", nargs=2, metavar=("BATTER_CARD_ID", "PITCHER_CARD_ID"))
        parser.add_argument("--pa", type=_positive, help="plate appearances for --matchup (at least 1)")
        parser.add_argument("--save", action="store_true", help="not available yet")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["save"]:
            raise CommandError("--save is not supported yet: simulations never write to the database")
        if options["matchup"]:
            self._matchup(options)
            return
        if options["pa"] is not None:
            raise CommandError("--pa goes with --matchup")
        if options["games"] is None:
            raise CommandError("give --games N (or --matchup BATTER_CARD_ID PITCHER_CARD_ID --pa N)")
        progress = None
        bar = None
        if sys.stderr.isatty():
            from tqdm import tqdm

            bar = tqdm(total=options["games"], unit="game", file=sys.stderr)

            def progress(_result: object) -> None:
                bar.update()

        try:
            run = simulate_league(
                options["league"],
                options["games"],
                options["seed"],
                progress,
                home_ai=_manager(options["home_ai"]),
                away_ai=_manager(options["away_ai"]),
            )
        finally:
            if bar is not None:
                bar.close()
        summary = run.summary()
        if options["json"]:
            self.stdout.write(json.dumps(summary, indent=2))
            return
        self.stdout.write(
            f"{summary['games']} games, {summary['plate_appearances']} plate appearances in {summary['seconds']} s "
            f"({summary['plate_appearances_per_second']} PA/s), league {run.league}, seed {run.seed}"
        )
        for name in RATES:
            value = summary[name]
            assert isinstance(value, float)
            shown = f"{value:.2f}" if name == "runs_per_team_game" else f"{value:.3f}".lstrip("0")
            self.stdout.write(f"  {name:<20}{shown:>8}")
        per_team = run.per_team_game()
        self.stdout.write("  per team per game: " + ", ".join(f"{name} {value:g}" for name, value in per_team.items()))
        managing = run.managing()
        if managing:
            self.stdout.write(f"  managers: home {managing.pop('home_ai')}, away {managing.pop('away_ai')} (per game)")
            for name, value in managing.items():
                self.stdout.write(f"  {name:<20}{value:>8.2f}")

    def _matchup(self, options: dict[str, Any]) -> None:
        if options["games"] is not None:
            raise CommandError("--matchup plays plate appearances: use --pa N, not --games")
        if options["pa"] is None:
            raise CommandError("--matchup needs --pa N")
        batter, pitcher = options["matchup"]
        try:
            result = simulate_matchup(batter, pitcher, options["pa"], options["seed"])
        except UnknownCard as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(result, indent=2))
            return
        self.stdout.write(f"{batter} vs {pitcher}: {result['plate_appearances']} plate appearances")
        outcomes = result["outcomes"]
        expected = result["expected"]
        assert isinstance(outcomes, dict)
        assert isinstance(expected, dict)
        self.stdout.write(f"  {'outcome':<18}{'count':>8}{'expected':>10}")
        for name, count in outcomes.items():
            self.stdout.write(f"  {name:<18}{count:>8}{expected.get(name, 0.0):>10.1f}")
        self.stdout.write("  " + "  ".join(f"{name} {result[name]:.3f}" for name in RATES[1:]))
