"""`manage.py import_sba_schedule --season N --weeks 1-18 [--from URL|PATH]`: a thin shell over
`leagues.schedule.schedule_import_sba`."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from leagues.league_api.client import FileSource, HttpSource, LeagueApiError, LeagueSource, SbaApi
from leagues.league_api.records import LeagueCode, Severity
from leagues.models import Season
from leagues.schedule import schedule_import_sba

MAX_WEEK = 30


def _weeks(text: str) -> list[int]:
    """ "7", "1-18" or "1,3,5-7"."""
    weeks: list[int] = []
    try:
        for part in text.replace(" ", "").split(","):
            first, _, last = part.partition("-")
            weeks.extend(range(int(first), int(last or first) + 1))
    except ValueError:
        raise CommandError(f"--weeks wants week numbers like 7, 1-18 or 1,3,5-7; got {text!r}") from None
    if not weeks or not all(1 <= week <= MAX_WEEK for week in weeks):
        raise CommandError(f"--weeks must be between 1 and {MAX_WEEK}")
    return sorted(set(weeks))


def _source(location: str | None) -> LeagueSource:
    config = settings.LEAGUE_APIS[LeagueCode.SBA.value]
    if location is None or location.startswith(("http://", "https://")):
        return HttpSource(
            location or config["base_url"], key=config.get("key", ""), path_prefix=config.get("path_prefix", "")
        )
    return FileSource(location)


class Command(BaseCommand):
    help = "Imports weeks of an SBA season's schedule (game rows, with results the league has) from its API."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--season", type=int, required=True, help="the SBA season number (it must exist here)")
        parser.add_argument("--weeks", type=_weeks, required=True, help="e.g. 7, 1-18 or 1,3,5-7")
        parser.add_argument("--from", dest="location", help="API base URL or a directory in the API's shapes")

    def handle(self, *args: Any, **options: Any) -> None:
        season = Season.objects.filter(league__code=LeagueCode.SBA, number=options["season"]).first()
        if season is None:
            raise CommandError(f"SBA has no season {options['season']}: import the league's teams first")
        try:
            source = _source(options["location"])
        except (LeagueApiError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        report = schedule_import_sba(season=season, api=SbaApi(source), weeks=options["weeks"])
        for problem in report.problems:
            if problem.severity is Severity.ERROR or options["verbosity"] >= 2:
                self.stderr.write(str(problem))
        counts = f"{report.created} games added, {report.updated} updated, {report.series} new series"
        self.stdout.write(f"{season}: {counts}.")
        if report.errors:
            raise CommandError(f"{len(report.errors)} row(s) could not be imported (the others were); see above")
