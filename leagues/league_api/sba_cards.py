"""SBA card data (not in the SBA API): the CSV and JSON formats of docs/sba_card_format.md, parsed and validated
in the style of `parsing.py`.

A card is one row (CSV) or one object (JSON) with the same flat field names; `fielding` is a compact string
(`"c-2e6 arm-2 pb5 t3; 1b-3e8"`) in CSV and either that string or a list of objects in JSON. Cards are keyed by
(`player_id`, `kind`): a two-way player has a batter card and a pitcher card.
"""

from __future__ import annotations

import csv
import enum
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from players.ratings import BATTER_FIELDS, BATTER_OUT_FIELDS, PITCHER_OPTIONAL_FIELDS, PITCHER_OUT_FIELDS

from .fields import PITCHER_FIELDS_WITH_OPTIONAL
from .parsing import FieldReader, read_chances, read_situational
from .records import (
    CARD_POSITIONS,
    Hand,
    ImportProblem,
    LeaguePosition,
    ParseBatch,
    PdRatingRow,
    Severity,
    SituationalRatings,
)

FORMAT_NAME = "sba-cards"
FORMAT_VERSION = 1
RESULT_NUMBERS: tuple[str, ...] = ("so", "bb", "hit", "ob", "tb", "hr", "dp", "bphr", "bp1b")
HAND_PREFIXES: dict[Hand, str] = {Hand.LEFT: "vl_", Hand.RIGHT: "vr_"}
FIELDING_POSITIONS = frozenset(CARD_POSITIONS - {LeaguePosition.DH})
ARM_POSITIONS = frozenset(
    {LeaguePosition.C, LeaguePosition.LEFT_FIELD, LeaguePosition.CENTER_FIELD, LeaguePosition.RIGHT_FIELD}
)


class CardKind(enum.StrEnum):
    BATTER = "batter"
    PITCHER = "pitcher"


IDENTITY_COLUMNS: tuple[str, ...] = ("player_id", "season", "name", "kind")
BATTER_COLUMNS: tuple[str, ...] = (
    "bats",
    "running",
    "steal_low",
    "steal_high",
    "steal_auto",
    "steal_jump",
    "bunting",
    "hit_and_run",
)
PITCHER_COLUMNS: tuple[str, ...] = (
    "throws",
    "hold",
    "balk",
    "wild_pitch",
    "starter",
    "relief",
    "closer",
    "batting",
)
CSV_COLUMNS: tuple[str, ...] = (
    *IDENTITY_COLUMNS,
    *BATTER_COLUMNS,
    *PITCHER_COLUMNS,
    *(f"{prefix}{name}" for prefix in HAND_PREFIXES.values() for name in RESULT_NUMBERS),
    "fielding",
)
CHANCE_COLUMNS: frozenset[str] = frozenset(
    f"{prefix}{name}" for prefix in HAND_PREFIXES.values() for name in {*BATTER_FIELDS, *PITCHER_FIELDS_WITH_OPTIONAL}
)


@dataclass(frozen=True)
class SbaResultNumbers:
    """The card's summary numbers against one hand, in chances out of 108."""

    so: Decimal
    bb: Decimal
    hit: Decimal
    ob: Decimal
    tb: Decimal
    hr: Decimal
    dp: Decimal
    bphr: Decimal
    bp1b: Decimal


@dataclass(frozen=True)
class SbaFieldingRecord:
    """One position the card can play: range 1 (best)-5, error rating, arm (C and OF), passed ball and throwing (C)."""

    position: LeaguePosition
    range: int
    error: int
    arm: int | None = None
    passed_ball: int | None = None
    throwing: int | None = None


@dataclass(frozen=True)
class SbaCardRecord:
    """One SBA card. `numbers_*` and/or `chances_*` are set per hand (chances only for auto-resolution)."""

    player_id: int
    kind: CardKind
    season: int | None
    name: str | None
    bats: Hand | None
    throws: Hand | None
    numbers_vs_left: SbaResultNumbers | None
    numbers_vs_right: SbaResultNumbers | None
    chances_vs_left: PdRatingRow | None
    chances_vs_right: PdRatingRow | None
    situational: SituationalRatings | None
    hold: int | None
    balk: int | None
    wild_pitch: int | None
    starter: int | None
    relief: int | None
    closer: int | None
    batting: str | None
    fielding: tuple[SbaFieldingRecord, ...]
    notes: tuple[ImportProblem, ...] = field(default=(), compare=False)


