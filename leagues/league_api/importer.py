"""Import orchestration without Django: fetch and parse a league's data in batches, hand each batch to a sink that
writes it, and collect one report.

The sink decides what "write" means (the Django upserts in `leagues/services.py`, or `CheckingSink` which only
counts); `batch_context` wraps each batch (e.g. `transaction.atomic`) so a batch is written whole or not at all.
Problems never stop an import: a bad record is reported with its id and field and the others go on.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from typing import Protocol, TypeVar

from .client import PdApi, SbaApi
from .fetch import PdPlayerFetch, SbaSeasonFetch, fetch_pd_player, fetch_sba_season
from .records import ImportProblem, LeagueCode, ParseBatch, Severity
from .sba_cards import SbaCardRecord

T = TypeVar("T")
Progress = Callable[[int], object]  # called with the number of players done; what it returns is ignored


class Action(enum.StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    DELETED = "deleted"
    CHECKED = "checked"


Written = Iterable[tuple[str, Action] | ImportProblem]
"""What a sink reports per record: (kind, action), or the problem that kept it from being written."""


class PdSink(Protocol):
    def write_pd_players(self, fetched: Sequence[PdPlayerFetch]) -> Written:
        """Writes the players that were read (`player` set) with their cards."""
        ...


class SbaSink(Protocol):
    def write_sba_season(self, season: SbaSeasonFetch) -> Written: ...

    def write_sba_cards(self, season: int, cards: Sequence[SbaCardRecord]) -> Written: ...


@dataclass
class ImportReport:
    """What an import did: (kind, action) counts and every problem, adjustment and note."""

    league: LeagueCode
    dry_run: bool = False
    counts: Counter[tuple[str, Action]] = field(default_factory=Counter)
    problems: list[ImportProblem] = field(default_factory=list)

    def add(self, written: Written) -> None:
        for item in written:
            if isinstance(item, ImportProblem):
                self.problems.append(item)
            else:
                self.counts[item] += 1

    def of(self, severity: Severity) -> list[ImportProblem]:
        return [problem for problem in self.problems if problem.severity is severity]

    @property
    def ok(self) -> bool:
        return not self.of(Severity.ERROR)

    def summary(self) -> list[str]:
        """One line per record kind, then totals of errors, adjustments and notes."""
        kinds = sorted({kind for kind, _ in self.counts})
        lines = [
            f"{kind}: " + ", ".join(f"{count} {action}" for action in Action if (count := self.counts[kind, action]))
            for kind in kinds
        ]
        tally = ", ".join(f"{len(self.of(severity))} {severity}s" for severity in Severity)
        prefix = "dry run, nothing written; " if self.dry_run else ""
        return [*lines, f"{self.league}: {prefix}{tally}"]


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def import_pd(
    api: PdApi,
    player_ids: Iterable[int],
    sink: PdSink,
    *,
    batch_size: int = 50,
    workers: int = 1,
    batch_context: Callable[[], AbstractContextManager[object]] = nullcontext,
    progress: Progress | None = None,
    dry_run: bool = False,
) -> ImportReport:
    """Fetches every player (with cards and positions), `workers` players at a time, and writes them `batch_size`
    players per batch, in the order given."""
    report = ImportReport(LeagueCode.PD, dry_run)
    pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="pd-fetch")
    try:
        for ids in chunked(player_ids, batch_size):
            fetched = list(pool.map(partial(fetch_pd_player, api), ids))
            for item in fetched:
                report.problems.extend(item.problems)
            with batch_context():
                report.add(sink.write_pd_players([item for item in fetched if item.player is not None]))
            if progress is not None:
                progress(len(ids))
    finally:
        pool.shutdown(cancel_futures=True)
    return report


def import_sba(
    api: SbaApi,
    season: int,
    sink: SbaSink,
    *,
    cards: ParseBatch[SbaCardRecord] | None = None,
    rosters: bool = True,
    batch_context: Callable[[], AbstractContextManager[object]] = nullcontext,
    progress: Progress | None = None,
    dry_run: bool = False,
) -> ImportReport:
    """Teams, players and rosters of one season in one batch, then the card file's cards (if any) in another.

    A card whose player is not in the season is reported and skipped."""
    report = ImportReport(LeagueCode.SBA, dry_run)
    fetched = fetch_sba_season(api, season, rosters=rosters)
    report.problems.extend(fetched.problems)
    with batch_context():
        report.add(sink.write_sba_season(fetched))
    if progress is not None:
        progress(len(fetched.players))
    if cards is None:
        return report
    report.problems.extend(cards.problems)
    player_ids = {player.id for player in fetched.players}
    known = [card for card in cards.records if card.player_id in player_ids]
    report.problems.extend(
        ImportProblem("sba cards", str(card.player_id), "player_id", f"no such player in season {season}")
        for card in cards.records
        if card.player_id not in player_ids
    )
    with batch_context():
        report.add(sink.write_sba_cards(season, known))
    if progress is not None:
        progress(len(cards.records))
    return report


class CheckingSink:
    """Writes nothing: counts what a real sink would be given (a validation-only run)."""

    def write_pd_players(self, fetched: Sequence[PdPlayerFetch]) -> Written:
        for item in fetched:
            yield "pd player", Action.CHECKED
            yield from (("pd batting card", Action.CHECKED) for _ in item.batting_cards)
            yield from (("pd pitching card", Action.CHECKED) for _ in item.pitching_cards)
            yield from (("pd position", Action.CHECKED) for _ in item.positions)

    def write_sba_season(self, season: SbaSeasonFetch) -> Written:
        yield from (("sba team", Action.CHECKED) for _ in season.teams)
        yield from (("sba player", Action.CHECKED) for _ in season.players)
        yield from (("sba roster section", Action.CHECKED) for _ in season.rosters)

    def write_sba_cards(self, season: int, cards: Sequence[SbaCardRecord]) -> Written:
        yield from (("sba card", Action.CHECKED) for _ in cards)
