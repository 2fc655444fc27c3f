"""Who may play a team's next game: pitcher rest and injuries carried between games (RULES §11; docs/season.md).

A team's schedule is its scheduled games in order, indexed 0, 1, 2 ...; the games it has played there are the
record (an :class:`Outing` per pitcher who appeared, an :class:`InjuryOut` per injury of some games). The
rules:

- **Rest** (the league's :class:`RestRule`): a pitcher's base rest is read from the rest chart by the outs he
  recorded; a starter rests at least ``starter_games``; a reliever who also pitched in the team's previous
  scheduled game (back to back) rests ``back_to_back_games`` more. He sits out the team's next ``required``
  games: after the game at index *i* he may pitch again at index *i* + required + 1.
- **Injuries**: a player hurt for N games in the game at index *i* misses the team's next N scheduled games and
  returns at index *i* + N + 1.

Only games before the one asked about count, so a game's availability never depends on games played after it.
Everything here is plain data: the service layer reads the record from the database and hands it in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from itertools import pairwise

DEFAULT_REST_CHART: tuple[tuple[int, int], ...] = ((0, 1), (4, 2), (10, 3), (16, 4))
"""(outs at least, games of rest), by outs: 0-3 outs rest 1 game, 4-9 rest 2, 10-15 rest 3, 16 or more rest 4."""
DEFAULT_STARTER_GAMES = 4
DEFAULT_BACK_TO_BACK_GAMES = 1


@dataclass(frozen=True, slots=True)
class RestRule:
    """A league's rest chart. ``chart`` lists (outs at least, games) bands in increasing outs, the first at 0
    outs; ``starter_games`` is a starter's least rest; ``back_to_back_games`` the extra rest of a reliever who
    pitched in the team's previous game too."""

    chart: tuple[tuple[int, int], ...] = DEFAULT_REST_CHART
    starter_games: int = DEFAULT_STARTER_GAMES
    back_to_back_games: int = DEFAULT_BACK_TO_BACK_GAMES

    def __post_init__(self) -> None:
        if problems := rest_chart_errors(self.chart):
            raise ValueError("; ".join(problems))
        if self.starter_games < 0 or self.back_to_back_games < 0:
            raise ValueError("rest games cannot be negative")


def rest_chart_errors(chart: object) -> list[str]:
    """What is wrong with a rest chart: bands of two whole numbers ≥ 0, the first at 0 outs, outs increasing.

    >>> rest_chart_errors([[0, 1], [4, 2]]), rest_chart_errors([[3, 1]])
    ([], ['the rest chart starts at 0 outs'])
    """
    if not isinstance(chart, list | tuple) or not chart:
        return ["the rest chart lists [outs at least, games] bands"]
    bands = []
    for band in chart:
        if (
            not isinstance(band, list | tuple)
            or len(band) != 2
            or not all(isinstance(value, int) and not isinstance(value, bool) and value >= 0 for value in band)
        ):
            return [f"rest chart band {band!r} is not [outs at least, games] in whole numbers ≥ 0"]
        bands.append((band[0], band[1]))
    errors = []
    if bands[0][0] != 0:
        errors.append("the rest chart starts at 0 outs")
    if any(later[0] <= earlier[0] for earlier, later in pairwise(bands)):
        errors.append("the rest chart's outs must increase from band to band")
    return errors


@dataclass(frozen=True, slots=True)
class Rest:
    """A pitcher's rest after an outing: ``base`` from the chart (and a starter's least rest), ``extra`` for
    pitching back to back; he sits out ``required`` = base + extra of his team's next games."""

    base: int
    extra: int

    @property
    def required(self) -> int:
        return self.base + self.extra


def rest_after(outs: int, *, started: bool, back_to_back: bool, rule: RestRule) -> Rest:
    """The rest an outing of ``outs`` outs needs.

    >>> rest_after(18, started=True, back_to_back=False, rule=RestRule())
    Rest(base=4, extra=0)
    >>> rest_after(3, started=False, back_to_back=True, rule=RestRule())
    Rest(base=1, extra=1)
    """
    base = next(games for least, games in reversed(rule.chart) if outs >= least)
    if started:
        return Rest(max(base, rule.starter_games), 0)
    return Rest(base, rule.back_to_back_games if back_to_back else 0)