_FIELDING_ENTRY = re.compile(r"^(?P<position>[a-z0-9]{1,2})-(?P<range>\d+)e(?P<error>\d+)(?P<rest>(?:\s+\S+)*)$")
_FIELDING_ATTRIBUTE = re.compile(r"^(?P<name>arm|pb|t)(?P<value>[+-]?\d+)$")


def parse_fielding(text: str) -> list[SbaFieldingRecord] | str:
    """The compact notation, e.g. `"ss-3e17; c-2e6 arm-2 pb5 t3"`; returns the entries or what is wrong."""
    entries: list[SbaFieldingRecord] = []
    for part in (chunk.strip().lower() for chunk in text.split(";")):
        if not part:
            continue
        match = _FIELDING_ENTRY.match(part)
        if match is None:
            return f"{part!r} is not POS-RANGEeERROR [arm±N] [pbN] [tN]"
        attributes: dict[str, int] = {}
        for token in match["rest"].split():
            attribute = _FIELDING_ATTRIBUTE.match(token)
            if attribute is None:
                return f"{token!r} in {part!r} is not arm±N, pbN or tN"
            attributes[attribute["name"]] = int(attribute["value"])
        try:
            position = LeaguePosition(match["position"].upper())
        except ValueError:
            return f"{match['position'].upper()!r} in {part!r} is not a position"
        entries.append(
            SbaFieldingRecord(
                position,
                int(match["range"]),
                int(match["error"]),
                attributes.get("arm"),
                attributes.get("pb"),
                attributes.get("t"),
            )
        )
    return entries


def _check_fielding(reader: FieldReader, entries: Sequence[SbaFieldingRecord]) -> None:
    seen: set[LeaguePosition] = set()
    for entry in entries:
        where = f"{entry.position}: "
        if entry.position not in FIELDING_POSITIONS:
            reader.problem("fielding", f"{where}not a fielding position")
        if entry.position in seen:
            reader.problem("fielding", f"{where}listed twice")
        seen.add(entry.position)
        if not 1 <= entry.range <= 5:
            reader.problem("fielding", f"{where}range must be 1-5, got {entry.range}")
        if not 0 <= entry.error <= 99:
            reader.problem("fielding", f"{where}error must be 0-99, got {entry.error}")
        if (entry.arm is None) == (entry.position in ARM_POSITIONS):
            reader.problem("fielding", f"{where}arm is rated for C, LF, CF and RF only, and required there")
        elif entry.arm is not None and not -9 <= entry.arm <= 9:
            reader.problem("fielding", f"{where}arm must be -9..9, got {entry.arm}")
        is_catcher = entry.position is LeaguePosition.C
        for name, value in (("passed_ball", entry.passed_ball), ("throwing", entry.throwing)):
            if (value is None) == is_catcher:
                reader.problem("fielding", f"{where}{name} is rated for catchers only, and required there")
            elif value is not None and not 0 <= value <= 20:
                reader.problem("fielding", f"{where}{name} must be 0-20, got {value}")


def _read_fielding(reader: FieldReader) -> tuple[SbaFieldingRecord, ...]:
    raw = reader.raw.get("fielding")
    if raw is None or raw == "":
        return ()
    if isinstance(raw, str):
        parsed = parse_fielding(raw)
        if isinstance(parsed, str):
            reader.problem("fielding", parsed)
            return ()
        entries = parsed
    elif isinstance(raw, list):
        entries = []
        for index, item in enumerate(raw):
            child = reader.child(item, f"fielding[{index}]")
            entries.append(
                SbaFieldingRecord(
                    child.required_enum("position", LeaguePosition, LeaguePosition.P),
                    child.required_int("range"),
                    child.required_int("error"),
                    child.optional_int("arm"),
                    child.optional_int("passed_ball"),
                    child.optional_int("throwing"),
                )
            )
        if not reader.ok:
            return ()
    else:
        reader.problem("fielding", f"expected a string or a list, got {type(raw).__name__}")
        return ()
    _check_fielding(reader, entries)
    return tuple(entries)


