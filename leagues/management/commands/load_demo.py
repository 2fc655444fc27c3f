from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from games.services import season_play_weeks_with_ai
from leagues.services import DEMO_SUPERUSER, demo_load


class Command(BaseCommand):
    help = (
        "Loads (or refreshes) the demo leagues, teams, players and cards and the current season's schedule; "
        "creates the demo superuser once. --play-weeks N plays AI against AI until N weeks of each season are played "
        "(a rerun plays nothing more)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--play-weeks",
            type=int,
            default=0,
            choices=range(0, 7),
            metavar="N",
            help="play each demo season AI against AI until its first N (0-6) weeks are played (standings, leaders)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = demo_load()
        self.stdout.write(
            f"Demo data: {result.leagues} leagues, {result.teams} teams, "
            f"{result.players} players, {result.cards} cards."
        )
        for season in result.seasons:
            played = (season.current_week or 1) - 1
            games = season_play_weeks_with_ai(season=season, weeks=max(0, options["play_weeks"] - played))
            week = season.current_week
            self.stdout.write(f"{season}: week {week}, {len(games)} games played now.")
        if result.password is None:
            self.stdout.write(f"Superuser '{DEMO_SUPERUSER}' already exists; its password is unchanged.")
        else:
            self.stdout.write(
                self.style.WARNING(f"Created superuser '{DEMO_SUPERUSER}' with password: {result.password}")
            )
