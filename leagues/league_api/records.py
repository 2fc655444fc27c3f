"""Frozen records the league parsers produce, and the problems they report.

Records hold what the importer needs from one API object; unknown keys are dropped by the parsers. Chance values
are `Decimal`s already normalised to 0.05 steps summing to 108 (RULES.md §2).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Generic, TypeVar

from games.engine.enums import Hand as Hand  # the engine's hands, re-exported for the parsers
from games.engine.enums import Position

T = TypeVar("T")


class LeagueCode(enum.StrEnum):
    PD = "pd"
    SBA = "sba"


class Severity(enum.StrEnum):
    """ERROR drops the record; ADJUSTMENT (a §2 normalisation) and NOTE keep it."""

    ERROR = "error"
    ADJUSTMENT = "adjustment"
    NOTE = "note"


@dataclass(frozen=True)
class ImportProblem:
    """One finding about one record: where it came from, which record (by its league id) and which field."""

    source: str
    record_id: str | None
    field: str | None
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = "/".join(part for part in (self.record_id, self.field) if part)
        return f"{self.severity} {self.source}{f'[{where}]' if where else ''}: {self.message}"


@dataclass(frozen=True)
class ParseBatch(Generic[T]):
    """The good records of one payload and the problems of the bad ones (plus the notes of the good ones)."""

    records: tuple[T, ...] = ()
    problems: tuple[ImportProblem, ...] = ()

    @property
    def errors(self) -> tuple[ImportProblem, ...]:
        return tuple(problem for problem in self.problems if problem.severity is Severity.ERROR)


class Grade(enum.StrEnum):
    """Bunting and hit-and-run grades."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"


class LeaguePosition(enum.StrEnum):
    """Every position code either league sends: the engine's positions (same names and values: the fielders and DH),
    then pitcher roles and SBA's generic OF."""

    P = "P"
    C = "C"
    FIRST_BASE = "1B"
    SECOND_BASE = "2B"
    THIRD_BASE = "3B"
    SHORTSTOP = "SS"
    LEFT_FIELD = "LF"
    CENTER_FIELD = "CF"
    RIGHT_FIELD = "RF"
    DH = "DH"
    OF = "OF"
    SP = "SP"
    RP = "RP"
    CP = "CP"


# Positions a card has fielding rows for: the engine's positions (the fielders and DH).
CARD_POSITIONS: frozenset[LeaguePosition] = frozenset(LeaguePosition(position.value) for position in Position)


# ---------------------------------------------------------------- PD


@dataclass(frozen=True)
class PdCardsetRecord:
    id: int
    name: str
    description: str | None
    event: str | None
    for_purchase: bool | None
    total_cards: int | None
    in_packs: bool | None
    ranked_legal: bool | None


@dataclass(frozen=True)
class PdRarityRecord:
    """`id` is the row id; `value` (0-5) is the rarity level. They differ (API_SHAPES.md PD-1)."""

    id: int
    value: int | None
    name: str | None
    color: str | None


@dataclass(frozen=True)
class PdMlbPlayerRecord:
    id: int
    first_name: str | None
    last_name: str | None
    key_fangraphs: int | None
    key_bbref: str | None
    key_retro: str | None
    key_mlbam: int | None
    offense_col: int | None


@dataclass(frozen=True)
class PdPlayerRecord:
    """One PD player (a card design in a cardset), keyed by `player_id`. FK objects are None under short output."""

    player_id: int
    name: str
    cost: int | None
    image: str | None
    image2: str | None
    mlbclub: str | None
    franchise: str | None
    cardset_id: int
    cardset: PdCardsetRecord | None
    set_num: int | None
    rarity_id: int | None
    rarity: PdRarityRecord | None
    positions: tuple[LeaguePosition, ...]
    headshot: str | None
    vanity_card: str | None
    strat_code: str | None
    bbref_id: str | None
    fangr_id: str | None
    description: str | None
    quantity: int | None
    mlbplayer_id: int | None
    mlbplayer: PdMlbPlayerRecord | None


@dataclass(frozen=True)
class PdRatingRow:
    """One split of a card (vs the opposing hand), keyed by (card id, vs_hand). `chances` is in canonical order."""

    id: int | None
    vs_hand: Hand
    chances: tuple[tuple[str, Decimal], ...]
    pull_rate: Decimal | None = None
    center_rate: Decimal | None = None
    slap_rate: Decimal | None = None
    avg: Decimal | None = None
    obp: Decimal | None = None
    slg: Decimal | None = None

    def chance(self, name: str) -> Decimal:
        """The chances of one rating field; 0 for an optional field the payload left out."""
        return dict(self.chances).get(name, Decimal(0))

    @property
    def total(self) -> Decimal:
        return sum((value for _, value in self.chances), Decimal(0))


