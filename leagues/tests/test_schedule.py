from __future__ import annotations

import itertools
from collections import Counter
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from leagues.league_api.client import LeagueApiNotFound, Query, SbaApi, SbaApiClient
from leagues.league_api.records import LeagueCode
from leagues.models import ScheduledGame, Series, SeriesKind
from leagues.schedule import ScheduleError, round_robin, schedule_generate, schedule_import_sba

from .factories import LeagueFactory, SeasonFactory, TeamFactory
from .fake_league_api import SBA_PREFIX, FakeLeagueApi, load_fixture

FIXTURE = "sba/games/season=13/week=7.json"


def _balance(weeks: list[list[tuple[int, int]]], teams: int) -> tuple[Counter[int], Counter[int], Counter[Any]]:
    home: Counter[int] = Counter()
    away: Counter[int] = Counter()
    hosts: Counter[Any] = Counter()
    for week in weeks:
        playing = [team for pair in week for team in pair]
        assert len(playing) == len(set(playing)), "a team plays twice in one week"
        assert len(week) == teams // 2
        for host, visitor in week:
            home[host] += 1
            away[visitor] += 1
            hosts[(host, visitor)] += 1
    return home, away, hosts


@pytest.mark.parametrize(("teams", "meetings"), list(itertools.product(range(2, 17), range(1, 5))))
def test_round_robin_every_pair_meets_as_configured_with_home_and_away_balanced(teams: int, meetings: int) -> None:
    weeks = round_robin(list(range(teams)), meetings)
    assert len(weeks) == meetings * (teams - 1 if teams % 2 == 0 else teams)
    home, away, hosts = _balance(weeks, teams)
    allowed = 0 if meetings % 2 == 0 or teams % 2 else 1
    for team in range(teams):
        assert abs(home[team] - away[team]) <= allowed, (team, home[team], away[team])
    for first, second in itertools.combinations(range(teams), 2):
        assert hosts[(first, second)] + hosts[(second, first)] == meetings
        assert abs(hosts[(first, second)] - hosts[(second, first)]) <= meetings % 2


def test_round_robin_example() -> None:
    assert round_robin(["A", "B", "C", "D"]) == [
        [("A", "D"), ("B", "C")],
        [("C", "A"), ("D", "B")],
        [("A", "B"), ("C", "D")],
    ]


@pytest.mark.django_db
def test_schedule_generate_writes_series_and_games_and_sets_the_current_week() -> None:
    season = SeasonFactory()
    teams = [TeamFactory(league=season.league) for _ in range(5)]
    created = schedule_generate(season=season, teams=teams, meetings=2, series_length=3)
    assert len(created) == 2 * 10  # every pair twice
    assert sorted({series.week for series in created}) == list(range(1, 11))
    games = ScheduledGame.objects.filter(series__season=season)
    assert games.count() == 60
    home = Counter(games.values_list("home_team_id", flat=True))
    away = Counter(games.values_list("away_team_id", flat=True))
    assert (
        {team.pk: home[team.pk] for team in teams}
        == {team.pk: away[team.pk] for team in teams}
        == {team.pk: 12 for team in teams}
    )
    assert set(games.values_list("number", flat=True)) == {1, 2, 3}
    season.refresh_from_db()
    assert season.current_week == 1
    ordered = games.select_related("series").prefetch_related("series__games")
    first = ordered.order_by("series__week", "series_id", "number")[2]
    assert first.label == "Week 1 · Game 3 of 3"


@pytest.mark.django_db
def test_schedule_generate_refuses_bad_requests_and_overlapping_weeks() -> None:
    season = SeasonFactory()
    teams = [TeamFactory(league=season.league) for _ in range(4)]
    other = TeamFactory(league=LeagueFactory(code=LeagueCode.SBA))
    with pytest.raises(ScheduleError) as refused:
        schedule_generate(season=season, teams=[teams[0], other], series_length=9)
    assert set(refused.value.errors) == {"teams", "series_length"}
    schedule_generate(season=season, teams=teams)
    with pytest.raises(ScheduleError) as overlap:
        schedule_generate(season=season, teams=teams, first_week=3)
    assert "already have series" in overlap.value.errors["first_week"]
    assert Series.objects.filter(season=season).count() == 6


