"""AI-vs-AI simulation (pure): every decision takes its default (:func:`defaults_for`), the dice come from the
caller (a :class:`~games.engine.dice.SeededDice` for reproducible runs), nothing is written anywhere.

>>> from games.engine.scenarios import demo_setup
>>> from games.engine.dice import SeededDice
>>> totals = BattingTotals()
>>> result = play_game(demo_setup(), SeededDice(7), totals)
>>> totals.games, totals["runs"] == sum(result.score), totals["pa"] == result.plate_appearances
(1, True, True)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from operator import add, attrgetter

from games.engine.actions import Action, Decide, DoubleSwitch, OffenseDecision, Roll, Substitute
from games.engine.dice import Dice
from games.engine.enums import InjuryResult, Outcome, Phase, PlayType, RollName, Side
from games.engine.game import apply, defaults_for
from games.engine.play import STAT_FIELDS, Play
from games.engine.reading import read_card
from games.engine.state import GameSetup, GameState, LineupSlot, new_game
from games.engine.win_expectancy import annotate

COUNTED: tuple[str, ...] = STAT_FIELDS
"""The counting stats a :class:`BattingTotals` keeps: every stat-line field."""

_STATS = attrgetter(*STAT_FIELDS)
_ROLL = Roll()


@dataclass(slots=True)
class BattingTotals:
    """League batting totals over simulated games, and the rates derived from them."""

    counts: list[int] = field(default_factory=lambda: [0] * len(COUNTED))
    games: int = 0

    def __getitem__(self, name: str) -> int:
        return self.counts[COUNTED.index(name)]

    def add(self, play: Play) -> None:
        """Count one play's stat line."""
        values: tuple[int, ...] = _STATS(play.stats)
        self.counts = list(map(add, self.counts, values))

    def merge(self, other: BattingTotals) -> None:
        self.counts = [a + b for a, b in zip(self.counts, other.counts, strict=True)]
        self.games += other.games

    def totals(self) -> dict[str, int]:
        return dict(zip(COUNTED, self.counts, strict=True))

    def rates(self) -> dict[str, float]:
        """runs_per_team_game, avg, obp, slg, k_rate, bb_rate (BB + IBB), hr_rate (per PA)."""
        c = self.totals()
        pa, ab, hits = c["pa"], c["ab"], c["hit"]
        singles = hits - c["double"] - c["triple"] - c["homerun"]
        bases = singles + 2 * c["double"] + 3 * c["triple"] + 4 * c["homerun"]
        on_base = hits + c["bb"] + c["ibb"] + c["hbp"]
        return {
            "runs_per_team_game": _ratio(c["runs"], 2 * self.games),
            "avg": _ratio(hits, ab),
            "obp": _ratio(on_base, ab + c["bb"] + c["ibb"] + c["hbp"] + c["sf"]),
            "slg": _ratio(bases, ab),
            "k_rate": _ratio(c["so"], pa),
            "bb_rate": _ratio(c["bb"] + c["ibb"], pa),
            "hr_rate": _ratio(c["homerun"], pa),
        }


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


@dataclass(frozen=True, slots=True)
class GameResult:
    """One finished game: final score (away, home), innings played, winner, plate appearances and plays."""

    away: str
    home: str
    score: tuple[int, int]
    innings: int
    winner: Side | None
    plate_appearances: int
    plays: int
    tally: Mapping[str, int] = field(default_factory=dict)
    """Managing counts: steal_attempts (not called off), steals_called_off, sends, bunt_attempts, hit_and_runs,
    intentional_walks, pitching_changes, substitutions, injury_checks (SBA pitcher injury checks rolled) and
    pitchers_hurt (checks with a result other than OK)."""
    wpa_home: float = 0.0
    """The home team's WPA summed over the game's plays (AI games; 0 with default decisions)."""


Chooser = Callable[[GameSetup, GameState], Action]
"""Picks the action for whichever side the game waits for (e.g. the AI manager)."""
TALLIES = (
    "steal_attempts",
    "steals_called_off",
    "sends",
    "bunt_attempts",
    "hit_and_runs",
    "intentional_walks",
    "pitching_changes",
    "substitutions",
    "defensive_substitutions",
    "double_switches",
    "injury_checks",
    "pitchers_hurt",
)


