"""`manage.py import_league_data --league pd|sba --from URL|PATH [--dry-run]`: a thin shell over `league_import`."""

from __future__ import annotations

import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from leagues.league_api.client import FileSource, HttpSource, LeagueApiError, LeagueSource
from leagues.league_api.records import LeagueCode, Severity
from leagues.league_api.sba_cards import load_sba_cards
from leagues.services import DEFAULT_BATCH_SIZE, DEFAULT_WORKERS, league_import


def _source(league: LeagueCode, location: str | None) -> LeagueSource:
    """An HTTP source for a URL (the league's configured one by default, with its key), a FileSource for a path."""
    config = settings.LEAGUE_APIS[league.value]
    if location is None or location.startswith(("http://", "https://")):
        return HttpSource(
            location or config["base_url"], key=config.get("key", ""), path_prefix=config.get("path_prefix", "")
        )
    return FileSource(location)


def _ids(text: str) -> list[int]:
    try:
        return [int(part) for part in text.replace(" ", "").split(",") if part]
    except ValueError:
        raise CommandError(f"--players wants comma-separated ids, got {text!r}") from None


class Command(BaseCommand):
    help = "Imports a league's teams, players and cards from its REST API or from files in the same shapes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--league", required=True, choices=[code.value for code in LeagueCode])
        parser.add_argument(
            "--from",
            dest="location",
            help="API base URL, or a directory / bundle file in the API's shapes (default: the configured API)",
        )
        parser.add_argument(
            "--players", type=_ids, help="PD: comma-separated player ids (default: all in --from files)"
        )
        parser.add_argument("--season", type=int, help="SBA: the season to import")
        parser.add_argument("--cards", help="SBA: a card data file (.csv or .json, see docs/sba_card_format.md)")
        parser.add_argument("--no-rosters", action="store_true", help="SBA: do not fetch the teams' rosters")
        parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE, help="players per transaction")
        parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS, help="PD: players fetched at a time")
        parser.add_argument("--dry-run", action="store_true", help="do everything, then roll back")

    def handle(self, *args: Any, **options: Any) -> None:
        league = LeagueCode(options["league"])
        try:
            source = _source(league, options["location"])
        except (LeagueApiError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        misplaced = ["--players"] if league is LeagueCode.SBA and options["players"] else []
        if league is LeagueCode.PD:
            misplaced += [flag for flag, key in (("--season", "season"), ("--cards", "cards")) if options[key]]
        if misplaced:
            raise CommandError(f"{', '.join(misplaced)} do(es) not apply to {league.value.upper()}")
        try:
            cards = load_sba_cards(options["cards"]) if options["cards"] else None
        except OSError as exc:
            raise CommandError(f"cannot read the card file: {exc}") from exc
        player_ids = options["players"]
        total = (
            len(player_ids) if player_ids else (len(source.ids("players")) if isinstance(source, FileSource) else None)
        )
        bar = tqdm(total=total, unit="player", disable=not sys.stderr.isatty(), file=sys.stderr)
        try:
            report = league_import(
                league_code=league,
                source=source,
                player_ids=player_ids,
                season=options["season"],
                cards=cards,
                rosters=not options["no_rosters"],
                dry_run=options["dry_run"],
                batch_size=options["batch_size"],
                workers=options["workers"],
                progress=bar.update,
            )
        except (LeagueApiError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        finally:
            bar.close()
        shown = {Severity.ERROR} if options["verbosity"] < 2 else set(Severity)
        for problem in report.problems:
            if problem.severity in shown:
                self.stderr.write(str(problem))
        for line in report.summary():
            self.stdout.write(line)
        errors = len(report.of(Severity.ERROR))
        if errors:
            raise CommandError(f"{errors} record(s) could not be imported (the others were); see above")
