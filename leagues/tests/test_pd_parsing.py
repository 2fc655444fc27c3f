"""PD payloads into records: every example payload, short output, bad records, the 108-chance rule."""

import copy
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leagues.league_api.pd_parsing import (
    parse_pd_batting_ratings,
    parse_pd_card_positions,
    parse_pd_pitching_ratings,
    parse_pd_player,
)
from leagues.league_api.records import (
    Grade,
    Hand,
    ImportProblem,
    LeaguePosition,
    PdPlayerRecord,
    Severity,
    SituationalRatings,
)
from players.ratings import BATTER_FIELDS, PITCHER_FIELDS

from .fake_league_api import load_fixture


def player_payload() -> dict[str, Any]:
    return load_fixture("pd/players/88101.json")


def batting_payload() -> dict[str, Any]:
    return load_fixture("pd/battingcardratings/player/88101.json")


def pitching_payload() -> dict[str, Any]:
    return load_fixture("pd/pitchingcardratings/player/88102.json")


def problem_at(problems: tuple[ImportProblem, ...] | list[ImportProblem], field: str | None) -> ImportProblem:
    matches = [problem for problem in problems if problem.field == field]
    assert matches, f"no problem at {field}: {problems}"
    return matches[0]


def test_player_fields_are_mapped() -> None:
    record = parse_pd_player(player_payload())
    assert isinstance(record, PdPlayerRecord)
    assert record.player_id == 88101
    assert record.name == "Rusty Calloway"
    assert record.cost == 142
    assert record.image == "https://pd.manticorum.com/api/v2/players/88101/battingcard?d=2025-3-2"
    assert record.image2 is None
    assert (record.mlbclub, record.franchise) == ("Harbor City Gulls", "Harbor City Gulls")
    assert record.cardset_id == 41
    assert record.cardset is not None
    assert (record.cardset.name, record.cardset.for_purchase, record.cardset.ranked_legal) == (
        "1987 Replay",
        True,
        False,
    )
    assert record.set_num == 9900101
    assert record.positions == (LeaguePosition.SECOND_BASE, LeaguePosition.SHORTSTOP, LeaguePosition.THIRD_BASE)
    assert record.fangr_id == "9900101"
    assert (record.bbref_id, record.description, record.quantity) == ("callowru01", "1987 Replay", 999)
    assert record.mlbplayer is not None
    assert (record.mlbplayer_id, record.mlbplayer.key_mlbam, record.mlbplayer.offense_col) == (90101, 990101, 1)


def test_rarity_id_and_value_are_kept_apart() -> None:
    record = parse_pd_player(player_payload())
    assert isinstance(record, PdPlayerRecord)
    assert record.rarity_id == 2
    assert record.rarity is not None
    assert (record.rarity.id, record.rarity.value, record.rarity.name, record.rarity.color) == (
        2,
        4,
        "All-Star",
        "ffd166",
    )


def test_short_output_foreign_keys_are_bare_ids() -> None:
    payload = player_payload() | {"cardset": 41, "rarity": 2, "mlbplayer": "90101"}
    record = parse_pd_player(payload)
    assert isinstance(record, PdPlayerRecord)
    assert (record.cardset_id, record.cardset, record.rarity_id, record.rarity) == (41, None, 2, None)
    assert (record.mlbplayer_id, record.mlbplayer) == (90101, None)


def test_extra_keys_missing_optional_keys_and_numeric_strings_are_accepted() -> None:
    payload = player_payload() | {"brand_new_field": [1, 2], "cost": "150", "fangr_id": 9900101}
    for key in ("image2", "headshot", "paperdex", "pos_8", "quantity"):
        del payload[key]
    record = parse_pd_player(payload)
    assert isinstance(record, PdPlayerRecord)
    assert record.cost == 150
    assert record.fangr_id == "9900101"
    assert record.quantity is None


