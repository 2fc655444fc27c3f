from typing import Any

from django.core.management.base import BaseCommand

from leagues.services import DEMO_SUPERUSER, demo_load


class Command(BaseCommand):
    help = "Loads (or refreshes) the demo leagues, teams, players and cards; creates the demo superuser once."

    def handle(self, *args: Any, **options: Any) -> None:
        result = demo_load()
        self.stdout.write(
            f"Demo data: {result.leagues} leagues, {result.teams} teams, "
            f"{result.players} players, {result.cards} cards."
        )
        if result.password is None:
            self.stdout.write(f"Superuser '{DEMO_SUPERUSER}' already exists; its password is unchanged.")
        else:
            self.stdout.write(
                self.style.WARNING(f"Created superuser '{DEMO_SUPERUSER}' with password: {result.password}")
            )
