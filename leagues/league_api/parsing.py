"""Permissive parsing of league API JSON into the frozen records of `records.py`: the shared rules (value
conversion, `FieldReader`, the 108-chance rule, nested objects); one module per league's format uses them
(`pd_parsing`, `sba_parsing`, `sba_cards`).

Contract: extra keys are ignored, optional keys may be missing or null, foreign keys may be nested objects or bare
ids (short output), numbers may arrive as strings. A record parser returns the record or the list of its
`ImportProblem`s (each naming the record id and field); a payload parser returns a `ParseBatch` of the good
records and the problems of the bad ones, so one bad record never hides the others.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar, cast

from players import ratings
from players.ratings import (
    CHANCES_PER_CARD,
    JUMP_STEPS,
    SUM_TOLERANCE,
)

from .records import (
    Grade,
    ImportProblem,
    LeaguePosition,
    ParseBatch,
    Severity,
    SituationalRatings,
)

T = TypeVar("T")
R = TypeVar("R")
E = TypeVar("E", bound=enum.Enum)

POSITION_SLOTS: tuple[str, ...] = tuple(f"pos_{n}" for n in range(1, 9))
INJURY_RATING = re.compile(r"^[1-6]?p\d{2}$")
FLOAT_NOISE = Decimal("0.001")
JUMP_TOLERANCE = Decimal("0.01")

# ---------------------------------------------------------------- value conversion


class _Invalid(ValueError):
    pass


def _to_int(value: object) -> int:
    if isinstance(value, bool):
        raise _Invalid(f"expected an integer, got {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+\s*", value):
        return int(value)
    raise _Invalid(f"expected an integer, got {value!r}")


def to_decimal(value: object) -> Decimal:
    """A finite Decimal from an int, float or numeric string (floats via `str`, so 19.25 stays 19.25)."""
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise _Invalid(f"expected a number, got {value!r}")
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except InvalidOperation:
        raise _Invalid(f"expected a number, got {value!r}") from None
    if not number.is_finite():
        raise _Invalid(f"expected a finite number, got {value!r}")
    return number


def _to_str(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise _Invalid(f"expected a string, got {value!r}")


def _to_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in {"true", "false", "1", "0", "yes", "no", "y", "n", ""}:
        return value.strip().lower() in {"true", "1", "yes", "y"}
    raise _Invalid(f"expected true or false, got {value!r}")


def _to_enum(enum_cls: type[E]) -> Callable[[object], E]:
    """Matches the value as sent, then upper- and lower-cased."""

    def convert(value: object) -> E:
        candidates = (
            [value.strip(), value.strip().upper(), value.strip().lower()] if isinstance(value, str) else [value]
        )
        for candidate in candidates:
            try:
                return enum_cls(candidate)
            except ValueError:
                continue
        allowed = ", ".join(str(member.value) for member in enum_cls)
        raise _Invalid(f"expected one of {allowed}, got {value!r}")

    return convert


class FieldReader:
    """Reads typed fields of one raw object and collects a problem per bad field instead of raising.

    `required_*` return a placeholder after recording a problem; callers build a record only when `ok`.
    """

    def __init__(
        self,
        raw: object,
        *,
        source: str,
        record_id: str | None,
        prefix: str = "",
        problems: list[ImportProblem] | None = None,
    ) -> None:
        self.source = source
        self.record_id = record_id
        self.prefix = prefix
        self.problems: list[ImportProblem] = [] if problems is None else problems
        if isinstance(raw, Mapping):
            self.raw: Mapping[str, Any] = raw
        else:
            self.raw = {}
            self.problem(None, f"expected an object, got {type(raw).__name__}")

    @property
    def ok(self) -> bool:
        return not any(problem.severity is Severity.ERROR for problem in self.problems)

    def name(self, key: str | None) -> str | None:
        return f"{self.prefix}{key}" if key else (self.prefix.rstrip(".") or None)

    def problem(self, key: str | None, message: str, severity: Severity = Severity.ERROR) -> None:
        self.problems.append(ImportProblem(self.source, self.record_id, self.name(key), message, severity))

    def child(self, raw: object, key: str) -> FieldReader:
        """A reader over a nested object whose problems land in this reader's list, prefixed `key.`."""
        return FieldReader(
            raw, source=self.source, record_id=self.record_id, prefix=f"{self.prefix}{key}.", problems=self.problems
        )

    def _read(self, key: str, convert: Callable[[object], T], *, required: bool) -> T | None:
        value = self.raw.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(key, "is missing")
            return None
        try:
            return convert(value)
        except _Invalid as exc:
            self.problem(key, str(exc))
            return None

    def optional_int(self, key: str) -> int | None:
        return self._read(key, _to_int, required=False)

    def required_int(self, key: str) -> int:
        value = self._read(key, _to_int, required=True)
        return 0 if value is None else value

    def optional_str(self, key: str) -> str | None:
        return self._read(key, _to_str, required=False)

    def required_str(self, key: str) -> str:
        return self._read(key, _to_str, required=True) or ""

    def required_decimal(self, key: str) -> Decimal | None:
        """None (with a problem recorded) when missing or not a number."""
        return self._read(key, to_decimal, required=True)

    def optional_decimal(self, key: str) -> Decimal | None:
        return self._read(key, to_decimal, required=False)

    def optional_bool(self, key: str) -> bool | None:
        return self._read(key, _to_bool, required=False)

    def optional_enum(self, key: str, enum_cls: type[E]) -> E | None:
        return self._read(key, _to_enum(enum_cls), required=False)

    def required_enum(self, key: str, enum_cls: type[E], placeholder: E) -> E:
        value = self._read(key, _to_enum(enum_cls), required=True)
        return placeholder if value is None else value

    def int_in(self, key: str, low: int, high: int, *, required: bool = False) -> int | None:
        value = self._read(key, _to_int, required=required)
        if value is not None and not low <= value <= high:
            self.problem(key, f"must be between {low} and {high}, got {value}")
        return value

    def foreign_key(self, key: str, id_key: str = "id") -> tuple[int | None, FieldReader | None]:
        """A foreign key sent as a nested object (full output) or a bare id (short output)."""
        value = self.raw.get(key)
        if value is None:
            return None, None
        if isinstance(value, Mapping):
            nested = self.child(value, key)
            return nested.optional_int(id_key), nested
        try:
            return _to_int(value), None
        except _Invalid:
            self.problem(key, f"expected an object or an id, got {value!r}")
            return None, None

    def positions(self, slots: Sequence[str] = POSITION_SLOTS) -> tuple[LeaguePosition, ...]:
        found = (self.optional_enum(slot, LeaguePosition) for slot in slots)
        return tuple(position for position in found if position is not None)


