"""Enumerations of the rules engine (RULES.md §1-§13).

Members of the plain enums equal only themselves, so they hash by identity (faster than ``Enum.__hash__``).
"""

from __future__ import annotations

from enum import Enum, IntEnum


class Half(Enum):
    __hash__ = object.__hash__

    TOP = "top"
    BOTTOM = "bottom"


class Side(Enum):
    """A team by its place in the game: the away team bats in the top half."""

    __hash__ = object.__hash__

    AWAY = "away"
    HOME = "home"

    @property
    def other(self) -> Side:
        return Side.HOME if self is Side.AWAY else Side.AWAY


class Hand(Enum):
    __hash__ = object.__hash__

    LEFT = "L"
    RIGHT = "R"
    SWITCH = "S"


class Base(IntEnum):
    """A runner named by the base he occupies when the play starts (R1, R2, R3)."""

    FIRST = 1
    SECOND = 2
    THIRD = 3

    @property
    def label(self) -> str:
        return f"R{self.value}"

    @classmethod
    def from_label(cls, label: str) -> Base:
        """The runner named R1, R2 or R3.

        >>> Base.from_label("R2")
        <Base.SECOND: 2>
        """
        if label in ("R1", "R2", "R3"):
            return cls(int(label[1]))
        raise ValueError(f"unknown runner {label!r}: use R1, R2 or R3")


class Position(Enum):
    __hash__ = object.__hash__

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

    @property
    def is_outfield(self) -> bool:
        return self in OUTFIELD

    @property
    def is_infield(self) -> bool:
        return self in INFIELD


P, C, B1, B2, B3, SS = (
    Position.P,
    Position.C,
    Position.FIRST_BASE,
    Position.SECOND_BASE,
    Position.THIRD_BASE,
    Position.SHORTSTOP,
)
LF, CF, RF = Position.LEFT_FIELD, Position.CENTER_FIELD, Position.RIGHT_FIELD
OUTFIELD = frozenset({Position.LEFT_FIELD, Position.CENTER_FIELD, Position.RIGHT_FIELD})
INFIELD = frozenset(
    {Position.P, Position.C, Position.FIRST_BASE, Position.SECOND_BASE, Position.THIRD_BASE, Position.SHORTSTOP}
)
FIELDING_POSITIONS = tuple(p for p in Position if p is not Position.DH)


class Outcome(Enum):
    """A card result (RULES §2) or a defensive-decision result."""

    __hash__ = object.__hash__

    HOMERUN = "HOMERUN"
    BP_HOMERUN = "BP_HOMERUN"
    TRIPLE = "TRIPLE"
    DOUBLE_3 = "DOUBLE_3"
    DOUBLE_2 = "DOUBLE_2"
    DOUBLE_UNCAPPED = "DOUBLE_UNCAPPED"
    SINGLE_2 = "SINGLE_2"
    SINGLE_1 = "SINGLE_1"
    SINGLE_UNCAPPED = "SINGLE_UNCAPPED"
    BP_SINGLE = "BP_SINGLE"
    HIT_BY_PITCH = "HIT_BY_PITCH"
    WALK = "WALK"
    INTENTIONAL_WALK = "INTENTIONAL_WALK"
    STRIKEOUT = "STRIKEOUT"
    LINEOUT = "LINEOUT"
    POPOUT = "POPOUT"
    FLYBALL_A = "FLYBALL_A"
    FLYBALL_BQ = "FLYBALL_BQ"
    FLYBALL_B = "FLYBALL_B"
    FLYBALL_C = "FLYBALL_C"
    GROUNDBALL_A = "GROUNDBALL_A"
    GROUNDBALL_B = "GROUNDBALL_B"
    GROUNDBALL_C = "GROUNDBALL_C"
    X_CHECK = "X_CHECK"


GROUNDBALLS = frozenset({Outcome.GROUNDBALL_A, Outcome.GROUNDBALL_B, Outcome.GROUNDBALL_C})
FLYBALLS = frozenset({Outcome.FLYBALL_A, Outcome.FLYBALL_B, Outcome.FLYBALL_BQ, Outcome.FLYBALL_C})


