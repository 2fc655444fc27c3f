"""The rule book's data tables (``data/*.json``), loaded once at import."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from games.engine.enums import InfieldDepth, Outcome, Position, XCheckResult

DATA_DIR = Path(__file__).resolve().parent / "data"
DATA_FILES = (
    "groundball_chart.json",
    "run_expectancy.json",
    "sba_injuries.json",
    "xcheck_errors.json",
    "xcheck_ranges.json",
)


def _larger_error(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for key, value in pairs:
        if key in merged and isinstance(value, int) and isinstance(merged[key], int):
            merged[key] = max(merged[key], value)
        else:
            merged[key] = value
    return merged


def load(name: str) -> Any:
    """One data file as parsed JSON; a key repeated inside one object keeps its largest integer value."""
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return json.load(handle, object_pairs_hook=_larger_error)


BASE_KEYS = ("---", "1--", "-2-", "12-", "--3", "1-3", "-23", "123")
"""Base states indexed by occupancy mask (1 = R1, 2 = R2, 4 = R3)."""

_CHART_CODE_BY_MASK = (0, 1, 2, 4, 3, 5, 6, 7)
_GROUNDBALL_LETTER = {Outcome.GROUNDBALL_A: "A", Outcome.GROUNDBALL_B: "B", Outcome.GROUNDBALL_C: "C"}


def _groundball_chart() -> dict[tuple[Outcome, int, bool], int | None]:
    raw = load("groundball_chart.json")
    chart: dict[tuple[Outcome, int, bool], int | None] = {}
    for outcome, letter in _GROUNDBALL_LETTER.items():
        for mask in range(8):
            cell = raw[letter][str(_CHART_CODE_BY_MASK[mask])]
            chart[outcome, mask, False] = cell["normal"]
            chart[outcome, mask, True] = cell["in"]
    return chart


GROUNDBALL_CHART = _groundball_chart()


def groundball_number(outcome: Outcome, mask: int, playing_in: bool) -> int:
    """The chart's result number for a groundball (``mask``: base occupancy; ``playing_in``: the "in" column).

    >>> groundball_number(Outcome.GROUNDBALL_A, 1, False)
    2
    """
    number = GROUNDBALL_CHART[outcome, mask, playing_in]
    if number is None:
        number = GROUNDBALL_CHART[outcome, mask, False]
    assert number is not None
    return number


def uses_in_column(depth: InfieldDepth, fielder: Position) -> bool:
    """Corners in reads the "in" column only on balls to 1B, 3B or P."""
    if depth is InfieldDepth.IN:
        return True
    return depth is InfieldDepth.CORNERS_IN and fielder in (Position.FIRST_BASE, Position.THIRD_BASE, Position.P)


def _run_expectancy() -> tuple[tuple[float, float, float], ...]:
    raw = load("run_expectancy.json")
    return tuple((raw[key][0], raw[key][1], raw[key][2]) for key in BASE_KEYS)


RUN_EXPECTANCY = _run_expectancy()


def _ranges() -> dict[Position, tuple[tuple[XCheckResult, ...], ...]]:
    raw = load("xcheck_ranges.json")
    by_chart = {
        name: tuple(tuple(XCheckResult(cell) for cell in raw[name][str(row)]) for row in range(1, 21))
        for name in ("INFIELD_RANGES", "OUTFIELD_RANGES", "CATCHER_RANGES", "PITCHER_RANGES")
    }
    result: dict[Position, tuple[tuple[XCheckResult, ...], ...]] = {}
    for position in Position:
        if position is Position.DH:
            continue
        if position is Position.C:
            result[position] = by_chart["CATCHER_RANGES"]
        elif position is Position.P:
            result[position] = by_chart["PITCHER_RANGES"]
        elif position.is_outfield:
            result[position] = by_chart["OUTFIELD_RANGES"]
        else:
            result[position] = by_chart["INFIELD_RANGES"]
    return result


XCHECK_RANGES = _ranges()


def _error_key(position: Position) -> str:
    return "LF/RF" if position in (Position.LEFT_FIELD, Position.RIGHT_FIELD) else position.value


def _errors() -> dict[Position, dict[int, dict[int, int]]]:
    raw = load("xcheck_errors.json")
    result: dict[Position, dict[int, dict[int, int]]] = {}
    for position in Position:
        if position is Position.DH:
            continue
        key = _error_key(position)
        result[position] = {
            int(total): {int(rating): int(bases) for rating, bases in row.items()}
            for total, row in raw[key]["table"].items()
        }
    return result


XCHECK_ERRORS = _errors()


def _largest_errors() -> dict[Position, int]:
    raw = load("xcheck_errors.json")
    return {
        position: max(int(rating) for row in raw[_error_key(position)]["table"].values() for rating in row)
        for position in Position
        if position is not Position.DH
    }


XCHECK_LARGEST_ERROR = _largest_errors()
"""The largest error rating on each position's error chart (RULES §12: a fielder out of position)."""


def xcheck_error(position: Position, rating: int, total: int) -> int:
    """Bases of the error (0 none, 1-3) for a fielder's error rating and the 3d6 total.

    >>> xcheck_error(Position.SHORTSTOP, 12, 3)
    2
    """
    return XCHECK_ERRORS[position].get(total, {}).get(rating, 0)