def record_id(raw: object, *keys: str) -> str | None:
    if isinstance(raw, Mapping):
        for key in keys:
            value = raw.get(key)
            if isinstance(value, int | str) and not isinstance(value, bool):
                return str(value)
            if isinstance(value, Mapping) and isinstance(value.get("id"), int | str):
                return f"{key}:{value['id']}"
    return None


def payload_items(payload: object, key: str, source: str, problems: list[ImportProblem]) -> Sequence[object]:
    """The list of a `{count, <key>: [...]}` envelope (or a bare list); a wrong count is a note."""
    if isinstance(payload, list):
        return payload
    if isinstance(payload, Mapping) and isinstance(payload.get(key), list):
        items: list[object] = payload[key]
        count = payload.get("count")
        if isinstance(count, int) and count != len(items):
            problems.append(
                ImportProblem(source, None, "count", f"count is {count} but {len(items)} {key} came", Severity.NOTE)
            )
        return items
    problems.append(ImportProblem(source, None, key, f"expected a list or an object with a '{key}' list"))
    return []


# ---------------------------------------------------------------- the 108-chance rule


class ChanceError(ValueError):
    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class NormalisedChances:
    """A rating row on 0.05 steps summing to exactly 108; `adjustment` says what changed (None: nothing visible)."""

    values: tuple[tuple[str, Decimal], ...]
    adjustment: str | None


def normalise_chances(values: Mapping[str, Decimal], out_fields: Sequence[str]) -> NormalisedChances:
    """RULES.md §2 via `players.ratings.normalise_chances`: exact rows pass; rows within 0.5 of 108 are rounded to
    0.05 steps with the residue added to or taken from the largest out result, and reported; anything else raises
    `ChanceError` (naming the field for a negative value). Float noise (total within 0.01 of 108, every value within
    0.001 of a step) is snapped without a report."""
    for name, value in values.items():
        if value < 0:
            raise ChanceError(name, f"must not be negative, got {value}")
    try:
        normalised = ratings.normalise_chances(values, values, out_fields)
    except ValueError as exc:
        raise ChanceError(None, str(exc)) from None
    total = sum(values.values(), Decimal(0))
    noise = abs(total - CHANCES_PER_CARD) <= SUM_TOLERANCE and all(
        abs(normalised.values[name] - value) <= FLOAT_NOISE for name, value in values.items()
    )
    adjustment = None if noise or not normalised.changed else f"total was {total}: {normalised.report}"
    return NormalisedChances(tuple((name, normalised.values[name]) for name in values), adjustment)