@dataclass(frozen=True, slots=True)
class Outing:
    """A pitcher's appearance in the team's game at schedule ``index``."""

    index: int
    player: int
    outs: int
    started: bool


@dataclass(frozen=True, slots=True)
class InjuryOut:
    """A player hurt in the team's game at schedule ``index`` for ``games`` games."""

    index: int
    player: int
    games: int


class AbsenceKind(Enum):
    REST = "rest"
    INJURED = "injured"


@dataclass(frozen=True, slots=True)
class Absence:
    """Why a player cannot play: hurt or resting since the game at ``since``; he may play again at ``returns``."""

    player: int
    kind: AbsenceKind
    since: int
    returns: int


def outing_rests(outings: Iterable[Outing], rule: RestRule) -> list[tuple[Outing, Rest]]:
    """Each outing with its rest, back to back read from his outings (a reliever who pitched at index *i* - 1)."""
    outings = list(outings)
    pitched = {(outing.player, outing.index) for outing in outings}
    return [
        (
            outing,
            rest_after(
                outing.outs,
                started=outing.started,
                back_to_back=(outing.player, outing.index - 1) in pitched,
                rule=rule,
            ),
        )
        for outing in outings
    ]


def absences_at(
    index: int, *, outings: Iterable[Outing], injuries: Iterable[InjuryOut], rule: RestRule | None
) -> dict[int, Absence]:
    """The players who cannot play in the team's game at schedule ``index``, by player, from the games before it
    (``rule`` None: the league keeps no rest). An injury wins over rest when he would be back at the same game;
    otherwise the later return is the one that holds.

    >>> found = absences_at(2, outings=[Outing(0, 7, 18, True)], injuries=[InjuryOut(1, 8, 1)], rule=RestRule())
    >>> [(player, absence.kind.value, absence.returns) for player, absence in found.items()]
    [(7, 'rest', 5), (8, 'injured', 3)]
    """
    found: dict[int, Absence] = {}
    candidates: list[Absence] = []
    if rule is not None:
        earlier = [outing for outing in outings if outing.index < index]
        candidates += [
            Absence(outing.player, AbsenceKind.REST, outing.index, outing.index + rest.required + 1)
            for outing, rest in outing_rests(earlier, rule)
        ]
    candidates += [
        Absence(hurt.player, AbsenceKind.INJURED, hurt.index, hurt.index + hurt.games + 1)
        for hurt in injuries
        if hurt.index < index
    ]
    for absence in candidates:
        if absence.returns <= index:
            continue
        held = found.get(absence.player)
        if held is None or _later(absence, held):
            found[absence.player] = absence
    return dict(sorted(found.items()))


def _later(absence: Absence, held: Absence) -> bool:
    if absence.returns != held.returns:
        return absence.returns > held.returns
    return absence.kind is AbsenceKind.INJURED and held.kind is AbsenceKind.REST


def slot_code(week: int, game: int) -> str:
    """The league's return date of a team's game: week two digits, game not padded (SBA-9).

    >>> slot_code(8, 3), slot_code(12, 1)
    ('w08g3', 'w12g1')
    """
    return f"w{week:02d}g{game}"


def week_games(weeks: Sequence[int]) -> list[tuple[int, int]]:
    """(week, game number of the team's week) of each game of a team's schedule, given each game's week in order.

    >>> week_games([1, 1, 1, 2, 2, 4])
    [(1, 1), (1, 2), (1, 3), (2, 1), (2, 2), (4, 1)]
    """
    numbered: list[tuple[int, int]] = []
    for week in weeks:
        game = numbered[-1][1] + 1 if numbered and numbered[-1][0] == week else 1
        numbered.append((week, game))
    return numbered


def week_game_at(schedule: Sequence[tuple[int, int]], index: int) -> tuple[int, int]:
    """(week, game) of schedule ``index``; past the last game the schedule goes on in weeks as long as its last
    one (the way the league counts a return date beyond the schedule).

    >>> week_game_at([(1, 1), (1, 2), (2, 1), (2, 2)], 5), week_game_at([(1, 1)], 2)
    ((3, 2), (3, 1))
    """
    if not schedule:
        raise ValueError("the team has no scheduled games")
    if index < len(schedule):
        return schedule[index]
    last_week, _ = schedule[-1]
    per_week = sum(1 for week, _ in schedule if week == last_week)
    beyond = index - len(schedule)
    return last_week + 1 + beyond // per_week, beyond % per_week + 1