def _read_numbers(reader: FieldReader, prefix: str) -> SbaResultNumbers | None:
    if all(reader.raw.get(f"{prefix}{name}") in (None, "") for name in RESULT_NUMBERS):
        return None
    values: dict[str, Decimal] = {}
    for name in RESULT_NUMBERS:
        value = reader.required_decimal(f"{prefix}{name}")
        if value is not None and not 0 <= value <= 108:
            reader.problem(f"{prefix}{name}", f"must be between 0 and 108, got {value}")
        values[name] = Decimal(0) if value is None else value
    numbers = SbaResultNumbers(**values)
    checks = (
        (numbers.hr <= numbers.hit, "hr", "more home runs than hits"),
        (numbers.hit + numbers.bb <= numbers.ob, "ob", "on base is less than hits plus walks"),
        (numbers.hit <= numbers.tb <= 4 * numbers.hit, "tb", "total bases must be between hits and 4 x hits"),
        (numbers.so + numbers.ob <= 108, "so", "strikeouts plus on base exceed 108"),
    )
    for ok, name, message in checks:
        if not ok:
            reader.problem(f"{prefix}{name}", message)
    return numbers


def _read_card_chances(reader: FieldReader, kind: CardKind, hand: Hand) -> PdRatingRow | None:
    prefix = HAND_PREFIXES[hand]
    view = {key[len(prefix) :]: value for key, value in reader.raw.items() if key.startswith(prefix)}
    fields, outs, optional = (
        (BATTER_FIELDS, BATTER_OUT_FIELDS, ())
        if kind is CardKind.BATTER
        else (PITCHER_FIELDS_WITH_OPTIONAL, PITCHER_OUT_FIELDS, PITCHER_OPTIONAL_FIELDS)
    )
    if all(view.get(name) in (None, "") for name in fields):
        return None
    hand_reader = FieldReader(
        {name: value for name, value in view.items() if value != ""},
        source=reader.source,
        record_id=reader.record_id,
        prefix=prefix,
        problems=reader.problems,
    )
    chances = read_chances(hand_reader, fields, outs, optional, label=f"vs {hand.value}")
    return PdRatingRow(id=None, vs_hand=hand, chances=chances) if chances else None


def _unused_columns(reader: FieldReader, kind: CardKind) -> None:
    unused = PITCHER_COLUMNS if kind is CardKind.BATTER else BATTER_COLUMNS[1:]
    for column in unused:
        if reader.raw.get(column) not in (None, ""):
            reader.problem(column, f"ignored on a {kind} card", Severity.NOTE)


def parse_sba_card(
    raw: object, source: str = "sba.cards", *, where: str | None = None
) -> SbaCardRecord | list[ImportProblem]:
    """One card (a CSV row as strings, or a JSON object); `where` (e.g. "line 4") names it when the id is bad."""
    player_id = raw.get("player_id") if isinstance(raw, Mapping) else None
    record_id = (
        str(player_id).strip() if isinstance(player_id, int | str) and str(player_id).strip().isdigit() else where
    )
    reader = FieldReader(raw, source=source, record_id=record_id)
    kind = reader.required_enum("kind", CardKind, CardKind.BATTER)
    is_batter = kind is CardKind.BATTER
    numbers = {hand: _read_numbers(reader, prefix) for hand, prefix in HAND_PREFIXES.items()}
    chances = {hand: _read_card_chances(reader, kind, hand) for hand in HAND_PREFIXES}
    for hand, prefix in HAND_PREFIXES.items():
        if numbers[hand] is None and chances[hand] is None and reader.ok:
            reader.problem(f"{prefix}*", f"vs {hand.value}: give the result numbers or the full outcome chances")
    record = SbaCardRecord(
        player_id=reader.required_int("player_id"),
        kind=kind,
        season=reader.optional_int("season"),
        name=reader.optional_str("name"),
        bats=reader.required_enum("bats", Hand, Hand.RIGHT) if is_batter else reader.optional_enum("bats", Hand),
        throws=None if is_batter else reader.required_enum("throws", Hand, Hand.RIGHT),
        numbers_vs_left=numbers[Hand.LEFT],
        numbers_vs_right=numbers[Hand.RIGHT],
        chances_vs_left=chances[Hand.LEFT],
        chances_vs_right=chances[Hand.RIGHT],
        situational=read_situational(reader, running_required=True) if is_batter else None,
        hold=None if is_batter else reader.int_in("hold", -9, 9, required=True),
        balk=None if is_batter else reader.int_in("balk", 0, 20, required=True),
        wild_pitch=None if is_batter else reader.int_in("wild_pitch", 0, 20, required=True),
        starter=None if is_batter else reader.int_in("starter", 1, 9),
        relief=None if is_batter else reader.int_in("relief", 1, 9),
        closer=None if is_batter else reader.int_in("closer", 0, 9),
        batting=None if is_batter else reader.optional_str("batting"),
        fielding=_read_fielding(reader),
    )
    if record.throws is Hand.SWITCH:
        reader.problem("throws", "must be L or R")
    if not is_batter and record.starter is None and record.relief is None:
        reader.problem("starter", "a pitcher needs a starter or a relief endurance")
    _unused_columns(reader, kind)
    if not reader.ok:
        return reader.problems
    return replace(record, notes=tuple(reader.problems))


