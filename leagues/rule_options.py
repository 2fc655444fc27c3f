"""League rule options as plain values (no Django): what the engine adapter reads. Defaults follow RULES.md."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from games.engine.availability import DEFAULT_BACK_TO_BACK_GAMES, DEFAULT_REST_CHART, DEFAULT_STARTER_GAMES, RestRule
from games.engine.enums import FIELDING_POSITIONS, ResolutionMode

D20_FACES = 20
FIELD_POSITIONS = tuple(position.value for position in FIELDING_POSITIONS)
_MIRROR = {"1B": "3B", "3B": "1B", "2B": "SS", "SS": "2B", "LF": "RF", "RF": "LF"}


def _expand(ranges: list[tuple[int, int, str]]) -> list[str]:
    return [position for low, high, position in ranges for _ in range(low, high + 1)]


def _mirror(table: list[str]) -> list[str]:
    return [_MIRROR.get(position, position) for position in table]


def default_location_tables() -> dict[str, dict[str, list[str]]]:
    """RULES §2 hit locations: `{kind: {batting side: [position for d20 = 1..20]}}`, left-handed mirrored."""
    groundball = _expand([(1, 6, "3B"), (7, 13, "SS"), (14, 17, "2B"), (18, 19, "1B"), (20, 20, "P")])
    flyball = _expand([(1, 8, "LF"), (9, 15, "CF"), (16, 20, "RF")])
    return {
        "groundball": {"R": groundball, "L": _mirror(groundball)},
        "flyball": {"R": flyball, "L": _mirror(flyball)},
    }


def location_table_errors(tables: Any) -> list[str]:
    """Problems with a location-tables document: both kinds, both sides, 20 fielding positions each."""
    if not isinstance(tables, dict):
        return ["location tables must be an object"]
    errors = []
    for kind in ("groundball", "flyball"):
        sides = tables.get(kind)
        if not isinstance(sides, dict):
            errors.append(f"location tables: {kind} is missing")
            continue
        for side in ("R", "L"):
            table = sides.get(side)
            if not isinstance(table, list) or len(table) != D20_FACES:
                errors.append(f"location tables: {kind}.{side} must list {D20_FACES} positions")
            elif any(position not in FIELD_POSITIONS for position in table):
                errors.append(f"location tables: {kind}.{side} holds an unknown position")
    return errors


def default_rest_chart() -> list[list[int]]:
    """The default rest chart (docs/season.md) as the league row stores it: [[outs at least, games], ...]."""
    return [list(band) for band in DEFAULT_REST_CHART]


@dataclass(frozen=True)
class LeagueRuleOptions:
    """A league's configurable rules (RULES.md *[league option]*), as the engine needs them."""

    league_code: str
    innings: int = 9
    dh: bool = True
    extra_inning_runner: bool = False
    mercy_rule: bool = False
    mercy_run_margin: int | None = None
    mercy_inning: int | None = None
    resolution_mode: ResolutionMode = ResolutionMode.AUTO
    decision_window_seconds: int = 60
    location_tables: dict[str, dict[str, list[str]]] = field(default_factory=default_location_tables)
    park_hr_number: int = 10
    park_single_number: int = 10
    injuries: bool = False
    rare_plays: bool = True
    pitcher_rest: bool = True
    rest_chart: list[list[int]] = field(default_factory=default_rest_chart)
    starter_rest_games: int = DEFAULT_STARTER_GAMES
    back_to_back_rest_games: int = DEFAULT_BACK_TO_BACK_GAMES
    out_of_position: bool = True

    def rest_rule(self) -> RestRule | None:
        """The league's rest between games (docs/season.md), None when it keeps none."""
        if not self.pitcher_rest:
            return None
        chart = tuple((least, games) for least, games in self.rest_chart)
        return RestRule(chart, self.starter_rest_games, self.back_to_back_rest_games)
