"""Records of applied plays (RULES §13): the stat line and the play event."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum, StrEnum

from games.engine.actions import Decide, DefenseDecision, OffenseDecision
from games.engine.dice import Rolls
from games.engine.enums import Base, Half, InjuryResult, Outcome, PlayType, Position, Side

STAT_FIELDS = (
    "pa",
    "ab",
    "hit",
    "single",
    "double",
    "triple",
    "homerun",
    "bb",
    "ibb",
    "hbp",
    "so",
    "sac",
    "sf",
    "gidp",
    "sb",
    "cs",
    "wild_pitch",
    "passed_ball",
    "pick_off",
    "balk",
    "error",
    "outs",
    "runs",
    "rbi",
    "bphr",
    "bpfo",
    "bp1b",
    "bplo",
)


@dataclass(frozen=True, slots=True)
class StatLine:
    """Counting stats of one play (``sac``: sacrifice bunt, ``sf``: sacrifice fly); ``on_base_code`` is the
    base occupancy before it as a bit mask (1 = R1, 2 = R2, 4 = R3)."""

    pa: int = 0
    ab: int = 0
    hit: int = 0
    single: int = 0
    double: int = 0
    triple: int = 0
    homerun: int = 0
    bb: int = 0
    ibb: int = 0
    hbp: int = 0
    so: int = 0
    sac: int = 0
    sf: int = 0
    gidp: int = 0
    sb: int = 0
    cs: int = 0
    wild_pitch: int = 0
    passed_ball: int = 0
    pick_off: int = 0
    balk: int = 0
    error: int = 0
    outs: int = 0
    runs: int = 0
    rbi: int = 0
    bphr: int = 0
    bpfo: int = 0
    bp1b: int = 0
    bplo: int = 0
    on_base_code: int = 0
    re24: float = 0.0
    wpa: float = 0.0
    in_pow: bool = False
    """The pitcher was fatigued (past his point of weakness) when the play began (RULES §11)."""


class PromptKind(Enum):
    """Why a play stopped for a running decision."""

    UNCAPPED = "uncapped"
    FLYBALL_B = "flyball_b"
    FLYBALL_BQ = "flyball_bq"
    GROUNDBALL_12 = "groundball_12"


@dataclass(frozen=True, slots=True)
class Movement:
    """Where one runner (or the batter, ``start`` 0) went: ``end`` 1-3 a base, 4 scored, 0 out."""

    player: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mismatch:
    """A manual result that differs from the card under the dice (RULES §2, "SBA manual mode"): ``side`` entered
    ``entered`` (at ``entered_fielder``) where the engine reads ``card`` (at ``card_fielder``, None when the card
    prints no fielder, which is then not compared). The play goes as entered; the opponent may dispute it."""

    side: Side
    entered: Outcome
    entered_fielder: Position | None
    card: Outcome
    card_fielder: Position | None


@dataclass(frozen=True, slots=True)
class Draft:
    """A play in progress, frozen while it waits for a running decision."""

    play_type: PlayType
    outcome: Outcome | None
    fielder: Position | None
    bases: tuple[str | None, str | None, str | None]
    origin: tuple[tuple[str, int], ...]
    outs: int
    out_players: tuple[str, ...]
    scored: tuple[str, ...]
    cancel_runs: bool
    errors: int
    stats: tuple[tuple[str, int], ...]
    notes: tuple[str, ...]
    rolls: Rolls
    pa_complete: bool
    rbi_allowed: bool
    hit: bool
    mismatch: Mismatch | None = None


@dataclass(frozen=True, slots=True)
class Injury:
    """An SBA pitcher injury check (RULES §11): the pitcher, the rating called (13 - row, his own pitcher
    injury rating), his injury column (70 for p70 ...), the 3d6 total and the result; ``games`` the games he
    misses after this one (``GAMES`` only); ``table`` the injury table read (games played in the series,
    1-6). REM makes him fatigued; GAMES takes him out of this game."""

    player: str
    rating: int
    column: int
    roll: int
    result: InjuryResult
    games: int = 0
    table: int = 1


@dataclass(frozen=True, slots=True)
class StealNumbers:
    """What decided one runner's steal from ``base`` (`games.engine.steal.steal_numbers`): the pickoff and balk
    check numbers (d20 ≤), whether his lead is automatic (a ``steal_auto`` runner not held), the lead rolls out of
    36 that give a good lead, and the steal d20 number (his ``steal_high`` or ``steal_low`` + the pitcher's
    ``hold`` + the catcher's ``arm``)."""

    runner: str
    base: Base
    pickoff: int
    balk: int
    auto: bool
    jump: int
    steal: int


@dataclass(frozen=True, slots=True)
class Play:
    """One recorded play: what happened, every die rolled (by name, in order), and its stat line."""

    number: int
    inning: int
    half: Half
    batting_side: Side
    batter: str
    pitcher: str
    play_type: PlayType
    outcome: Outcome | None
    fielder: Position | None
    rolls: Rolls
    bases_before: tuple[str | None, str | None, str | None]
    bases_after: tuple[str | None, str | None, str | None]
    outs_before: int
    outs_after: int
    movements: tuple[Movement, ...]
    scored: tuple[str, ...]
    errors: int
    description: str
    stats: StatLine
    score_after: tuple[int, int]
    inning_over: bool
    game_over: bool
    charged: tuple[tuple[str, int], ...] = ()
    """Runs by the pitcher charged with them (the one who put the runner on base)."""
    batting_order: int = 0
    """The batter's place in the order, 1-9."""
    score_before: tuple[int, int] = (0, 0)
    runner: str | None = None
    """The runner a steal, pickoff or caught stealing was about."""
    defender: str | None = None
    """The player fielding ``fielder``."""
    decisions: tuple[DefenseDecision | OffenseDecision | Decide, ...] = field(default=())
    """The decisions in force: the defense's, the offense's, then any running answers."""
    in_pow: bool = False
    """The pitcher was fatigued when the play began: a PD pitcher's card was read fatigued (RULES §11)."""
    injury: Injury | None = None
    """The SBA pitcher injury check this play triggered (column 6, row 7-12, league option ``injuries``)."""
    steal: StealNumbers | None = None
    """The numbers that decided a called steal (RULES §8): the lead runner's pickoff, balk, lead and steal numbers."""
    mismatch: Mismatch | None = None
    """In manual mode: the entered result differed from the card under the dice (the play went as entered)."""

    @property
    def runs(self) -> int:
        return len(self.scored)


class NoticeKind(StrEnum):
    DICE = "dice"
    SEND = "send"
    THROW = "throw"
    PITCHING_CHANGE = "pitching_change"
    SUBSTITUTION = "substitution"
    FORFEIT = "forfeit"


@dataclass(frozen=True, slots=True)
class Notice:
    """A non-play event: dice rolled for a manual submission, a running prompt, a lineup change, a forfeit."""

    kind: NoticeKind
    text: str
    rolls: Rolls = ()


Event = Play | Notice