def read_chances(
    reader: FieldReader,
    fields: Sequence[str],
    out_fields: Sequence[str],
    optional: Sequence[str] = (),
    *,
    label: str = "",
) -> tuple[tuple[str, Decimal], ...]:
    """Reads and normalises one rating row's chance fields (canonical order, optional ones only when sent).

    Errors and the adjustment note go to the reader, with `label` (e.g. "vs L") in the adjustment message."""
    present = [name for name in fields if name not in optional or reader.raw.get(name) is not None]
    values: dict[str, Decimal] = {}
    for name in present:
        value = reader.required_decimal(name)
        if value is not None:
            values[name] = value
    if len(values) != len(present):
        return ()
    try:
        normalised = normalise_chances(values, out_fields)
    except ChanceError as exc:
        reader.problem(exc.field, str(exc))
        return ()
    if normalised.adjustment:
        reader.problem(None, f"{label}{' ' if label else ''}{normalised.adjustment}", Severity.ADJUSTMENT)
    return normalised.values


# ---------------------------------------------------------------- nested objects and shared card parts

_FLAT_READERS: dict[str, Callable[[FieldReader, str], object]] = {
    "int": FieldReader.required_int,
    "str": FieldReader.required_str,
    "str | None": FieldReader.optional_str,
    "int | None": FieldReader.optional_int,
    "bool | None": FieldReader.optional_bool,
    "Decimal | None": FieldReader.optional_decimal,
}


def read_flat(reader: FieldReader, record_cls: Callable[..., R], **given: object) -> R:
    """Builds the dataclass `record_cls` from `given` plus every other field without a default, read from the key
    of the same name by its annotated type (int, str, or optional str/int/bool/Decimal)."""
    types = {
        item.name: str(item.type)
        for item in dataclasses.fields(cast(Any, record_cls))
        if item.name not in given
        and item.default is dataclasses.MISSING
        and item.default_factory is dataclasses.MISSING
    }
    return record_cls(**given, **{name: _FLAT_READERS[kind](reader, name) for name, kind in types.items()})


def read_nested(reader: FieldReader, key: str, record_cls: Callable[..., R]) -> tuple[int | None, R | None]:
    """A foreign key (nested object or bare id) and, for an object, its `read_flat` record."""
    record_id, nested = reader.foreign_key(key)
    if nested is None or record_id is None:
        return record_id, None
    return record_id, read_flat(nested, record_cls, id=record_id)


def _steal_jump(reader: FieldReader) -> Decimal | None:
    raw = reader.raw.get("steal_jump")
    if isinstance(raw, str) and "/" in raw:
        numerator, _, denominator = raw.partition("/")
        if not (numerator.strip().isdigit() and denominator.strip() == str(JUMP_STEPS)):
            reader.problem("steal_jump", f"expected a number 0-1 or n/{JUMP_STEPS}, got {raw!r}")
            return None
        jump: Decimal | None = Decimal(int(numerator)) / JUMP_STEPS
    else:
        jump = reader.optional_decimal("steal_jump")
    if jump is None:
        return None
    steps = jump * JUMP_STEPS
    if not 0 <= jump <= 1 or abs(steps - steps.to_integral_value()) > JUMP_TOLERANCE:
        reader.problem("steal_jump", f"must be a multiple of 1/{JUMP_STEPS} between 0 and 1, got {raw!r}")
    return jump.quantize(Decimal("0.0001"))


def read_situational(reader: FieldReader, *, running_required: bool = False) -> SituationalRatings:
    """Running 1-20, steal numbers 0-20 (low not above high), jump as 0-1 or `n/36`, grades A-D."""
    ratings = SituationalRatings(
        running=reader.int_in("running", 1, 20, required=running_required),
        steal_low=reader.int_in("steal_low", 0, 20),
        steal_high=reader.int_in("steal_high", 0, 20),
        steal_auto=bool(reader.optional_bool("steal_auto")),
        steal_jump=_steal_jump(reader),
        bunting=reader.optional_enum("bunting", Grade),
        hit_and_run=reader.optional_enum("hit_and_run", Grade),
    )
    if ratings.steal_low is not None and ratings.steal_high is not None and ratings.steal_low > ratings.steal_high:
        reader.problem("steal_low", "must not be above steal_high")
    return ratings


def collect_records(
    payload: object,
    key: str,
    source: str,
    parse: Callable[[object, str], T | list[ImportProblem]],
    natural_key: Callable[[T], object],
) -> ParseBatch[T]:
    """Parses every item of an envelope; a second record with the same natural key is an error."""
    problems: list[ImportProblem] = []
    records: dict[object, T] = {}
    for raw in payload_items(payload, key, source, problems):
        result = parse(raw, source)
        if isinstance(result, list):
            problems.extend(result)
        elif natural_key(result) in records:
            problems.append(ImportProblem(source, str(natural_key(result)), None, "duplicate record"))
        else:
            records[natural_key(result)] = result
            problems.extend(getattr(result, "notes", ()))
    return ParseBatch(tuple(records.values()), tuple(problems))
