"""SBA card files: the examples, the documented columns, and every validation rule reporting id and field."""

import dataclasses
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from leagues.league_api.records import Grade, Hand, ImportProblem, LeaguePosition, Severity, SituationalRatings
from leagues.league_api.sba_cards import (
    CSV_COLUMNS,
    CardKind,
    SbaCardRecord,
    SbaFieldingRecord,
    SbaResultNumbers,
    load_sba_cards,
    parse_fielding,
    parse_sba_card,
    parse_sba_cards_csv,
    parse_sba_cards_json,
)
from players.ratings import BATTER_FIELDS

EXAMPLES = Path(__file__).resolve().parents[1] / "league_api" / "examples"
DOC = Path(__file__).resolve().parents[2] / "docs" / "sba_card_format.md"


def example_json() -> dict[str, Any]:
    return json.loads((EXAMPLES / "sba_cards.json").read_text())


def batter() -> dict[str, Any]:
    card = example_json()["cards"][0]
    assert card["player_id"] == 14021
    return card


def pitcher() -> dict[str, Any]:
    return example_json()["cards"][1]


def errors_of(result: SbaCardRecord | list[ImportProblem]) -> set[tuple[str | None, str | None]]:
    assert isinstance(result, list), result
    return {(problem.record_id, problem.field) for problem in result if problem.severity is Severity.ERROR}


def messages_of(result: SbaCardRecord | list[ImportProblem]) -> list[str]:
    assert isinstance(result, list), result
    return [problem.message for problem in result]


def test_examples_parse_cleanly_and_agree() -> None:
    from_csv = load_sba_cards(EXAMPLES / "sba_cards.csv")
    from_json = load_sba_cards(EXAMPLES / "sba_cards.json")
    assert from_csv.problems == from_json.problems == ()
    assert [(card.player_id, card.kind) for card in from_csv.records] == [
        (14021, CardKind.BATTER),
        (14022, CardKind.PITCHER),
        (14023, CardKind.BATTER),
    ]
    json_without_chances = [
        dataclasses.replace(card, chances_vs_left=None, chances_vs_right=None) for card in from_json.records
    ]
    assert list(from_csv.records) == json_without_chances


def test_batter_fields_are_mapped() -> None:
    card = parse_sba_card(batter())
    assert isinstance(card, SbaCardRecord)
    assert (card.player_id, card.season, card.name, card.bats, card.throws) == (
        14021,
        None,
        "Tobias Renfrow",
        Hand.LEFT,
        None,
    )
    assert card.numbers_vs_left == SbaResultNumbers(*map(Decimal, (24, 7, 22, 31, 31, 2, 4, 2, 5)))
    assert card.numbers_vs_right is not None
    assert card.numbers_vs_right.tb == 40
    assert card.situational == SituationalRatings(
        running=15,
        steal_low=12,
        steal_high=16,
        steal_auto=False,
        steal_jump=Decimal("0.3889"),
        bunting=Grade.B,
        hit_and_run=Grade.A,
    )
    assert card.fielding == (
        SbaFieldingRecord(LeaguePosition.CENTER_FIELD, 1, 4, arm=-1),
        SbaFieldingRecord(LeaguePosition.LEFT_FIELD, 2, 3, arm=0),
    )
    assert (card.hold, card.starter, card.chances_vs_left) == (None, None, None)


def test_pitcher_fields_are_mapped() -> None:
    card = parse_sba_card(pitcher() | {"kind": " Pitcher", "throws": "r"})
    assert isinstance(card, SbaCardRecord)
    assert (card.kind, card.throws, card.bats) == (CardKind.PITCHER, Hand.RIGHT, Hand.RIGHT)
    assert (card.hold, card.balk, card.wild_pitch) == (2, 1, 4)
    assert (card.starter, card.relief, card.closer, card.batting) == (6, 2, None, "1WR-C")
    assert card.fielding == (SbaFieldingRecord(LeaguePosition.P, 2, 5),)
    assert card.situational is None


def test_full_chances_for_auto_resolution() -> None:
    card = example_json()["cards"][2]
    record = parse_sba_card(card)
    assert isinstance(record, SbaCardRecord)
    assert record.chances_vs_left is not None
    assert record.chances_vs_right is not None
    assert [name for name, _ in record.chances_vs_left.chances] == list(BATTER_FIELDS)
    assert record.chances_vs_right.total == Decimal(108)
    assert record.fielding[0] == SbaFieldingRecord(LeaguePosition.C, 2, 6, arm=-2, passed_ball=5, throwing=3)


