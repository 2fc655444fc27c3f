"""Pitcher fatigue and SBA pitcher injuries (RULES §11).

Fatigue. After every play the fielding team's pitcher becomes fatigued when he is *vulnerable* and has
allowed 3 baserunners (hits, walks, hit batsmen) in the inning, or when 5 runs have scored in the inning
while he pitched. Vulnerable means, by :class:`~games.engine.enums.PitcherRole`:

- starter S-n: from inning n (his point of weakness, POW);
- reliever R-n: once he has recorded 3·(n-1) outs;
- closer C-n (a reliever with a C rating who came in in a closer situation): once he has recorded n outs.

A fatigued pitcher's card is read from its fatigued table (:func:`games.engine.cards.fatigued_table`); the
play carries ``in_pow``. A starter may not begin an inning after POW + 2: when such an inning starts the
defense must bring in a reliever (``must_change``); :func:`games.engine.game.defaults_for` brings in the first
unused pitcher of the bullpen.

Rulings on what the rule book leaves open:

- The out results a fatigued card turns are the card's out fields (:data:`games.engine.cards.OUT_FIELDS`:
  strikeout, lineout, popout, flyouts, groundouts), each on its own; X-checks are not out results (the
  fielder decides them). 20 % of a result that is not a whole number of sub-chances rounds down.

- Fatigue lasts: once fatigued, a pitcher stays fatigued until he leaves the game.
- The 3 baserunners are those of the current inning while he pitched, including any he allowed before he
  became vulnerable; runners reaching on errors or fielder's choices do not count. Runs are all runs scored
  in the inning while he pitched (earned or not, inherited or not).
- Closer situation (checked when he comes in): inning ≥ the league's last inning, his team leads, and the
  lead is at most the runners on base + 1 (the tying run is on base or at bat). A C-rated reliever who comes
  in at any other moment is judged by his R rating.
- A pitcher without the rating his role needs is never vulnerable by that rule (only the 5-run rule
  applies), and a starter without an S rating has no POW + 2 limit.
- With an empty bullpen a forced change is waived: a starter past POW + 2 pitches on fatigued, a pitcher
  injured for games stays in (his injury is still recorded on the play).
- A team changes pitchers while it is in the field: a pitcher hurt on an inning's last play is replaced when
  his team next takes the field, and without the DH he keeps his batting slot until then (his team may
  pinch-hit for him).
- A forced change after a play on which the same batter bats again (a foul ball the batter survives) sends the
  game back to the defense's decisions; the batter stays at the plate.
- Manual (SBA) resolution: the engine cannot read a physical card; it tracks fatigue and flags ``in_pow``,
  and the side submitting the result reads the fatigued card.

Injuries (league option ``injuries``): an at-bat read from column 6 with a row total of 7-12 calls "check
injury for pitcher injury rating N", N = 13 - row. Only a pitcher whose own pitcher injury rating
(``Player.pitcher_injury``, 1-6) equals N is checked; one without a rating (None or 0) never is. The check is
a 3d6 ``injury`` roll read from ``data/sba_injuries.json``: table ``one`` ... ``six`` is the number of games
he has played in the current series (the first digit of his ``injury_rating``, ``Player.series_games``),
then his column ``p70`` ... ``p20``, then the total 3-18; an empty list means the table cannot hurt a pitcher
of that column (OK). REM: he becomes fatigued and stays in. N games: he leaves the game now and misses N more
games (recorded on the play as :class:`~games.engine.play.Injury` for the service layer). A rated pitcher
whose injury column is unknown is checked on the ``p70`` column (the sturdiest). The check follows the play's
stats and fatigue and comes before the end of the game (RULES §3), so it is rolled on a game-ending play as
well; the play's description tells the check and its result.
"""

from __future__ import annotations

from games.engine.cards import PitcherCard
from games.engine.enums import InjuryResult, PitcherRole, Side
from games.engine.play import Injury
from games.engine.state import GameSetup, GameState, TeamState, evolve
from games.engine.tables import load

