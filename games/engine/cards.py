"""Player cards (RULES §2): PD numeric ratings per split, precomputed into 2160-entry outcome tables.

A split's table has one entry per sub-chance, ``index = ((column-1) mod 3)·720 + ((die1-1)·6 + (die2-1))·20
+ (split-1)`` (:func:`dice_index`), filled by walking :data:`CARD_FIELDS` in order, each field taking
``chances x 20`` entries.

>>> card = PitcherCard.from_fields({"hand": "R"}, {"strikeout": 100.0, "walk": 8.0})
>>> card.vs_left.read(1, 1, 1, 1)
CardResult(outcome=<Outcome.WALK: 'WALK'>, fielder=None)
>>> card.vs_left.read(3, 6, 6, 20).outcome
<Outcome.STRIKEOUT: 'STRIKEOUT'>
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple, Protocol

from games.engine.enums import CF, LF, RF, Hand, Outcome, Position

SUB_CHANCES = 2160
TOTAL_CHANCES = 108
SUB_CHANCES_PER_CHANCE = 20
"""Sub-chances per chance: one per ``split`` d20 face."""
COLUMN_SUB_CHANCES = 720
"""Sub-chances per card column: 36 ordered 2d6 pairs x 20."""


def dice_index(column: int, row: tuple[int, int], split: int) -> int:
    """The sub-chance the at-bat dice pick on the card they read (RULES §2; columns 1-3 read the batter's card,
    4-6 the pitcher's, each at its column modulo 3): the one reading of dice into a card's 2160 entries.

    >>> dice_index(1, (1, 1), 1), dice_index(4, (1, 2), 3), dice_index(6, (6, 6), 20)
    (0, 22, 2159)
    """
    die1, die2 = row
    return (
        ((column - 1) % 3) * COLUMN_SUB_CHANCES + ((die1 - 1) * 6 + (die2 - 1)) * SUB_CHANCES_PER_CHANCE + (split - 1)
    )


Chances = Mapping[str, float | Decimal]
"""One split's chances by PD field name."""


class CardResult(NamedTuple):
    """What one sub-chance reads: an outcome and the fielder printed with it (None: not printed)."""

    outcome: Outcome
    fielder: Position | None


CARD_FIELDS: tuple[tuple[str, Outcome, Position | None], ...] = (
    ("homerun", Outcome.HOMERUN, None),
    ("bp_homerun", Outcome.BP_HOMERUN, None),
    ("triple", Outcome.TRIPLE, None),
    ("double_three", Outcome.DOUBLE_3, None),
    ("double_two", Outcome.DOUBLE_2, None),
    ("double_pull", Outcome.DOUBLE_2, None),
    ("double_cf", Outcome.DOUBLE_UNCAPPED, CF),
    ("single_two", Outcome.SINGLE_2, None),
    ("single_one", Outcome.SINGLE_1, None),
    ("single_center", Outcome.SINGLE_UNCAPPED, CF),
    ("bp_single", Outcome.BP_SINGLE, None),
    ("hbp", Outcome.HIT_BY_PITCH, None),
    ("walk", Outcome.WALK, None),
    ("strikeout", Outcome.STRIKEOUT, None),
    ("lineout", Outcome.LINEOUT, None),
    ("popout", Outcome.POPOUT, None),
    ("flyout_a", Outcome.FLYBALL_A, None),
    ("flyout_bq", Outcome.FLYBALL_BQ, None),
    ("flyout_lf_b", Outcome.FLYBALL_B, LF),
    ("flyout_cf_b", Outcome.FLYBALL_B, CF),
    ("flyout_rf_b", Outcome.FLYBALL_B, RF),
    ("groundout_a", Outcome.GROUNDBALL_A, None),
    ("groundout_b", Outcome.GROUNDBALL_B, None),
    ("groundout_c", Outcome.GROUNDBALL_C, None),
    ("xcheck_p", Outcome.X_CHECK, Position.P),
    ("xcheck_c", Outcome.X_CHECK, Position.C),
    ("xcheck_1b", Outcome.X_CHECK, Position.FIRST_BASE),
    ("xcheck_2b", Outcome.X_CHECK, Position.SECOND_BASE),
    ("xcheck_3b", Outcome.X_CHECK, Position.THIRD_BASE),
    ("xcheck_ss", Outcome.X_CHECK, Position.SHORTSTOP),
    ("xcheck_lf", Outcome.X_CHECK, LF),
    ("xcheck_cf", Outcome.X_CHECK, CF),
    ("xcheck_rf", Outcome.X_CHECK, RF),
)
"""Canonical order of the PD rating fields: (field, outcome, printed fielder). ``double_pull`` goes to the
batter's pull field."""

_FIELD_NAMES = tuple(name for name, _, _ in CARD_FIELDS)
BATTER_ONLY = frozenset({"double_pull", "flyout_a", "flyout_bq", "groundout_c"})
PITCHER_ONLY = frozenset({"double_cf", "flyout_cf_b"} | {name for name in _FIELD_NAMES if name.startswith("xcheck_")})
BATTER_FIELDS = frozenset(_FIELD_NAMES) - PITCHER_ONLY
PITCHER_FIELDS = frozenset(_FIELD_NAMES) - BATTER_ONLY
OUT_FIELDS = (
    "strikeout",
    "lineout",
    "popout",
    "flyout_a",
    "flyout_bq",
    "flyout_lf_b",
    "flyout_cf_b",
    "flyout_rf_b",
    "groundout_a",
    "groundout_b",
    "groundout_c",
)


def pull_field(side: Hand) -> Position:
    """A right-handed batter pulls to LF, a left-handed one to RF."""
    return LF if side is Hand.RIGHT else RF


def batting_side(batter_hand: Hand, pitcher_hand: Hand) -> Hand:
    """A switch hitter bats from the side opposite the pitcher's throwing hand.

    >>> batting_side(Hand.SWITCH, Hand.RIGHT)
    <Hand.LEFT: 'L'>
    """
    if batter_hand is Hand.SWITCH:
        return Hand.LEFT if pitcher_hand is Hand.RIGHT else Hand.RIGHT
    return batter_hand


def _number(value: object) -> float | None:
    """A chance or fraction value as a float (ints, floats, Decimals); None when it is not a number."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    return float(value)


_FIELD_SET = frozenset(_FIELD_NAMES)


def _sub_chances(card: str, ratings: Mapping[str, object], allowed: frozenset[str]) -> tuple[dict[str, int], float]:
    units: dict[str, int] = {}
    for name, value in ratings.items():
        if name not in _FIELD_SET:
            raise ValueError(f"{card}: unknown rating field {name!r}")
        number = value if type(value) is float else _number(value)
        if number is None or number < 0:
            raise ValueError(f"{card}: {name} must be a non-negative number of chances, got {value!r}")
        if number and name not in allowed:
            raise ValueError(f"{card}: {name} does not belong on this kind of card")
        units[name] = round(number * 20)
    units_total = sum(units.values())
    total = units_total / 20
    if abs(total - TOTAL_CHANCES) > 0.5 + 1e-9:
        raise ValueError(f"{card}: chances sum to {total:g}, not {TOTAL_CHANCES}")
    residue = SUB_CHANCES - units_total
    if residue:
        outs = [name for name in OUT_FIELDS if units.get(name, 0) > 0]
        if not outs:
            raise ValueError(f"{card}: chances sum to {total:g}, and there is no out result to adjust")
        largest = max(outs, key=lambda name: units[name])
        if units[largest] + residue < 0:
            raise ValueError(f"{card}: chances sum to {total:g}, not {TOTAL_CHANCES}")
        units[largest] += residue
    return units, residue / 20


FATIGUE_SHARE = 5
"""A fatigued pitcher reads one in five (20 %) of each out result's sub-chances as SINGLE_2 (RULES §11)."""
FATIGUE_HIT = CardResult(Outcome.SINGLE_2, None)


def fatigued_table(chances: tuple[tuple[str, float], ...], table: tuple[CardResult, ...]) -> tuple[CardResult, ...]:
    """``table`` as a fatigued pitcher reads it: the first ``count // 5`` sub-chances of each out result
    (:data:`OUT_FIELDS`, canonical order) become SINGLE_2 (a share that is not a whole number of sub-chances
    rounds down)."""
    fatigued = list(table)
    start = 0
    for name, value in chances:
        count = round(value * 20)
        if name in OUT_FIELDS:
            fatigued[start : start + count // FATIGUE_SHARE] = [FATIGUE_HIT] * (count // FATIGUE_SHARE)
        start += count
    return tuple(fatigued)


_BUILD_PLAN: tuple[tuple[str, CardResult | None, bool], ...] = tuple(
    (name, None if name == "double_pull" else CardResult(outcome, fielder), name in OUT_FIELDS)
    for name, outcome, fielder in CARD_FIELDS
)
""":data:`CARD_FIELDS` as :meth:`SplitCard.build` walks it: (field, its shared result — None for the pull double,
whose fielder is the batter's pull field —, whether a fatigued pitcher turns part of it)."""
_FIELD_PLAN = {name: (result, is_out) for name, result, is_out in _BUILD_PLAN}
_FIELD_INDEX = {name: index for index, (name, _, _) in enumerate(_BUILD_PLAN)}
_PULL_RESULTS: dict[Position | None, CardResult] = {
    fielder: CardResult(Outcome.DOUBLE_2, fielder) for fielder in (None, *Position)
}


@dataclass(frozen=True, slots=True)
class SplitCard:
    """One split (vs LHP/LHB or vs RHP/RHB) of a card: its chances and the precomputed outcome tables, fresh
    and fatigued (:func:`fatigued_table`, derived when not given; a split from :meth:`build` builds both on
    the first read of either, see :class:`_Table`). ``adjustment`` is the chances added to (or taken from) the
    largest out result on import."""

    chances: tuple[tuple[str, float], ...]
    table: tuple[CardResult, ...] = field(repr=False)
    adjustment: float = 0.0
    fatigued: tuple[CardResult, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.fatigued:
            object.__setattr__(self, "fatigued", fatigued_table(self.chances, self.table))

    @classmethod
    def build(cls, card: str, ratings: Chances, allowed: frozenset[str], pull: Position | None = None) -> SplitCard:
        """The split of ``ratings`` (checked and adjusted now; its tables are built on first read, equal to the
        ones built at once: ``card``'s fields in canonical order, each taking ``chances x 20`` sub-chances)."""
        units, adjustment = _sub_chances(card, ratings, allowed)
        return cls._of_units(((name, units[name]) for name in _FIELD_NAMES if units.get(name)), adjustment, pull)

    @classmethod
    def of_chances(cls, chances: Sequence[Sequence[Any]], adjustment: float, pull: Position | None = None) -> SplitCard:
        """The split whose (already checked and adjusted) ``chances`` a built split holds, as (field, chances)
        pairs in canonical order: what a stored setup decodes to (:func:`games.engine.serialize.setup_from_dict`),
        equal to the split :meth:`build` made. Raises ValueError for an unknown field or another order."""
        units: list[tuple[str, int]] = []
        last = -1
        for name, value in chances:
            index = _FIELD_INDEX.get(name, -1)
            if index <= last:
                raise ValueError(f"{name!r} is not a rating field in canonical order")
            last = index
            units.append((name, round(value * 20)))
        return cls._of_units(units, adjustment, pull)

    @classmethod
    def _of_units(cls, units: Iterable[tuple[str, int]], adjustment: float, pull: Position | None) -> SplitCard:
        """The split of non-zero sub-chance counts by field, in canonical order."""
        chances: list[tuple[str, float]] = []
        runs: list[tuple[CardResult, int, bool]] = []
        for name, count in units:
            result, is_out = _FIELD_PLAN[name]
            if result is None:
                result = _PULL_RESULTS.get(pull) or CardResult(Outcome.DOUBLE_2, pull)
            runs.append((result, count, is_out))
            chances.append((name, count / 20))
        split = object.__new__(cls)
        pending = _Unbuilt(runs)
        setter = object.__setattr__
        setter(split, "chances", tuple(chances))
        setter(split, "table", pending)
        setter(split, "adjustment", adjustment)
        setter(split, "fatigued", pending)
        return split

    def read(self, column: int, die1: int, die2: int, split: int) -> CardResult:
        """The card result under the dice (column 1-6 read modulo 3)."""
        return self.table[dice_index(column, (die1, die2), split)]

    def read_fatigued(self, column: int, die1: int, die2: int, split: int) -> CardResult:
        """The result under the dice when a fatigued pitcher's card is read."""
        return self.fatigued[dice_index(column, (die1, die2), split)]

    def share(self, outcome: Outcome) -> int:
        """How many of the 2160 sub-chances read ``outcome``."""
        return sum(1 for result in self.table if result.outcome is outcome)


class _Unbuilt:
    """What a split from :meth:`SplitCard.build` holds in its table slots until one is first read: its runs
    of (shared result, sub-chances, whether a fatigued pitcher turns part of it), in canonical order."""

    __slots__ = ("runs",)

    def __init__(self, runs: list[tuple[CardResult, int, bool]]) -> None:
        self.runs = runs

    def tables(self) -> tuple[tuple[CardResult, ...], tuple[CardResult, ...]]:
        """The fresh table and the fatigued one (as :func:`fatigued_table` derives it)."""
        table: list[CardResult] = []
        tired: list[tuple[int, int]] = []
        start = 0
        for result, count, is_out in self.runs:
            table += [result] * count
            if is_out and count >= FATIGUE_SHARE:
                tired.append((start, count // FATIGUE_SHARE))
            start += count
        fatigued = table.copy()
        for first, hits in tired:
            fatigued[first : first + hits] = [FATIGUE_HIT] * hits
        return tuple(table), tuple(fatigued)


class _Slot(Protocol):
    def __get__(self, instance: object, owner: type | None = None) -> object: ...
    def __set__(self, instance: object, value: object) -> None: ...


class _Table:
    """``SplitCard.table`` / ``.fatigued``: the dataclass slot, filled (both tables at once) on the first read
    of a split whose tables :meth:`SplitCard.build` left unbuilt. Every reader (``read``, ``share``, equality,
    hashing, pickling, ``dataclasses.replace``) goes through here and sees the tuple."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.slot: _Slot = getattr(SplitCard, name)

    def __get__(self, split: SplitCard | None, owner: type | None = None) -> Any:
        if split is None:
            return self
        value = self.slot.__get__(split, owner)
        if type(value) is _Unbuilt:
            table, fatigued = value.tables()
            _TABLE.slot.__set__(split, table)
            _FATIGUED.slot.__set__(split, fatigued)
            value = table if self is _TABLE else fatigued
        return value

    def __set__(self, split: SplitCard, value: object) -> None:
        self.slot.__set__(split, value)


_TABLE = _Table("table")
_FATIGUED = _Table("fatigued")
setattr(SplitCard, "table", _TABLE)  # noqa: B010 - replaces the slot's descriptor after the dataclass is made
setattr(SplitCard, "fatigued", _FATIGUED)  # noqa: B010


def _hand(value: object, allowed: tuple[Hand, ...], card: str) -> Hand:
    try:
        hand = Hand(value)
    except ValueError:
        hand = None
    if hand not in allowed:
        raise ValueError(f"{card}: hand must be one of {', '.join(h.value for h in allowed)}, got {value!r}")
    assert hand is not None
    return hand


def _int(fields: Mapping[str, object], name: str, default: int) -> int:
    value = fields.get(name, default)
    if value is None:
        return default
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{name} must be an integer, got {value!r}")
    return value


def _optional_int(fields: Mapping[str, object], name: str) -> int | None:
    return None if fields.get(name) is None else _int(fields, name, 0)


@dataclass(frozen=True, slots=True)
class BatterCard:
    """A batting card: ``vs_left`` is read against left-handed pitchers, ``vs_right`` against right-handed."""

    hand: Hand
    vs_left: SplitCard
    vs_right: SplitCard
    running: int = 12
    steal_auto: bool = False
    steal_jump: float = 0.0
    steal_high: int = 0
    steal_low: int = 0
    bunting: str = "C"
    hit_and_run: str = "C"

    @classmethod
    def from_fields(
        cls,
        fields: Mapping[str, object],
        vs_left: Chances,
        vs_right: Chances | None = None,
    ) -> BatterCard:
        """Build from PD field names: card-level ``fields`` (``hand`` or ``bat_hand``; None or "" means the
        default) and the chance mappings of each split (``vs_right`` defaults to ``vs_left``; numbers or
        Decimals). Raises ValueError naming the bad field or sum."""
        hand = _hand(fields.get("hand") or fields.get("bat_hand") or "R", tuple(Hand), "batting card")
        side_vs_left = batting_side(hand, Hand.LEFT)
        side_vs_right = batting_side(hand, Hand.RIGHT)
        steal_jump = _number(fields.get("steal_jump") or 0.0)
        if steal_jump is None or not 0 <= steal_jump <= 1:
            raise ValueError(f"steal_jump must be between 0 and 1, got {steal_jump!r}")
        grades = {}
        for name in ("bunting", "hit_and_run"):
            grade = fields.get(name) or "C"
            if grade not in ("A", "B", "C", "D"):
                raise ValueError(f"{name} must be A, B, C or D, got {grade!r}")
            grades[name] = str(grade)
        return cls(
            hand=hand,
            vs_left=SplitCard.build("batting card vs LHP", vs_left, BATTER_FIELDS, pull_field(side_vs_left)),
            vs_right=SplitCard.build(
                "batting card vs RHP",
                vs_left if vs_right is None else vs_right,
                BATTER_FIELDS,
                pull_field(side_vs_right),
            ),
            running=_int(fields, "running", 12),
            steal_auto=bool(fields.get("steal_auto", False)),
            steal_jump=steal_jump,
            steal_high=_int(fields, "steal_high", 0),
            steal_low=_int(fields, "steal_low", 0),
            bunting=grades["bunting"],
            hit_and_run=grades["hit_and_run"],
        )

    def split(self, pitcher_hand: Hand) -> SplitCard:
        return self.vs_left if pitcher_hand is Hand.LEFT else self.vs_right


@dataclass(frozen=True, slots=True)
class PitcherCard:
    """A pitching card: ``vs_left`` is read against left-handed batters, ``vs_right`` against right-handed."""

    hand: Hand
    vs_left: SplitCard
    vs_right: SplitCard
    hold: int = 0
    balk: int = 0
    wild_pitch: int = 0
    starter_rating: int | None = None
    relief_rating: int | None = None
    closer_rating: int | None = None

    @classmethod
    def from_fields(
        cls,
        fields: Mapping[str, object],
        vs_left: Chances,
        vs_right: Chances | None = None,
    ) -> PitcherCard:
        """Build from PD field names (see :meth:`BatterCard.from_fields`)."""
        return cls(
            hand=_hand(fields.get("hand") or fields.get("throw_hand") or "R", (Hand.LEFT, Hand.RIGHT), "pitching card"),
            vs_left=SplitCard.build("pitching card vs LHB", vs_left, PITCHER_FIELDS),
            vs_right=SplitCard.build("pitching card vs RHB", vs_left if vs_right is None else vs_right, PITCHER_FIELDS),
            hold=_int(fields, "hold", 0),
            balk=_int(fields, "balk", 0),
            wild_pitch=_int(fields, "wild_pitch", 0),
            starter_rating=_optional_int(fields, "starter_rating"),
            relief_rating=_optional_int(fields, "relief_rating"),
            closer_rating=_optional_int(fields, "closer_rating"),
        )

    def split(self, batter_side: Hand) -> SplitCard:
        return self.vs_left if batter_side is Hand.LEFT else self.vs_right


@dataclass(frozen=True, slots=True)
class FielderRating:
    """Defense at one position: range 1-5 (1 best), error rating, arm (negative = strong), catcher's
    passed-ball and throwing ratings."""

    range: int = 3
    error: int = 10
    arm: int = 0
    passed_ball: int = 0
    throwing: int = 0

    def __post_init__(self) -> None:
        if not 1 <= self.range <= 5:
            raise ValueError(f"range must be 1-5, got {self.range}")
        if self.error < 0:
            raise ValueError(f"error rating must be non-negative, got {self.error}")

    @classmethod
    def from_fields(cls, fields: Mapping[str, object]) -> FielderRating:
        """From the PD position-rating names; other keys (position, innings, ...) are ignored, None means
        the default."""
        return cls(
            range=_int(fields, "range", 3),
            error=_int(fields, "error", 10),
            arm=_int(fields, "arm", 0),
            passed_ball=_int(fields, "passed_ball", 0),
            throwing=_int(fields, "throwing", 0),
        )
