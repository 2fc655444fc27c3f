"""Import orchestration with a checking sink and a recording sink: batches, progress, problems, the report."""

import dataclasses
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from leagues.league_api.client import FileSource, PdApi, SbaApi
from leagues.league_api.fetch import PdPlayerFetch, SbaSeasonFetch
from leagues.league_api.importer import Action, CheckingSink, Written, chunked, import_pd, import_sba
from leagues.league_api.records import LeagueCode, ParseBatch, Severity
from leagues.league_api.sba_cards import SbaCardRecord, load_sba_cards

from .fake_league_api import FIXTURES
from .test_sba_cards import EXAMPLES

PD_FILES = PdApi(FileSource(FIXTURES / "pd"))
SBA_FILES = SbaApi(FileSource(FIXTURES / "sba"))


class Batches:
    def __init__(self) -> None:
        self.entered = 0
        self.open = False

    @contextmanager
    def __call__(self) -> Iterator[None]:
        self.entered += 1
        self.open = True
        try:
            yield
        finally:
            self.open = False


class RecordingSink(CheckingSink):
    def __init__(self, batches: Batches) -> None:
        self.batches = batches
        self.pd: list[list[int]] = []
        self.cards: list[int] = []

    def write_pd_players(self, fetched: Sequence[PdPlayerFetch]) -> Written:
        assert self.batches.open
        self.pd.append([item.player_id for item in fetched])
        yield from super().write_pd_players(fetched)

    def write_sba_season(self, season: SbaSeasonFetch) -> Written:
        assert self.batches.open
        yield from super().write_sba_season(season)

    def write_sba_cards(self, season: int, cards: Sequence[SbaCardRecord]) -> Written:
        assert self.batches.open
        self.cards.extend(card.player_id for card in cards)
        yield from super().write_sba_cards(season, cards)


def test_chunked() -> None:
    assert list(chunked(range(5), 2)) == [[0, 1], [2, 3], [4]]
    assert list(chunked([], 3)) == []


def test_pd_import_in_batches_with_progress_and_problems() -> None:
    batches = Batches()
    sink = RecordingSink(batches)
    steps: list[int] = []
    report = import_pd(PD_FILES, [88101, 404, 88102], sink, batch_size=2, batch_context=batches, progress=steps.append)
    assert sink.pd == [[88101], [88102]]
    assert batches.entered == 2
    assert steps == [2, 1]
    assert report.counts == {
        ("pd player", Action.CHECKED): 2,
        ("pd batting card", Action.CHECKED): 1,
        ("pd pitching card", Action.CHECKED): 1,
        ("pd position", Action.CHECKED): 3,
    }
    assert [(problem.record_id, problem.severity) for problem in report.problems] == [("404", Severity.ERROR)]
    assert not report.ok


def test_parallel_fetches_keep_the_order() -> None:
    ids = [88102, 5, 88101, 88102, 6]
    serial = import_pd(PD_FILES, ids, CheckingSink(), batch_size=3)
    parallel = import_pd(PD_FILES, ids, CheckingSink(), batch_size=3, workers=4)
    assert parallel.counts == serial.counts
    assert parallel.problems == serial.problems


def test_sba_import_with_cards() -> None:
    batches = Batches()
    sink = RecordingSink(batches)
    cards = load_sba_cards(EXAMPLES / "sba_cards.csv")
    report = import_sba(SBA_FILES, 13, sink, cards=cards, batch_context=batches)
    assert batches.entered == 2
    assert sink.cards == [14021, 14022, 14023]
    assert report.counts[("sba player", Action.CHECKED)] == 3
    assert report.counts[("sba roster section", Action.CHECKED)] == 3
    assert report.ok


def test_cards_of_unknown_players_are_reported_and_skipped() -> None:
    cards = load_sba_cards(EXAMPLES / "sba_cards.json")
    other = ParseBatch((cards.records[0], dataclasses.replace(cards.records[1], player_id=1)))
    sink = RecordingSink(Batches())
    report = import_sba(SBA_FILES, 13, sink, cards=other, rosters=False, batch_context=sink.batches)
    assert sink.cards == [14021]
    assert [(problem.record_id, problem.field) for problem in report.problems] == [("1", "player_id")]


def test_report_summary() -> None:
    report = import_pd(PD_FILES, [88101, 5], CheckingSink(), dry_run=True)
    assert report.league is LeagueCode.PD
    assert str(report.problems[0]) == f"error pd players/5[5]: no such file [{FIXTURES / 'pd' / 'players' / '5.json'}]"
    assert report.summary() == [
        "pd batting card: 1 checked",
        "pd player: 1 checked",
        "pd position: 3 checked",
        "pd: dry run, nothing written; 1 errors, 0 adjustments, 0 notes",
    ]
