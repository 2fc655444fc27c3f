"""Replay every game's recorded actions and report plays or snapshots that disagree."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from games.models import Game
from games.selectors import game_replay_check


class Command(BaseCommand):
    help = "Replays recorded actions through the engine; one line per mismatch, exit 1 if any game disagrees."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--game", help="check only this game id")

    def handle(self, *args: Any, **options: Any) -> None:
        games = Game.objects.exclude(state={}).select_related("league", "home_team", "away_team")
        if options["game"]:
            games = games.filter(pk=options["game"])
        checked = bad = 0
        for game in games.iterator(chunk_size=100):
            checked += 1
            report = game_replay_check(game)
            if report.mismatches:
                bad += 1
                for problem in report.mismatches:
                    self.stdout.write(f"{game.pk}: {problem}")
        self.stdout.write(f"{checked} games checked, {bad} with mismatches")
        if bad:
            raise SystemExit(1)