def test_bad_player_reports_id_and_each_field() -> None:
    payload = player_payload() | {"cost": "lots", "pos_2": "XX", "cardset": None}
    del payload["p_name"]
    problems = parse_pd_player(payload)
    assert isinstance(problems, list)
    assert {problem.field for problem in problems} == {"cost", "pos_2", "cardset", "p_name"}
    assert all(problem.record_id == "88101" and problem.source == "pd.player" for problem in problems)
    assert "lots" in problem_at(problems, "cost").message


def test_nested_field_problems_name_the_path() -> None:
    payload = player_payload()
    payload["rarity"]["value"] = 9
    problems = parse_pd_player(payload)
    assert isinstance(problems, list)
    assert problem_at(problems, "rarity.value").message == "must be between 0 and 5, got 9"


def test_a_player_that_is_not_an_object_is_a_problem() -> None:
    problems = parse_pd_player(["not", "an", "object"])
    assert isinstance(problems, list)
    assert problems[0].message == "expected an object, got list"


def test_batting_card_with_both_splits() -> None:
    batch = parse_pd_batting_ratings(batting_payload())
    assert batch.problems == ()
    (card,) = batch.records
    assert (card.id, card.player_id, card.variant, card.hand) == (30517, 88101, 0, Hand.RIGHT)
    assert card.player is not None
    assert card.player.name == "Rusty Calloway"
    assert card.situational == SituationalRatings(
        running=12,
        steal_low=9,
        steal_high=13,
        steal_auto=False,
        steal_jump=Decimal("0.2778"),
        bunting=Grade.B,
        hit_and_run=Grade.C,
    )
    assert card.offense_col == 1
    assert (card.vs_left.id, card.vs_left.vs_hand, card.vs_right.id, card.vs_right.vs_hand) == (
        61033,
        Hand.LEFT,
        61034,
        Hand.RIGHT,
    )
    assert [name for name, _ in card.vs_left.chances] == list(BATTER_FIELDS)
    assert card.vs_left.total == card.vs_right.total == Decimal(108)
    assert card.vs_left.chance("strikeout") == Decimal("14.8")
    assert card.vs_right.chance("groundout_c") == Decimal("8.15")
    assert (card.vs_left.pull_rate, card.vs_left.center_rate, card.vs_left.slap_rate) == (
        Decimal("0.45"),
        Decimal("0.33"),
        Decimal("0.22"),
    )
    assert (card.vs_right.avg, card.vs_right.obp, card.vs_right.slg) == (
        Decimal("0.2513"),
        Decimal("0.3171"),
        Decimal("0.3827"),
    )
    assert card.notes == ()


def test_batting_card_under_short_output() -> None:
    payload = batting_payload()
    for row in payload["ratings"]:
        row["battingcard"]["player"] = 88101
    (card,) = parse_pd_batting_ratings(payload).records
    assert (card.player_id, card.player) == (88101, None)


def test_rating_rows_with_a_bare_card_id_lack_the_card_fields() -> None:
    payload = batting_payload()
    for row in payload["ratings"]:
        row["battingcard"] = 30517
    batch = parse_pd_batting_ratings(payload)
    assert batch.records == ()
    assert problem_at(batch.problems, "battingcard.player").record_id == "battingcard:30517"
    assert problem_at(batch.problems, "battingcard.hand").message == "is missing"


def test_pitching_card_with_both_splits() -> None:
    batch = parse_pd_pitching_ratings(pitching_payload())
    assert batch.problems == ()
    (card,) = batch.records
    assert (card.id, card.player_id, card.hand, card.variant) == (20871, 88102, Hand.RIGHT, 0)
    assert (card.balk, card.wild_pitch, card.hold) == (1, 4, 2)
    assert (card.starter_rating, card.relief_rating, card.closer_rating, card.batting) == (6, 2, None, "#1WR-C")
    assert [name for name, _ in card.vs_left.chances] == list(PITCHER_FIELDS)
    assert card.vs_left.total == card.vs_right.total == Decimal(108)
    assert card.vs_left.chance("lineout") == Decimal(0)
    assert card.vs_right.chance("xcheck_ss") == Decimal(7)