def _collect_cards(
    rows: Iterable[tuple[str, object]], source: str, problems: list[ImportProblem]
) -> ParseBatch[SbaCardRecord]:
    records: dict[tuple[int, CardKind], SbaCardRecord] = {}
    for where, raw in rows:
        result = parse_sba_card(raw, source, where=where)
        if isinstance(result, list):
            problems.extend(result)
            continue
        key = (result.player_id, result.kind)
        if key in records:
            problems.append(
                ImportProblem(source, str(result.player_id), "kind", f"second {result.kind} card ({where})")
            )
            continue
        records[key] = result
        problems.extend(result.notes)
    return ParseBatch(tuple(records.values()), tuple(problems))


def parse_sba_cards_csv(text: str, source: str = "sba.cards.csv") -> ParseBatch[SbaCardRecord]:
    """A CSV export: a header row of column names (any order, any case), then one card per row."""
    problems: list[ImportProblem] = []
    lines = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = [name.strip().lower() for name in next(lines, [])]
    if not header:
        return ParseBatch((), (ImportProblem(source, None, None, "the file is empty"),))
    for column in header:
        if column not in CSV_COLUMNS and column not in CHANCE_COLUMNS:
            problems.append(ImportProblem(source, None, column, "unknown column ignored", Severity.NOTE))
    for required in ("player_id", "kind"):
        if required not in header:
            problems.append(ImportProblem(source, None, required, "required column is missing"))
    if any(problem.severity is Severity.ERROR for problem in problems):
        return ParseBatch((), tuple(problems))
    rows: list[tuple[str, object]] = []
    for cells in lines:
        where = f"line {lines.line_num}"
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            problems.append(ImportProblem(source, where, None, f"{len(cells)} cells but {len(header)} columns"))
            continue
        rows.append((where, {column: cell.strip() for column, cell in zip(header, cells, strict=False)}))
    return _collect_cards(rows, source, problems)


def parse_sba_cards_json(payload: object, source: str = "sba.cards.json") -> ParseBatch[SbaCardRecord]:
    """`{"format": "sba-cards", "version": 1, "season": N?, "cards": [...]}`; the file's season fills in a card's."""
    if not isinstance(payload, Mapping) or not isinstance(payload.get("cards"), list):
        return ParseBatch((), (ImportProblem(source, None, "cards", "expected an object with a 'cards' list"),))
    problems: list[ImportProblem] = []
    if payload.get("format") != FORMAT_NAME or payload.get("version") != FORMAT_VERSION:
        problems.append(
            ImportProblem(source, None, "format", f"expected format {FORMAT_NAME!r} version {FORMAT_VERSION}")
        )
        return ParseBatch((), tuple(problems))
    season = payload.get("season")
    cards: list[Any] = payload["cards"]
    rows = (
        (f"cards[{index}]", {"season": season, **card} if isinstance(card, Mapping) and season is not None else card)
        for index, card in enumerate(cards)
    )
    return _collect_cards(rows, source, problems)


def load_sba_cards(path: Path | str) -> ParseBatch[SbaCardRecord]:
    """Reads a `.csv` or `.json` card file."""
    file = Path(path)
    text = file.read_text(encoding="utf-8")
    if file.suffix.lower() == ".csv":
        return parse_sba_cards_csv(text, str(file))
    try:
        payload = json.loads(text)
    except ValueError as exc:
        return ParseBatch((), (ImportProblem(str(file), None, None, f"not valid JSON: {exc}"),))
    return parse_sba_cards_json(payload, str(file))