def test_chances_alone_are_enough_and_near_108_is_adjusted() -> None:
    card = example_json()["cards"][2]
    for name in ("so", "bb", "hit", "ob", "tb", "hr", "dp", "bphr", "bp1b"):
        del card[f"vl_{name}"]
    card["vl_walk"] += 0.2
    record = parse_sba_card(card)
    assert isinstance(record, SbaCardRecord)
    assert record.numbers_vs_left is None
    (note,) = record.notes
    assert (note.severity, note.record_id) == (Severity.ADJUSTMENT, "14023")
    assert note.message == "vs L total was 108.20: strikeout adjusted by -0.20 to make 108"


def test_chances_far_from_108_reject_the_card() -> None:
    card = example_json()["cards"][2] | {"vr_homerun": 9}
    assert "away from 108" in messages_of(parse_sba_card(card))[0]
    card = example_json()["cards"][2]
    del card["vr_triple"]
    assert errors_of(parse_sba_card(card)) == {("14023", "vr_triple")}


def test_a_hand_without_numbers_or_chances_is_an_error() -> None:
    card = {key: value for key, value in batter().items() if not key.startswith("vr_")}
    assert errors_of(parse_sba_card(card)) == {("14021", "vr_*")}


def test_partial_and_inconsistent_result_numbers() -> None:
    card = batter()
    del card["vl_dp"]
    card |= {"vr_hr": 30, "vr_tb": 200, "vr_so": -1}
    assert errors_of(parse_sba_card(card)) == {
        ("14021", "vl_dp"),
        ("14021", "vr_hr"),
        ("14021", "vr_tb"),
        ("14021", "vr_so"),
    }


def test_on_base_below_hits_plus_walks() -> None:
    card = batter() | {"vl_ob": 25}
    assert messages_of(parse_sba_card(card)) == ["on base is less than hits plus walks"]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"bats": "X"}, "bats", "expected one of L, R, S, got 'X'"),
        ({"running": 25}, "running", "must be between 1 and 20, got 25"),
        ({"running": None}, "running", "is missing"),
        ({"bunting": "E"}, "bunting", "expected one of A, B, C, D, got 'E'"),
        ({"steal_jump": "40/36"}, "steal_jump", "must be a multiple of 1/36 between 0 and 1, got '40/36'"),
        ({"steal_jump": 0.3}, "steal_jump", "must be a multiple of 1/36 between 0 and 1, got 0.3"),
        ({"steal_jump": "3/20"}, "steal_jump", "expected a number 0-1 or n/36, got '3/20'"),
        ({"steal_low": 18}, "steal_low", "must not be above steal_high"),
        ({"kind": "manager"}, "kind", "expected one of batter, pitcher, got 'manager'"),
        ({"player_id": None}, "player_id", "is missing"),
    ],
)
def test_batter_field_errors(change: dict[str, Any], field: str, message: str) -> None:
    problems = parse_sba_card(batter() | change, where="cards[0]")
    assert isinstance(problems, list)
    problem = next(problem for problem in problems if problem.field == field)
    assert problem.message == message
    assert problem.record_id == ("cards[0]" if field == "player_id" else "14021")


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"throws": "S"}, "throws", "must be L or R"),
        ({"throws": None}, "throws", "is missing"),
        ({"hold": 12}, "hold", "must be between -9 and 9, got 12"),
        ({"wild_pitch": None}, "wild_pitch", "is missing"),
        ({"starter": None, "relief": None}, "starter", "a pitcher needs a starter or a relief endurance"),
    ],
)
def test_pitcher_field_errors(change: dict[str, Any], field: str, message: str) -> None:
    problems = parse_sba_card(pitcher() | change)
    assert isinstance(problems, list)
    assert next(problem for problem in problems if problem.field == field).message == message


def test_batter_fields_on_a_pitcher_card_are_notes() -> None:
    record = parse_sba_card(pitcher() | {"running": 12})
    assert isinstance(record, SbaCardRecord)
    assert [(note.field, note.message, note.severity) for note in record.notes] == [
        ("running", "ignored on a pitcher card", Severity.NOTE)
    ]