def _tally(play: Play, tally: Counter[str]) -> None:
    offense = next((d for d in play.decisions if isinstance(d, OffenseDecision)), None)
    if offense is not None:
        called_off = play.play_type is PlayType.STEAL_CALLED_OFF
        tally["steal_attempts"] += bool(offense.steal) and not called_off
        tally["steals_called_off"] += called_off
        tally["bunt_attempts"] += offense.bunt
        tally["hit_and_runs"] += offense.hit_and_run
    tally["sends"] += any(isinstance(d, Decide) and d.send for d in play.decisions)
    tally["intentional_walks"] += play.play_type is PlayType.INTENTIONAL_WALK
    if play.injury is not None:
        tally["injury_checks"] += 1
        tally["pitchers_hurt"] += play.injury.result is not InjuryResult.OK


def play_game(
    setup: GameSetup, dice: Dice, totals: BattingTotals | None = None, chooser: Chooser | None = None
) -> GameResult:
    """Play one game to the end, every decision from ``chooser`` (default: the defaults); add its plays to
    ``totals``. Raises :class:`~games.engine.actions.WrongPhase` for a manual-resolution setup without a chooser
    (submissions have no default)."""
    state = new_game(setup)
    pa = plays = 0
    count = totals.add if totals is not None else None
    tally: Counter[str] = Counter()
    wpa_home = 0.0
    while state.phase is not Phase.GAME_OVER:
        if chooser is not None:
            action = chooser(setup, state)
        else:
            action = _ROLL if state.phase is Phase.ROLL else defaults_for(state)
        before = state
        state, events, _ = step = apply(setup, state, action, dice)
        if isinstance(action, DoubleSwitch):
            tally["double_switches"] += 1
            tally["pitching_changes"] += 1
        elif isinstance(action, Substitute) and action.side is before.fielding_side:
            tally["defensive_substitutions"] += 1
        if chooser is not None:
            events = annotate(setup, before, step).events
        for event in events:
            if isinstance(event, Play):
                plays += 1
                wpa_home += event.stats.wpa if event.batting_side is Side.HOME else -event.stats.wpa
                pa += event.stats.pa
                if count is not None:
                    count(event)
                if chooser is not None:
                    _tally(event, tally)
            elif event.kind == "pitching_change":
                tally["pitching_changes"] += 1
            elif event.kind == "substitution":
                tally["substitutions"] += 1
    if totals is not None:
        totals.games += 1
    return GameResult(
        away=setup.away.name,
        home=setup.home.name,
        score=state.score,
        innings=state.inning,
        winner=state.winner,
        plate_appearances=pa,
        plays=plays,
        tally={name: tally[name] for name in TALLIES},
        wpa_home=round(wpa_home, 4),
    )


def at_bat_state(setup: GameSetup, batter: str, pitcher: str) -> GameState:
    """A fresh top of the first with ``batter`` leading off for the away team against ``pitcher``: the
    moment a one-on-one matchup is played from (both must be in ``setup.players``)."""
    state = new_game(setup)
    lineup = state.away.lineup
    slots = tuple(LineupSlot(batter, slot.position) if i == 0 else slot for i, slot in enumerate(lineup))
    if batter in {slot.player for slot in lineup[1:]}:
        slots = (slots[0], *(LineupSlot(lineup[0].player, s.position) if s.player == batter else s for s in slots[1:]))
    return replace(state, away=replace(state.away, lineup=slots), home=replace(state.home, pitcher=pitcher))


def play_matchup(setup: GameSetup, state: GameState, count: int, dice: Dice) -> Iterator[Play]:
    """``count`` plate appearances from ``state`` (each one from that same moment), with default decisions;
    yields the play that ends each one (wild pitches and passed balls before it are skipped)."""
    for _ in range(count):
        current = state
        while True:
            current, events, _ = apply(setup, current, defaults_for(current), dice)
            plays = [event for event in events if isinstance(event, Play) and event.stats.pa]
            if plays:
                yield plays[-1]
                break


def card_outcomes(setup: GameSetup, state: GameState, count: int, dice: Dice) -> Counter[Outcome]:
    """Card results (before secondary checks) of ``count`` at-bat rolls at ``state``: the column, row and split
    dice of RULES §2 read through :func:`~games.engine.reading.read_card`."""
    counts: Counter[Outcome] = Counter()
    roll, pair = dice.roll, dice.pair
    for _ in range(count):
        column = roll(RollName.COLUMN)
        row = pair(RollName.ROW)
        counts[read_card(setup, state, column, row, roll(RollName.SPLIT)).outcome] += 1
    return counts