def test_pitchers_may_send_lineout_and_popout() -> None:
    payload = pitching_payload()
    row = payload["ratings"][0]
    row["strikeout"] -= 3.0
    row["lineout"], row["popout"] = 1.0, 2.0
    (card,) = parse_pd_pitching_ratings(payload).records
    names = [name for name, _ in card.vs_left.chances]
    assert names[names.index("strikeout") + 1 : names.index("strikeout") + 3] == ["lineout", "popout"]
    assert card.vs_left.chance("popout") == Decimal(2)
    assert card.vs_left.total == Decimal(108)


def test_xcheck_total_other_than_29_is_a_note_not_an_error() -> None:
    payload = pitching_payload()
    row = payload["ratings"][1]
    row["xcheck_ss"] -= 2.0
    row["strikeout"] += 2.0
    batch = parse_pd_pitching_ratings(payload)
    (card,) = batch.records
    (note,) = card.notes
    assert (note.severity, note.record_id, note.field) == (Severity.NOTE, "48811", "xcheck_*")
    assert "vs R" in note.message
    assert "27" in note.message
    assert batch.problems == (note,)
    assert batch.errors == ()


def test_near_108_is_normalised_and_reported_as_an_adjustment() -> None:
    payload = batting_payload()
    payload["ratings"][0]["homerun"] = 2.3
    batch = parse_pd_batting_ratings(payload)
    (card,) = batch.records
    assert card.vs_left.total == Decimal(108)
    assert card.vs_left.chance("homerun") == Decimal("2.30")
    assert card.vs_left.chance("strikeout") == Decimal("14.50")
    (note,) = card.notes
    assert (note.severity, note.record_id, note.field) == (Severity.ADJUSTMENT, "61033", None)
    assert note.message == "vs L total was 108.30: strikeout adjusted by -0.30 to make 108"
    assert batch.errors == ()


def test_off_step_values_are_rounded_and_reported() -> None:
    payload = batting_payload()
    payload["ratings"][1]["walk"] = 8.63
    (card,) = parse_pd_batting_ratings(payload).records
    assert card.vs_right.chance("walk") == Decimal("8.65")
    assert card.vs_right.chance("strikeout") == Decimal("17.40")
    assert card.notes[0].message == (
        "vs R total was 108.03: rounded walk to 0.05 steps; strikeout adjusted by -0.05 to make 108"
    )


def test_float_noise_is_snapped_silently() -> None:
    payload = batting_payload()
    payload["ratings"][0]["walk"] = 10.2500001
    (card,) = parse_pd_batting_ratings(payload).records
    assert card.vs_left.chance("walk") == Decimal("10.25")
    assert card.notes == ()


@pytest.mark.parametrize("delta", [0.55, -0.6, 5.0])
def test_far_from_108_rejects_the_card_but_not_the_others(delta: float) -> None:
    payload = batting_payload()
    other = copy.deepcopy(payload["ratings"])
    for row in other:
        row["id"] += 10
        row["battingcard"]["id"] = 30999
    payload["ratings"][1]["strikeout"] += delta
    payload["ratings"].extend(other)
    batch = parse_pd_batting_ratings(payload)
    assert [card.id for card in batch.records] == [30999]
    row_problem = next(problem for problem in batch.errors if problem.record_id == "61034")
    assert "away from 108" in row_problem.message
    card_problem = next(problem for problem in batch.errors if problem.record_id == "battingcard:30517")
    assert card_problem.message == "card dropped: 1 invalid rating row(s)"


def test_negative_chance_is_rejected_naming_the_field() -> None:
    payload = batting_payload()
    row = payload["ratings"][0]
    row["groundout_b"], row["groundout_a"] = -0.5, row["groundout_a"] + 10.9
    batch = parse_pd_batting_ratings(payload)
    assert batch.records == ()
    problem = problem_at(batch.errors, "groundout_b")
    assert (problem.record_id, problem.message) == ("61033", "must not be negative, got -0.5")


