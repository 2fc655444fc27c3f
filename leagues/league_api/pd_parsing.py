"""PD payloads into records (`parsing` holds the shared rules: value conversion, `FieldReader`, the 108-chance rule)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from players.ratings import (
    BATTER_FIELDS,
    BATTER_OUT_FIELDS,
    PITCHER_OPTIONAL_FIELDS,
    PITCHER_OUT_FIELDS,
    XCHECK_FIELDS,
    XCHECK_TOTAL,
)

from .fields import PITCHER_FIELDS_WITH_OPTIONAL, SLASH_FIELDS, SPRAY_FIELDS
from .parsing import (
    FieldReader,
    collect_records,
    payload_items,
    read_chances,
    read_flat,
    read_nested,
    read_situational,
    record_id,
)
from .records import (
    CARD_POSITIONS,
    Hand,
    ImportProblem,
    LeaguePosition,
    ParseBatch,
    PdBattingCardRecord,
    PdCardsetRecord,
    PdMlbPlayerRecord,
    PdPitchingCardRecord,
    PdPlayerRecord,
    PdPositionRecord,
    PdRarityRecord,
    PdRatingRow,
    Severity,
)


def _pd_player(reader: FieldReader) -> PdPlayerRecord:
    cardset_id, cardset = read_nested(reader, "cardset", PdCardsetRecord)
    if cardset_id is None:
        reader.problem("cardset", "is missing")
    rarity_id, rarity = read_nested(reader, "rarity", PdRarityRecord)
    if rarity is not None and rarity.value is not None and not 0 <= rarity.value <= 5:
        reader.problem("rarity.value", f"must be between 0 and 5, got {rarity.value}")
    mlbplayer_id, mlbplayer = read_nested(reader, "mlbplayer", PdMlbPlayerRecord)
    return read_flat(
        reader,
        PdPlayerRecord,
        name=reader.required_str("p_name"),
        cardset_id=cardset_id or 0,
        cardset=cardset,
        rarity_id=rarity_id,
        rarity=rarity,
        positions=reader.positions(),
        mlbplayer_id=mlbplayer_id,
        mlbplayer=mlbplayer,
    )


def parse_pd_player(raw: object, source: str = "pd.player") -> PdPlayerRecord | list[ImportProblem]:
    """`GET players/{player_id}`."""
    reader = FieldReader(raw, source=source, record_id=record_id(raw, "player_id"))
    record = _pd_player(reader)
    return record if reader.ok else reader.problems


def _card_player(reader: FieldReader) -> tuple[int, PdPlayerRecord | None]:
    player_id, nested = reader.foreign_key("player", "player_id")
    if player_id is None:
        reader.problem("player", "is missing")
        return 0, None
    return player_id, None if nested is None else _pd_player(nested)


def _rating_row(
    reader: FieldReader, fields: Sequence[str], outs: Sequence[str], optional: Sequence[str]
) -> PdRatingRow:
    vs_hand = reader.required_enum("vs_hand", Hand, Hand.RIGHT)
    if vs_hand is Hand.SWITCH:
        reader.problem("vs_hand", "must be L or R")
    spray = {name: reader.optional_decimal(name) for name in (*SPRAY_FIELDS, *SLASH_FIELDS)}
    return PdRatingRow(
        id=reader.optional_int("id"),
        vs_hand=vs_hand,
        chances=read_chances(reader, fields, outs, optional, label=f"vs {vs_hand.value}"),
        **spray,
    )


@dataclass(frozen=True)
class _CardKind:
    card_key: str
    fields: tuple[str, ...]
    out_fields: tuple[str, ...]
    optional: tuple[str, ...]


_BATTING = _CardKind("battingcard", BATTER_FIELDS, BATTER_OUT_FIELDS, ())


_PITCHING = _CardKind("pitchingcard", PITCHER_FIELDS_WITH_OPTIONAL, PITCHER_OUT_FIELDS, PITCHER_OPTIONAL_FIELDS)


_EMPTY_ROW = PdRatingRow(id=None, vs_hand=Hand.RIGHT, chances=())


@dataclass
class _CardRows:
    card_raw: Mapping[str, Any]
    rows: dict[Hand, PdRatingRow]
    notes: list[ImportProblem]
    bad_rows: int = 0


def _group_rating_rows(
    payload: object, kind: _CardKind, source: str
) -> tuple[dict[str, _CardRows], list[ImportProblem]]:
    problems: list[ImportProblem] = []
    cards: dict[str, _CardRows] = {}
    for raw in payload_items(payload, "ratings", source, problems):
        reader = FieldReader(raw, source=source, record_id=record_id(raw, "id", kind.card_key))
        card_id, card_reader = reader.foreign_key(kind.card_key)
        if card_id is None:
            reader.problem(kind.card_key, "is missing")
        row = _rating_row(reader, kind.fields, kind.out_fields, kind.optional)
        if card_id is None:
            problems.extend(reader.problems)
            continue
        entry = cards.setdefault(
            str(card_id), _CardRows(card_reader.raw if card_reader else {kind.card_key: card_id}, {}, [])
        )
        if not reader.ok:
            problems.extend(reader.problems)
            entry.bad_rows += 1
        elif row.vs_hand in entry.rows:
            reader.problem("vs_hand", f"second row vs {row.vs_hand.value} for {kind.card_key} {card_id}")
            problems.extend(reader.problems)
            entry.bad_rows += 1
        else:
            entry.rows[row.vs_hand] = row
            entry.notes.extend(reader.problems)
    return cards, problems


def _split_rows(card_id: str, entry: _CardRows, kind: _CardKind, source: str) -> list[ImportProblem]:
    record_id = f"{kind.card_key}:{card_id}"
    if entry.bad_rows:
        return [ImportProblem(source, record_id, None, f"card dropped: {entry.bad_rows} invalid rating row(s)")]
    missing = [hand for hand in (Hand.LEFT, Hand.RIGHT) if hand not in entry.rows]
    return [ImportProblem(source, record_id, "vs_hand", f"no rating row vs {hand.value}") for hand in missing]


def parse_pd_batting_ratings(payload: object, source: str = "pd.battingcardratings") -> ParseBatch[PdBattingCardRecord]:
    """`GET battingcardratings/player/{id}`: one record per batting card, with its vs L and vs R rows."""
    cards, problems = _group_rating_rows(payload, _BATTING, source)
    records: list[PdBattingCardRecord] = []
    for card_id, entry in cards.items():
        card_problems = _split_rows(card_id, entry, _BATTING, source)
        reader = FieldReader(entry.card_raw, source=source, record_id=f"battingcard:{card_id}", prefix="battingcard.")
        player_id, player = _card_player(reader)
        record = PdBattingCardRecord(
            id=int(card_id),
            player_id=player_id,
            player=player,
            variant=reader.optional_int("variant") or 0,
            hand=reader.required_enum("hand", Hand, Hand.RIGHT),
            situational=read_situational(reader),
            offense_col=reader.optional_int("offense_col"),
            vs_left=entry.rows.get(Hand.LEFT, _EMPTY_ROW),
            vs_right=entry.rows.get(Hand.RIGHT, _EMPTY_ROW),
            notes=tuple(entry.notes),
        )
        if card_problems or not reader.ok:
            problems.extend([*card_problems, *reader.problems])
        else:
            problems.extend(entry.notes)
            records.append(record)
    return ParseBatch(tuple(records), tuple(problems))


def parse_pd_pitching_ratings(
    payload: object, source: str = "pd.pitchingcardratings"
) -> ParseBatch[PdPitchingCardRecord]:
    """`GET pitchingcardratings/player/{id}`: one record per pitching card; an xcheck total other than 29 is a note."""
    cards, problems = _group_rating_rows(payload, _PITCHING, source)
    records: list[PdPitchingCardRecord] = []
    for card_id, entry in cards.items():
        card_problems = _split_rows(card_id, entry, _PITCHING, source)
        reader = FieldReader(entry.card_raw, source=source, record_id=f"pitchingcard:{card_id}", prefix="pitchingcard.")
        player_id, player = _card_player(reader)
        for row in entry.rows.values():
            xchecks = sum((row.chance(name) for name in XCHECK_FIELDS), Decimal(0))
            if xchecks != XCHECK_TOTAL:
                entry.notes.append(
                    ImportProblem(
                        source,
                        str(row.id),
                        "xcheck_*",
                        f"vs {row.vs_hand.value}: xcheck chances total {xchecks}, expected 29",
                        Severity.NOTE,
                    )
                )
        record = PdPitchingCardRecord(
            id=int(card_id),
            player_id=player_id,
            player=player,
            variant=reader.optional_int("variant") or 0,
            hand=reader.required_enum("hand", Hand, Hand.RIGHT),
            balk=reader.int_in("balk", 0, 20),
            wild_pitch=reader.int_in("wild_pitch", 0, 20),
            hold=reader.int_in("hold", -9, 9),
            starter_rating=reader.optional_int("starter_rating"),
            relief_rating=reader.optional_int("relief_rating"),
            closer_rating=reader.optional_int("closer_rating"),
            batting=reader.optional_str("batting"),
            offense_col=reader.optional_int("offense_col"),
            vs_left=entry.rows.get(Hand.LEFT, _EMPTY_ROW),
            vs_right=entry.rows.get(Hand.RIGHT, _EMPTY_ROW),
            notes=tuple(entry.notes),
        )
        if record.hand is Hand.SWITCH:
            reader.problem("hand", "a pitcher throws L or R")
        if card_problems or not reader.ok:
            problems.extend([*card_problems, *reader.problems])
        else:
            problems.extend(entry.notes)
            records.append(record)
    return ParseBatch(tuple(records), tuple(problems))


def parse_pd_position(raw: object, source: str = "pd.cardpositions") -> PdPositionRecord | list[ImportProblem]:
    """One `cardpositions` row."""
    reader = FieldReader(raw, source=source, record_id=record_id(raw, "id", "player"))
    player_id, _ = reader.foreign_key("player", "player_id")
    if player_id is None:
        reader.problem("player", "is missing")
    position = reader.required_enum("position", LeaguePosition, LeaguePosition.P)
    if position not in CARD_POSITIONS:
        reader.problem("position", f"{position} is not a fielding position")
    record = PdPositionRecord(
        id=reader.optional_int("id"),
        player_id=player_id or 0,
        variant=reader.optional_int("variant") or 0,
        position=position,
        innings=reader.int_in("innings", 0, 100_000),
        range=reader.int_in("range", 1, 5, required=True) or 0,
        error=reader.int_in("error", 0, 99, required=True) or 0,
        arm=reader.int_in("arm", -9, 9),
        pb=reader.int_in("pb", 0, 20),
        overthrow=reader.int_in("overthrow", 0, 20),
    )
    return record if reader.ok else reader.problems


def parse_pd_card_positions(payload: object, source: str = "pd.cardpositions") -> ParseBatch[PdPositionRecord]:
    """`GET cardpositions?player_id=`: rows keyed by (player_id, variant, position)."""
    return collect_records(
        payload, "positions", source, parse_pd_position, lambda r: (r.player_id, r.variant, r.position)
    )