BASERUNNERS_TO_TIRE = 3
RUNS_TO_TIRE = 5
POW_GRACE = 2
"""A starter may begin innings up to POW + 2."""
INJURY_ROWS = range(7, 13)
INJURY_COLUMN = 6
DEFAULT_INJURY_COLUMN = 70

_RATING_NAMES = ("one", "two", "three", "four", "five", "six")
INJURY_TABLES = range(1, len(_RATING_NAMES) + 1)
"""The injury tables ``one`` ... ``six``: games played in the current series."""


def _injury_table() -> dict[tuple[int, int], tuple[InjuryResult | int, ...]]:
    raw = load("sba_injuries.json")
    table: dict[tuple[int, int], tuple[InjuryResult | int, ...]] = {}
    for games, name in enumerate(_RATING_NAMES, start=1):
        for column, cells in raw[name].items():
            table[games, int(column.removeprefix("p"))] = tuple(
                cell if isinstance(cell, int) else InjuryResult(cell) for cell in cells
            )
    return table


INJURY_TABLE = _injury_table()
"""(table 1-6: games played in the series, column 70 ... 20) -> results for 3d6 totals 3-18 (empty: always
OK)."""
INJURY_COLUMNS = tuple(sorted({column for _, column in INJURY_TABLE}, reverse=True))


def injury_column(rating: str | int | None) -> int | None:
    """The injury column of an SBA rating such as ``"2p65"``, ``"p65"`` or 65; None when unknown.

    >>> injury_column("2p65"), injury_column(None), injury_column("")
    (65, None, None)
    """
    if rating is None or rating == "":
        return None
    if isinstance(rating, int):
        column = rating
    else:
        _, _, digits = rating.partition("p")
        if not digits.isdigit():
            raise ValueError(f"injury rating {rating!r} is not like 2p65")
        column = int(digits)
    if column not in INJURY_COLUMNS:
        raise ValueError(f"injury column {column} is not one of {', '.join(map(str, INJURY_COLUMNS))}")
    return column


def injury_table(rating: str | int | None) -> int:
    """The injury table (games played in the current series, 1-6) of an SBA rating: its first digit, 1 for a
    rating without one.

    >>> injury_table("2p65"), injury_table("p65"), injury_table(65), injury_table(None)
    (2, 1, 1, 1)
    """
    if not isinstance(rating, str):
        return 1
    digits, _, _ = rating.partition("p")
    if not digits:
        return 1
    if not digits.isdigit() or int(digits) not in INJURY_TABLES:
        raise ValueError(f"injury rating {rating!r}: the games played before the p must be 1-6")
    return int(digits)


def closer_situation(state: GameState, side: Side, innings: int) -> bool:
    """``side`` (in the field) leads in the last inning or later with the tying run on base or at bat."""
    away, home = state.score
    lead = home - away if side is Side.HOME else away - home
    runners = sum(1 for runner in state.bases if runner is not None)
    return state.inning >= innings and 0 < lead <= runners + 1


def entering_role(card: PitcherCard | None, state: GameState, side: Side, innings: int) -> PitcherRole:
    """The role of a reliever coming in now."""
    if card is not None and card.closer_rating is not None and closer_situation(state, side, innings):
        return PitcherRole.CLOSER
    return PitcherRole.RELIEVER


def vulnerable(card: PitcherCard | None, team: TeamState, inning: int) -> bool:
    """Whether the current pitcher is past his point of weakness (before the 3-runner rule)."""
    if card is None:
        return False
    role = team.pitcher_role
    if role is PitcherRole.STARTER:
        return card.starter_rating is not None and inning >= card.starter_rating
    if role is PitcherRole.CLOSER:
        return card.closer_rating is not None and team.pitcher_outs >= card.closer_rating
    return card.relief_rating is not None and team.pitcher_outs >= 3 * (card.relief_rating - 1)


def tired(card: PitcherCard | None, team: TeamState, inning: int) -> bool:
    """Whether the pitcher is fatigued after a play (his counters already updated)."""
    if team.pitcher_fatigued or team.pitcher_runs_inning >= RUNS_TO_TIRE:
        return True
    return team.pitcher_baserunners_inning >= BASERUNNERS_TO_TIRE and vulnerable(card, team, inning)


