"""Run rule scenarios (shared/rules/SCENARIOS.md format) against the engine."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from games.engine.scenarios import ScenarioError, run_file


class Command(BaseCommand):
    help = "Run a rule-scenario file; prints one line per failure and a last line 'N passed, M failed'."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="scenario file (JSON list of cases)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            results = run_file(options["path"])
        except ScenarioError as exc:
            raise CommandError(str(exc)) from exc
        failed = [result for result in results if not result.passed]
        for result in failed:
            self.stdout.write(f"FAIL {result.message}")
        self.stdout.write(f"{len(results) - len(failed)} passed, {len(failed)} failed")
        if failed:
            raise SystemExit(1)