class PlayType(Enum):
    """The primary type of a recorded play."""

    __hash__ = object.__hash__

    AT_BAT = "AT_BAT"
    INTENTIONAL_WALK = "INTENTIONAL_WALK"
    WILD_PITCH = "WILD_PITCH"
    PASSED_BALL = "PASSED_BALL"
    STOLEN_BASE = "STOLEN_BASE"
    CAUGHT_STEALING = "CAUGHT_STEALING"
    PICKOFF = "PICKOFF"
    BALK = "BALK"
    STEAL_CALLED_OFF = "STEAL_CALLED_OFF"
    SACRIFICE_BUNT = "SACRIFICE_BUNT"


class InfieldDepth(Enum):
    __hash__ = object.__hash__

    NORMAL = "normal"
    IN = "in"
    CORNERS_IN = "corners_in"


class ResolutionMode(Enum):
    """AUTO: the engine reads numeric cards (PD). MANUAL: a player submits the printed result (SBA)."""

    __hash__ = object.__hash__

    AUTO = "auto"
    MANUAL = "manual"


class Phase(Enum):
    """Whose turn it is and for what."""

    __hash__ = object.__hash__

    DEFENSE = "defense"
    OFFENSE = "offense"
    ROLL = "roll"
    SUBMIT_OUTCOME = "submit_outcome"
    SEND = "send"
    THROW = "throw"
    GAME_OVER = "game_over"


class GroundballResult(IntEnum):
    """Groundball chart result numbers (RULES §5.2)."""

    BATTER_OUT_RUNNERS_HOLD = 1
    DOUBLE_PLAY_AT_SECOND = 2
    BATTER_OUT_RUNNERS_ADVANCE = 3
    FORCE_AT_SECOND_BATTER_SAFE = 4
    ADVANCE_IF_MIDDLE_INFIELD = 5
    ADVANCE_IF_RIGHT_SIDE = 6
    BATTER_OUT_FORCED_ADVANCE = 7
    BATTER_OUT_FORCED_ADVANCE_8 = 8
    BATTER_OUT_TRAILING_ADVANCE = 9
    DOUBLE_PLAY_HOME_TO_FIRST = 10
    LEAD_RUNNER_FORCED_BATTER_SAFE = 11
    BATTER_OUT_LEAD_RUNNER_DECIDES = 12
    DOUBLE_PLAY_BY_LOCATION = 13


class XCheckResult(Enum):
    """Base results of the X-check range chart (RULES §6)."""

    __hash__ = object.__hash__

    G1 = "G1"
    G2 = "G2"
    G3 = "G3"
    G2_HASH = "G2#"
    G3_HASH = "G3#"
    SI1 = "SI1"
    SI2 = "SI2"
    DO2 = "DO2"
    DO3 = "DO3"
    TR3 = "TR3"
    F1 = "F1"
    F2 = "F2"
    F3 = "F3"
    PO = "PO"
    FO = "FO"
    SPD = "SPD"


class RollName(Enum):
    """Named rolls (RULES §1). Pair rolls keep their two dice apart; `error` and `injury` are 3d6 totals."""

    __hash__ = object.__hash__

    COLUMN = "column"
    ROW = "row"
    SPLIT = "split"
    CHAOS = "chaos"
    CHECK = "check"
    RANGE = "range"
    ERROR = "error"
    RARE = "rare"
    LOCATION = "location"
    JUMP_CHECK = "jump_check"
    LEAD = "lead"
    STEAL = "steal"
    INJURY = "injury"


PAIR_ROLLS = frozenset({RollName.ROW, RollName.LEAD})
THREE_D6_ROLLS = frozenset({RollName.ERROR, RollName.INJURY})
ROLL_SIDES: dict[RollName, int] = {
    RollName.COLUMN: 6,
    RollName.ROW: 6,
    RollName.SPLIT: 20,
    RollName.CHAOS: 20,
    RollName.CHECK: 20,
    RollName.RANGE: 20,
    RollName.ERROR: 6,
    RollName.RARE: 100,
    RollName.LOCATION: 20,
    RollName.JUMP_CHECK: 20,
    RollName.LEAD: 6,
    RollName.STEAL: 20,
    RollName.INJURY: 6,
}


class PitcherRole(Enum):
    """How the current pitcher's fatigue is judged (RULES §11): the game's starter by his S rating, a reliever
    by his R rating, a reliever who entered in a closer situation with a C rating by that."""

    __hash__ = object.__hash__

    STARTER = "starter"
    RELIEVER = "reliever"
    CLOSER = "closer"


class InjuryResult(Enum):
    """An SBA injury check (RULES §11): no injury, out for the rest of the game, or out for a number of games."""

    __hash__ = object.__hash__

    OK = "OK"
    REM = "REM"
    GAMES = "games"