def available_pitchers(team: TeamState) -> tuple[str, ...]:
    """The bullpen pitchers who may still come in, in bullpen order."""
    busy = set(team.pitched) | set(team.removed) | {slot.player for slot in team.lineup}
    return tuple(pid for pid in team.bullpen if pid not in busy)


def relief(team: TeamState) -> str | None:
    """The first pitcher of the bullpen who may still come in (None: nobody)."""
    pitchers = available_pitchers(team)
    return pitchers[0] if pitchers else None


def past_limit(card: PitcherCard | None, team: TeamState, inning: int) -> bool:
    """A starter may not begin ``inning`` after his POW + 2."""
    return (
        team.pitcher_role is PitcherRole.STARTER
        and card is not None
        and card.starter_rating is not None
        and inning > card.starter_rating + POW_GRACE
    )


def starting_inning(setup: GameSetup, team: TeamState, inning: int) -> TeamState:
    """The fielding team as an inning begins: a starter past POW + 2 must be replaced (or, with nobody to
    bring in, pitches on fatigued)."""
    player = setup.players[team.pitcher]
    if not past_limit(player.pitching, team, inning):
        return team
    if relief(team) is None:
        return evolve(team, pitcher_fatigued=True)
    reason = f"{player.name} may not begin an inning after his point of weakness + {POW_GRACE}"
    return evolve(team, must_change=reason)


def injury_rating_for(rows: tuple[int, int]) -> int | None:
    """The pitcher injury rating a row total calls a check for (13 - row for rows 7-12; None: no check)."""
    total = rows[0] + rows[1]
    return 13 - total if total in INJURY_ROWS else None


def checked(pitcher_injury: int | None, rating: int) -> bool:
    """Whether a pitcher with this pitcher injury rating is checked when ``rating`` is called (RULES §11: only
    his own rating; none or 0 never)."""
    return bool(pitcher_injury) and pitcher_injury == rating


def read_injury(player: str, rating: int, table: int, column: int | None, roll: int) -> Injury:
    """The injury table's verdict for a 3d6 ``roll``: table ``table`` (games played in the series), column
    ``column`` (p70 when unknown)."""
    column = DEFAULT_INJURY_COLUMN if column is None else column
    cells = INJURY_TABLE[table, column]
    cell = cells[roll - 3] if cells else InjuryResult.OK
    if isinstance(cell, int):
        return Injury(player, rating, column, roll, InjuryResult.GAMES, cell, table)
    return Injury(player, rating, column, roll, cell, table=table)


def injury_text(name: str, injury: Injury, *, leaves: bool) -> str:
    """How a play tells its injury check (``leaves``: a pitcher hurt for games is replaced now).

    >>> injury_text("Ace", Injury("p", 3, 65, 10, InjuryResult.REM, table=2), leaves=True)
    'injury check for Ace (rating 3, table two, p65, 3d6 10): REM, fatigued, stays in'
    """
    check = (
        f"injury check for {name} (rating {injury.rating}, table {_RATING_NAMES[injury.table - 1]}, "
        f"p{injury.column}, 3d6 {injury.roll})"
    )
    if injury.result is InjuryResult.OK:
        return f"{check}: OK"
    if injury.result is InjuryResult.REM:
        return f"{check}: REM, fatigued, stays in"
    games = f"{injury.games} game{'s' if injury.games != 1 else ''}"
    return f"{check}: injured for {games}, {'leaves the game' if leaves else 'stays in (no one left to relieve)'}"


def change_needed(state: GameState) -> str:
    """Why the fielding team must bring in a new pitcher before the next play ("" when it need not; a change
    the bullpen can no longer make is waived)."""
    team = state.fielding
    if team.must_change and available_pitchers(team):
        return f"{team.must_change}: bring in a new pitcher first"
    if team.pitcher in team.removed:
        return "the pitcher has left the game: bring in a new pitcher first"
    return ""