def test_missing_chance_and_missing_split_are_reported() -> None:
    payload = batting_payload()
    del payload["ratings"][0]["triple"]
    batch = parse_pd_batting_ratings(payload)
    assert problem_at(batch.errors, "triple").message == "is missing"
    payload = batting_payload()
    payload["ratings"].pop()
    batch = parse_pd_batting_ratings(payload)
    assert batch.records == ()
    assert problem_at(batch.errors, "vs_hand").message == "no rating row vs R"


def test_duplicate_split_is_reported() -> None:
    payload = batting_payload()
    payload["ratings"][1]["vs_hand"] = "l"
    batch = parse_pd_batting_ratings(payload)
    assert batch.records == ()
    assert problem_at(batch.errors, "vs_hand").message == "second row vs L for battingcard 30517"


def test_bad_card_fields_are_reported_with_the_card_id() -> None:
    payload = batting_payload()
    for row in payload["ratings"]:
        row["battingcard"] |= {"bunting": "E", "steal_jump": 1.5}
    batch = parse_pd_batting_ratings(payload)
    assert batch.records == ()
    assert problem_at(batch.errors, "battingcard.bunting").record_id == "battingcard:30517"
    assert "between 0 and 1" in problem_at(batch.errors, "battingcard.steal_jump").message


def test_envelope_problems() -> None:
    assert parse_pd_batting_ratings({"ratings": "nope"}).errors[0].field == "ratings"
    batch = parse_pd_batting_ratings(batting_payload() | {"count": 5})
    assert len(batch.records) == 1
    assert batch.problems[0].severity is Severity.NOTE
    assert len(parse_pd_batting_ratings(batting_payload()["ratings"]).records) == 1


def test_card_positions_infielder() -> None:
    batch = parse_pd_card_positions(load_fixture("pd/cardpositions/player_id=88101.json"))
    assert batch.problems == ()
    assert [(row.position, row.range, row.error, row.innings) for row in batch.records] == [
        (LeaguePosition.SECOND_BASE, 2, 9, 1088),
        (LeaguePosition.SHORTSTOP, 3, 17, 214),
        (LeaguePosition.THIRD_BASE, 3, 21, 61),
    ]
    assert all(
        (row.player_id, row.variant, row.arm, row.pb, row.overthrow) == (88101, 0, None, None, None)
        for row in batch.records
    )


def test_card_positions_catcher_and_short_output() -> None:
    payload = load_fixture("pd/cardpositions/player_id=88155.json")
    payload["positions"][1]["player"] = 88155
    catcher, first = parse_pd_card_positions(payload).records
    catcher_row = (catcher.id, catcher.position, catcher.arm, catcher.pb, catcher.overthrow)
    assert catcher_row == (127790, LeaguePosition.C, -2, 5, 3)
    assert (first.player_id, first.position) == (88155, LeaguePosition.FIRST_BASE)


def test_bad_position_rows_are_reported_and_the_rest_kept() -> None:
    payload = load_fixture("pd/cardpositions/player_id=88101.json")
    payload["positions"][0]["range"] = 7
    payload["positions"][1]["position"] = "SP"
    payload["positions"].append(copy.deepcopy(payload["positions"][2]) | {"id": 127799})
    batch = parse_pd_card_positions(payload)
    assert [row.id for row in batch.records] == [127703]
    assert problem_at(batch.errors, "range").record_id == "127701"
    assert problem_at(batch.errors, "position").message == "SP is not a fielding position"
    assert problem_at(batch.errors, None).message == "duplicate record"


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=5,
)
EXTRA_KEYS = st.dictionaries(st.text(min_size=1, max_size=8).map(lambda key: f"x_{key}"), JSON_VALUES, max_size=4)


@given(top=EXTRA_KEYS, nested=EXTRA_KEYS)
def test_extra_keys_anywhere_change_nothing(top: dict[str, Any], nested: dict[str, Any]) -> None:
    player = player_payload()
    player["cardset"] |= nested
    assert parse_pd_player(player | top) == parse_pd_player(player_payload())
    batting = batting_payload()
    for row in batting["ratings"]:
        row |= top
        row["battingcard"] |= nested
    assert parse_pd_batting_ratings(batting) == parse_pd_batting_ratings(batting_payload())
