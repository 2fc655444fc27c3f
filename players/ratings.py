"""PD rating field names and card checks: pure Python (no Django), shared by models, importers, the demo
generator and the engine adapter.

Field lists follow the canonical order of RULES.md §2. Chance values are `Decimal`s (or anything `Decimal(str(x))`
accepts); every check returns `{field: message}` so callers can name the offending field.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

CHANCES_PER_CARD = Decimal("108")
CHANCE_STEP = Decimal("0.05")
SUM_TOLERANCE = Decimal("0.01")
NORMALISE_TOLERANCE = Decimal("0.5")
XCHECK_TOTAL = Decimal("29")
JUMP_STEPS = 36
GRADES = ("A", "B", "C", "D")
RANGE_MIN, RANGE_MAX = 1, 5

# Batter and pitcher rows share the hits-to-strikeout part of the canonical order and differ around it.
_EXTRA_BASE_HITS = ("homerun", "bp_homerun", "triple", "double_three", "double_two")
_SINGLES_TO_STRIKEOUT = ("single_two", "single_one", "single_center", "bp_single", "hbp", "walk", "strikeout")

BATTER_FIELDS: tuple[str, ...] = (
    *_EXTRA_BASE_HITS,
    "double_pull",
    *_SINGLES_TO_STRIKEOUT,
    "lineout",
    "popout",
    "flyout_a",
    "flyout_bq",
    "flyout_lf_b",
    "flyout_rf_b",
    "groundout_a",
    "groundout_b",
    "groundout_c",
)

XCHECK_FIELDS: tuple[str, ...] = tuple(
    f"xcheck_{position}" for position in ("p", "c", "1b", "2b", "3b", "ss", "lf", "cf", "rf")
)

PITCHER_FIELDS: tuple[str, ...] = (
    *_EXTRA_BASE_HITS,
    "double_cf",
    *_SINGLES_TO_STRIKEOUT,
    "flyout_lf_b",
    "flyout_cf_b",
    "flyout_rf_b",
    "groundout_a",
    "groundout_b",
    *XCHECK_FIELDS,
)

# Not confirmed by the PD API (API_SHAPES.md PD-3): stored when sent, read as LINEOUT / POPOUT, default 0.
PITCHER_OPTIONAL_FIELDS: tuple[str, ...] = ("lineout", "popout")

BATTER_OUT_FIELDS: tuple[str, ...] = BATTER_FIELDS[BATTER_FIELDS.index("strikeout") :]
PITCHER_OUT_FIELDS: tuple[str, ...] = (
    "strikeout",
    *PITCHER_OPTIONAL_FIELDS,
    "flyout_lf_b",
    "flyout_cf_b",
    "flyout_rf_b",
    "groundout_a",
    "groundout_b",
)


def _decimal(value: object) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def chance_errors(values: Mapping[str, object], fields: Iterable[str]) -> dict[str, str]:
    """Per-field problems of one rating row (missing, negative, not a multiple of 0.05) plus `__all__` when the
    row does not sum to 108 within 0.01. Missing optional fields must be left out of `fields`."""
    errors: dict[str, str] = {}
    total = Decimal(0)
    for name in fields:
        raw = values.get(name)
        if raw is None:
            errors[name] = f"{name} is missing"
            continue
        value = _decimal(raw)
        total += value
        if value < 0:
            errors[name] = f"{name} must not be negative (got {value})"
        elif value % CHANCE_STEP != 0:
            errors[name] = f"{name} must be a multiple of 0.05 (got {value})"
    if not errors and abs(total - CHANCES_PER_CARD) > SUM_TOLERANCE:
        errors["__all__"] = f"chances sum to {total}, not 108"
    return errors


def batter_chance_errors(values: Mapping[str, object]) -> dict[str, str]:
    return chance_errors(values, BATTER_FIELDS)


def pitcher_chance_errors(values: Mapping[str, object]) -> dict[str, str]:
    optional = [name for name in PITCHER_OPTIONAL_FIELDS if values.get(name) is not None]
    return chance_errors(values, (*PITCHER_FIELDS, *optional))


@dataclass(frozen=True)
class Normalised:
    """A rating row rounded to 0.05 steps and summing to exactly 108. `rounded_fields` were not on a 0.05 step;
    `adjustment` was added to (positive) or taken from (negative) `adjusted_field` to reach 108."""

    values: dict[str, Decimal]
    rounded_fields: tuple[str, ...]
    adjusted_field: str | None
    adjustment: Decimal

    @property
    def changed(self) -> bool:
        return bool(self.rounded_fields) or self.adjusted_field is not None

    @property
    def report(self) -> str:
        parts = [f"rounded {', '.join(self.rounded_fields)} to 0.05 steps"] if self.rounded_fields else []
        if self.adjusted_field is not None:
            parts.append(f"{self.adjusted_field} adjusted by {self.adjustment:+} to make 108")
        return "; ".join(parts) or "no adjustment"


def normalise_chances(values: Mapping[str, object], fields: Iterable[str], out_fields: Iterable[str]) -> Normalised:
    """RULES §2: a row within 0.5 of 108 is rounded to 0.05 steps and the residue goes to its largest out result.

    Raises ValueError naming the problem when a value is missing or negative or the row is further than 0.5 off.
    """
    names = list(fields)
    rounded: dict[str, Decimal] = {}
    for name in names:
        raw = values.get(name)
        if raw is None:
            raise ValueError(f"{name} is missing")
        value = _decimal(raw)
        if value < 0:
            raise ValueError(f"{name} must not be negative (got {value})")
        rounded[name] = (value / CHANCE_STEP).quantize(Decimal(1)) * CHANCE_STEP
    raw_total = sum((_decimal(values[name]) for name in names), Decimal(0))
    if abs(raw_total - CHANCES_PER_CARD) > NORMALISE_TOLERANCE:
        raise ValueError(f"chances sum to {raw_total}, more than 0.5 away from 108")
    residue = CHANCES_PER_CARD - sum(rounded.values(), Decimal(0))
    rounded_fields = tuple(name for name in names if rounded[name] != _decimal(values[name]))
    if residue == 0:
        return Normalised(rounded, rounded_fields, None, Decimal(0))
    outs = [name for name in out_fields if name in rounded]
    largest = max(outs, key=lambda name: rounded[name])
    if rounded[largest] + residue < 0:
        raise ValueError(f"cannot absorb {residue} into {largest}")
    rounded[largest] += residue
    return Normalised(rounded, rounded_fields, largest, residue)


def steal_jump_error(value: object) -> str | None:
    """steal_jump is a chance 0-1 in steps of 1/36 (4 decimals as sent by PD are accepted)."""
    jump = _decimal(value)
    if not 0 <= jump <= 1:
        return f"steal_jump must be between 0 and 1 (got {jump})"
    steps = jump * JUMP_STEPS
    if abs(steps - steps.to_integral_value()) > Decimal("0.01"):
        return f"steal_jump must be a multiple of 1/36 (got {jump})"
    return None


def grade_error(name: str, value: object) -> str | None:
    if value in (None, ""):
        return None
    return None if value in GRADES else f"{name} must be one of A, B, C, D (got {value!r})"


def range_error(value: object) -> str | None:
    if isinstance(value, int) and RANGE_MIN <= value <= RANGE_MAX:
        return None
    return f"range must be between {RANGE_MIN} and {RANGE_MAX} (got {value!r})"


def card_field_errors(values: Mapping[str, object]) -> dict[str, str]:
    """Checks of a card's own fields (steal_jump, bunting, hit_and_run) in a field→value mapping."""
    errors: dict[str, str] = {}
    if values.get("steal_jump") is not None and (message := steal_jump_error(values["steal_jump"])):
        errors["steal_jump"] = message
    for name in ("bunting", "hit_and_run"):
        if message := grade_error(name, values.get(name)):
            errors[name] = message
    return errors


def card_errors(
    card: Mapping[str, object],
    batting: Mapping[str, Mapping[str, object]] | None = None,
    pitching: Mapping[str, Mapping[str, object]] | None = None,
    positions: Iterable[Mapping[str, object]] = (),
) -> dict[str, str]:
    """Every problem of a whole card as importers hold it: rating rows keyed by vs_hand, position rows with
    `position` and `range`. Keys name the field, e.g. `batting vs R: homerun`, `position SS: range`."""
    errors = card_field_errors(card)
    for label, rows, check in (
        ("batting", batting, batter_chance_errors),
        ("pitching", pitching, pitcher_chance_errors),
    ):
        for hand, row in (rows or {}).items():
            errors.update({f"{label} vs {hand}: {name}": message for name, message in check(row).items()})
    for row in positions:
        if message := range_error(row.get("range")):
            errors[f"position {row.get('position')}: range"] = message
    return errors
