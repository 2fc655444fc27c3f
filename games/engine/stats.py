"""Totals derived from recorded plays: the line score (R/H/E/LOB by inning) and summed stat lines.

>>> from games.engine.play import StatLine
>>> total([StatLine(pa=1, hit=1, re24=0.25), StatLine(pa=1, so=1, re24=-0.5)])
StatLine(pa=2, ab=0, hit=1, ... so=1, ... re24=-0.25, wpa=0.0)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from games.engine.enums import Side
from games.engine.play import STAT_FIELDS, Play, StatLine


@dataclass(frozen=True, slots=True)
class LineScore:
    """Per side (away, home): runs by inning, and hits, errors (made by that side's fielders), left on base."""

    runs: tuple[tuple[int, ...], tuple[int, ...]]
    hits: tuple[int, int]
    errors: tuple[int, int]
    left_on_base: tuple[int, int]

    @property
    def totals(self) -> tuple[int, int]:
        return sum(self.runs[0]), sum(self.runs[1])


def line_score(plays: Iterable[Play]) -> LineScore:
    """The line score of a game from its plays in order."""
    runs: list[list[int]] = [[], []]
    hits, errors, lob = [0, 0], [0, 0], [0, 0]
    for play in plays:
        side = 0 if play.batting_side is Side.AWAY else 1
        innings = runs[side]
        while len(innings) < play.inning:
            innings.append(0)
        innings[play.inning - 1] += play.runs
        hits[side] += play.stats.hit
        errors[1 - side] += play.errors
        if play.inning_over:
            lob[side] += sum(1 for move in play.movements if 1 <= move.end <= 3)
    return LineScore((tuple(runs[0]), tuple(runs[1])), (hits[0], hits[1]), (errors[0], errors[1]), (lob[0], lob[1]))


_COUNTS = STAT_FIELDS


def total(lines: Iterable[StatLine]) -> StatLine:
    """Sum of stat lines (``on_base_code`` of the result is meaningless and left at its default)."""
    sums = dict.fromkeys(_COUNTS, 0)
    re24 = wpa = 0.0
    for line in lines:
        for name in _COUNTS:
            sums[name] += getattr(line, name)
        re24 += line.re24
        wpa += line.wpa
    counts: dict[str, Any] = sums
    return StatLine(**counts, re24=round(re24, 3), wpa=round(wpa, 3))


def by_batter(plays: Iterable[Play]) -> dict[str, StatLine]:
    """Each batter's summed stat lines over the plays where he was at bat (steals and wild pitches included)."""
    grouped: dict[str, list[StatLine]] = {}
    for play in plays:
        grouped.setdefault(play.batter, []).append(play.stats)
    return {batter: total(lines) for batter, lines in grouped.items()}