class _Payloads:
    """A league source over payloads in memory, by path and query."""

    def __init__(self, payloads: dict[str, Any]) -> None:
        self.payloads = payloads

    def get_json(self, path: str, query: Query = ()) -> Any:
        key = path + "?" + "&".join(f"{name}={value}" for name, value in query)
        if key not in self.payloads:
            raise LeagueApiNotFound("no such resource", url=key)
        return self.payloads[key]


def _sba_season() -> Any:
    season = SeasonFactory(league=LeagueFactory(code=LeagueCode.SBA), number=13)
    for external_id, abbreviation in ((612, "HCG"), (615, "PRV"), (618, "DSM"), (621, "OKW")):
        TeamFactory(league=season.league, season=season, external_id=str(external_id), abbreviation=abbreviation)
    return season


@pytest.mark.django_db
def test_import_sba_week_over_http_groups_series_and_numbers_games(fake_league_api: FakeLeagueApi) -> None:
    season = _sba_season()
    api = SbaApiClient(base_url=fake_league_api.sba_url, key="", path_prefix=SBA_PREFIX)
    report = schedule_import_sba(season=season, api=api, weeks=[7])
    assert report.errors == []
    assert (report.created, report.series) == (8, 2)
    series = Series.objects.get(season=season, week=7, home_team__abbreviation="HCG")
    assert (series.away_team.abbreviation, series.kind) == ("PRV", SeriesKind.REGULAR)
    rows = list(series.games.values_list("number", "external_id", "reported_away_score", "reported_home_score"))
    assert rows == [(1, "20481", 4, 1), (2, "20482", 3, 5), (3, "20483", None, None), (4, "20484", None, None)]
    again = schedule_import_sba(season=season, api=api, weeks=[7])
    assert (again.created, again.updated, again.series) == (0, 8, 0)
    assert ScheduledGame.objects.filter(series__season=season).count() == 8


@pytest.mark.django_db
def test_import_reports_a_bad_record_by_id_and_field_and_imports_the_rest() -> None:
    season = _sba_season()
    payload = load_fixture(FIXTURE)
    payload["games"][2]["week"] = "seven"  # 20483
    payload["games"][5]["home_team"]["id"] = 999  # 20486: not a team of the league
    api = SbaApi(_Payloads({"games?season=13&week=7": payload}))
    report = schedule_import_sba(season=season, api=api, weeks=[7, 8])
    found = {(problem.record_id, problem.field) for problem in report.errors}
    assert found == {("20483", "week"), ("20486", "home_team.id"), (None, "week 8")}
    imported = set(ScheduledGame.objects.filter(series__season=season).values_list("external_id", flat=True))
    assert imported == {"20481", "20482", "20484", "20485", "20487", "20488"}
    numbers = ScheduledGame.objects.filter(series__home_team__abbreviation="HCG").values_list("number", flat=True)
    assert sorted(numbers) == [1, 2, 3]


@pytest.mark.django_db
def test_the_import_command_over_http_and_its_refusals(fake_league_api: FakeLeagueApi, settings: Any) -> None:
    season = _sba_season()
    sba = {"base_url": fake_league_api.sba_url, "path_prefix": SBA_PREFIX}
    settings.LEAGUE_APIS = {**settings.LEAGUE_APIS, "sba": sba}
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="1 row"):
        call_command("import_sba_schedule", "--season", "13", "--weeks", "7-8", stdout=out, stderr=err)
    assert "8 games added" in out.getvalue()
    assert "week 8" in err.getvalue()
    assert ScheduledGame.objects.filter(series__season=season).count() == 8
    with pytest.raises(CommandError, match="--weeks"):
        call_command("import_sba_schedule", "--season", "13", "--weeks", "x")
    with pytest.raises(CommandError, match="no season 99"):
        call_command("import_sba_schedule", "--season", "99", "--weeks", "1")