@dataclass(frozen=True)
class SituationalRatings:
    """A batter's baserunning and situational hitting: speed, steal numbers and jump, bunt and hit-and-run grades.

    `steal_high` is the d20 number stealing second, `steal_low` stealing third; `steal_jump` is a multiple of 1/36.
    """

    running: int | None
    steal_low: int | None
    steal_high: int | None
    steal_auto: bool
    steal_jump: Decimal | None
    bunting: Grade | None
    hit_and_run: Grade | None


@dataclass(frozen=True)
class PdBattingCardRecord:
    """A batting card (`battingcard.id`) with its rows against left- and right-handed pitchers."""

    id: int
    player_id: int
    player: PdPlayerRecord | None
    variant: int
    hand: Hand
    situational: SituationalRatings
    offense_col: int | None
    vs_left: PdRatingRow
    vs_right: PdRatingRow
    notes: tuple[ImportProblem, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class PdPitchingCardRecord:
    """A pitching card (`pitchingcard.id`) with its rows against left- and right-handed batters."""

    id: int
    player_id: int
    player: PdPlayerRecord | None
    variant: int
    hand: Hand
    balk: int | None
    wild_pitch: int | None
    hold: int | None
    starter_rating: int | None
    relief_rating: int | None
    closer_rating: int | None
    batting: str | None
    offense_col: int | None
    vs_left: PdRatingRow
    vs_right: PdRatingRow
    notes: tuple[ImportProblem, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class PdPositionRecord:
    """One defensive position of a card, keyed by (player_id, variant, position); row ids are not stable."""

    id: int | None
    player_id: int
    variant: int
    position: LeaguePosition
    innings: int | None
    range: int
    error: int
    arm: int | None
    pb: int | None
    overthrow: int | None


# ---------------------------------------------------------------- SBA


@dataclass(frozen=True)
class SbaManagerRecord:
    id: int
    name: str | None
    image: str | None
    headline: str | None
    bio: str | None


@dataclass(frozen=True)
class SbaDivisionRecord:
    id: int
    division_name: str | None
    division_abbrev: str | None
    league_name: str | None
    league_abbrev: str | None
    season: int | None


@dataclass(frozen=True)
class SbaTeamRecord:
    """One SBA team in one season, keyed by `id`. `gmid`s are Discord snowflakes kept as strings."""

    id: int
    abbrev: str
    sname: str | None
    lname: str | None
    season: int | None
    gmid: str | None
    gmid2: str | None
    manager1_id: int | None
    manager1: SbaManagerRecord | None
    manager2_id: int | None
    manager2: SbaManagerRecord | None
    division_id: int | None
    division: SbaDivisionRecord | None
    stadium: str | None
    thumbnail: str | None
    color: str | None
    dice_color: str | None
    salary_cap: Decimal | None


@dataclass(frozen=True)
class SbaPersonRecord:
    """`sbaplayer`: one real player across seasons."""

    id: int
    first_name: str | None
    last_name: str | None
    key_fangraphs: int | None
    key_bbref: str | None
    key_retro: str | None
    key_mlbam: int | None


@dataclass(frozen=True)
class SbaPlayerRecord:
    """One SBA player in one season, keyed by `id`; `sbaplayer_id` links the seasons of one person."""

    id: int
    name: str
    season: int | None
    team_id: int | None
    team: SbaTeamRecord | None
    wara: Decimal | None
    image: str | None
    image2: str | None
    pitcher_injury: int | None
    positions: tuple[LeaguePosition, ...]
    last_game: str | None
    last_game2: str | None
    il_return: str | None
    demotion_week: int | None
    headshot: str | None
    vanity_card: str | None
    strat_code: str | None
    bbref_id: str | None
    injury_rating: str | None
    sbaplayer_id: int | None
    sbaplayer: SbaPersonRecord | None
    notes: tuple[ImportProblem, ...] = field(default=(), compare=False)


class RosterSection(enum.StrEnum):
    """Roster sections; which IL section is which is unconfirmed (API_SHAPES.md SBA-3), so names are kept."""

    ACTIVE = "active"
    SHORT_IL = "shortil"
    LONG_IL = "longil"


class RosterWhich(enum.StrEnum):
    CURRENT = "current"
    NEXT = "next"


@dataclass(frozen=True)
class SbaRosterRecord:
    """One section of a team's roster: per-position counts, its WARa total and its players."""

    team_id: int
    section: RosterSection
    position_counts: tuple[tuple[LeaguePosition, int], ...]
    wara_total: Decimal | None
    players: tuple[SbaPlayerRecord, ...]