@pytest.mark.parametrize(
    ("fielding", "message"),
    [
        ("ss-3e17 arm+2", "SS: arm is rated for C, LF, CF and RF only, and required there"),
        ("rf-2e5", "RF: arm is rated for C, LF, CF and RF only, and required there"),
        ("c-2e6 arm-2 t3", "C: passed_ball is rated for catchers only, and required there"),
        ("1b-3e8 pb2", "1B: passed_ball is rated for catchers only, and required there"),
        ("2b-6e10", "2B: range must be 1-5, got 6"),
        ("2b-1e10; 2b-2e4", "2B: listed twice"),
        ("dh-1e1", "DH: not a fielding position"),
        ("lf-2e5 arm-12", "LF: arm must be -9..9, got -12"),
        ("ss 3e17", "'ss 3e17' is not POS-RANGEeERROR [arm±N] [pbN] [tN]"),
        ("ss-3e17 fast", "'fast' in 'ss-3e17 fast' is not arm±N, pbN or tN"),
        ("xx-3e17", "'XX' in 'xx-3e17' is not a position"),
    ],
)
def test_fielding_errors(fielding: str, message: str) -> None:
    problems = parse_sba_card(batter() | {"fielding": fielding})
    assert isinstance(problems, list)
    assert [(problem.field, problem.message) for problem in problems] == [("fielding", message)]


def test_fielding_notation() -> None:
    assert parse_fielding(" C-2e6 ARM-2 PB5 T3 ;; 1b-3e8; ") == [
        SbaFieldingRecord(LeaguePosition.C, 2, 6, -2, 5, 3),
        SbaFieldingRecord(LeaguePosition.FIRST_BASE, 3, 8),
    ]
    assert parse_fielding("") == []


def test_fielding_objects_with_bad_fields() -> None:
    problems = parse_sba_card(batter() | {"fielding": [{"position": "CF", "range": "one", "error": 4}]})
    assert errors_of(problems) == {("14021", "fielding[0].range")}
    assert errors_of(parse_sba_card(batter() | {"fielding": 7})) == {("14021", "fielding")}


def test_json_file_level_rules() -> None:
    payload = example_json()
    payload["cards"].append(payload["cards"][0])
    payload["cards"].append(payload["cards"][1] | {"player_id": "x"})
    batch = parse_sba_cards_json(payload)
    assert len(batch.records) == 3
    assert all(card.season == 13 for card in batch.records)
    assert [(problem.record_id, problem.field) for problem in batch.errors] == [
        ("14021", "kind"),
        ("cards[4]", "player_id"),
    ]
    assert parse_sba_cards_json(payload | {"version": 2}).errors[0].field == "format"
    assert parse_sba_cards_json([]).errors[0].field == "cards"


def test_csv_file_level_rules() -> None:
    text = (EXAMPLES / "sba_cards.csv").read_text()
    header, first, second, third = text.splitlines()
    broken = second.replace(",R,2,1,4,6,2,", ",R,2,1,44,6,2,")
    extra = first.replace("Tobias Renfrow", "Extra") + ",surplus,more"
    csv_text = "\n".join(["\ufeff" + header.upper() + ",colour", first, "", broken, third, extra])
    batch = parse_sba_cards_csv(csv_text, "cards.csv")
    assert [card.player_id for card in batch.records] == [14021, 14023]
    assert [(problem.record_id, problem.field, problem.severity) for problem in batch.problems] == [
        (None, "colour", Severity.NOTE),
        ("line 6", None, Severity.ERROR),
        ("14022", "wild_pitch", Severity.ERROR),
    ]
    assert str(batch.problems[2]) == "error cards.csv[14022/wild_pitch]: must be between 0 and 20, got 44"
    assert parse_sba_cards_csv("").errors[0].message == "the file is empty"
    assert parse_sba_cards_csv("name,bats\nA,R\n").errors[0].field == "player_id"


def test_bad_json_file(tmp_path: Path) -> None:
    file = tmp_path / "cards.json"
    file.write_text("{")
    assert "not valid JSON" in load_sba_cards(file).errors[0].message


def test_the_format_document_names_every_column() -> None:
    text = DOC.read_text()
    for column in CSV_COLUMNS:
        if not column.startswith(("vl_", "vr_")):
            assert f"`{column}`" in text, column
    for number in ("so", "bb", "hit", "ob", "tb", "hr", "dp", "bphr", "bp1b"):
        assert f"`vl_{number}`, `vr_{number}`" in text
