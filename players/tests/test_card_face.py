"""Card faces: columns add up to 108, the dice point at the line the engine reads, every outcome has a group."""

from __future__ import annotations

import pytest

from games import engine
from games.engine.cards import SUB_CHANCES, BatterCard, PitcherCard
from games.engine.scenarios import demo_setup
from players.card_face import (
    GROUPS,
    OUTCOME_GROUPS,
    CardFace,
    batting_face,
    dice_index,
    line_at,
    line_for_outcome,
    pitching_face,
)
from players.demo_cards import demo_league


def _demo_faces():
    """Faces of every card of the first demo PD team (batting and pitching)."""
    team = demo_league("pd").teams[0]
    faces: list[tuple[CardFace, BatterCard | PitcherCard]] = []
    for player in team.players:
        batting = player.batting
        card = BatterCard.from_fields({"hand": batting.hand}, batting.ratings["L"], batting.ratings["R"])
        faces.append((batting_face(card), card))
        if player.pitching is not None:
            ratings = player.pitching.ratings
            pitcher = PitcherCard.from_fields({"hand": player.pitching.hand}, ratings["L"], ratings["R"])
            faces.append((pitching_face(pitcher), pitcher))
    return faces


def test_every_column_of_the_demo_cards_adds_up_to_108_and_covers_the_card_once():
    faces = _demo_faces()
    assert {face.kind for face, _ in faces} == {"batting", "pitching"}
    for face, _ in faces:
        assert [column.vs for column in face.columns] == ["L", "R"]
        for column in face.columns:
            assert column.total == 108
            assert column.lines[0].start == 0
            assert column.lines[-1].end == SUB_CHANCES
            for before, after in zip(column.lines, column.lines[1:], strict=False):
                assert before.end == after.start
            assert all(line.end - line.start == round(line.chances * 20) > 0 for line in column.lines)


def test_the_dice_point_at_the_line_the_engine_reads():
    for face, card in _demo_faces()[:6]:
        for column, split in zip(face.columns, (card.vs_left, card.vs_right), strict=True):
            for die_column in range(1, 7):
                for die1 in range(1, 7):
                    for die2 in range(1, 7):
                        for d20 in (1, 7, 20):
                            read = split.read(die_column, die1, die2, d20)
                            line = line_at(column, dice_index(die_column, (die1, die2), d20))
                            assert line is not None
                            assert (line.outcome, line.fielder) == (
                                read.outcome.value,
                                read.fielder.value if read.fielder else None,
                            )


def test_lines_are_grouped_in_the_order_a_card_reads():
    order = [key for key, _ in GROUPS]
    for face, _ in _demo_faces():
        for column in face.columns:
            ranks = [order.index(line.group) for line in column.lines]
            assert ranks == sorted(ranks), [line.key for line in column.lines]


def test_a_card_a_little_off_108_is_read_as_the_engine_normalises_it():
    card = PitcherCard.from_fields({"hand": "L"}, {"homerun": 8.0, "walk": 9.95, "strikeout": 90.0})
    column = pitching_face(card).columns[0]
    assert column.total == 108
    assert [(line.key, line.chances) for line in column.lines] == [
        ("homerun", 8.0),
        ("walk", 9.95),
        ("strikeout", 90.05),
    ]
    assert pitching_face(card).hand == "L"


def test_double_pull_names_the_batters_pull_field_and_xchecks_their_position():
    batter = BatterCard.from_fields({"hand": "L"}, {"double_pull": 8.0, "strikeout": 100.0})
    assert batting_face(batter).columns[0].lines[0].label == "Double to RF"
    assert batting_face(batter).columns[0].lines[0].fielder == "RF"
    pitcher = PitcherCard.from_fields({"hand": "R"}, {"xcheck_ss": 8.0, "strikeout": 100.0})
    line = pitching_face(pitcher).columns[1].lines[-1]
    assert (line.label, line.outcome, line.fielder, line.group) == ("X-check SS", "X_CHECK", "SS", "xcheck")


def test_every_outcome_the_engine_emits_has_a_group():
    assert set(OUTCOME_GROUPS) == set(engine.Outcome)
    assert set(OUTCOME_GROUPS.values()) <= {key for key, _ in GROUPS}
    setup = demo_setup()
    state, dice = engine.new_game(setup), engine.SeededDice(7)
    emitted = set()
    while not state.game_over:
        step = engine.apply(setup, state, engine.defaults_for(state), dice)
        emitted |= {event.outcome for event in step.events if isinstance(event, engine.Play) and event.outcome}
        state = step.state
    assert len(emitted) > 8
    assert emitted <= set(OUTCOME_GROUPS)


@pytest.mark.parametrize(
    ("outcome", "fielder", "key"),
    [
        ("FLYBALL_B", "RF", "flyout_rf_b"),
        ("FLYBALL_B", None, "flyout_lf_b"),
        ("FLYBALL_B", "CF", "flyout_lf_b"),
        ("STRIKEOUT", None, "strikeout"),
        ("INTENTIONAL_WALK", None, None),
        ("FLYBALL_C", "LF", None),
    ],
)
def test_an_outcome_maps_to_its_line(outcome, fielder, key):
    card = BatterCard.from_fields(
        {"hand": "R"}, {"flyout_lf_b": 10.0, "flyout_rf_b": 10.0, "walk": 8.0, "strikeout": 80.0}
    )
    line = line_for_outcome(batting_face(card).columns[1], outcome, fielder)
    assert (line.key if line else None) == key


def test_to_dict_is_json_data():
    face, _ = _demo_faces()[0]
    data = face.to_dict()
    assert data["kind"] == "batting"
    assert [column["total"] for column in data["columns"]] == [108, 108]
    first = data["columns"][0]["lines"][0]
    assert set(first) == {"key", "label", "outcome", "fielder", "group", "chances", "start", "end"}


def test_the_layout_sent_with_each_face_reads_the_engines_dice_index():
    from games.engine.cards import dice_index as engine_index
    from players.card_face import DICE_LAYOUT

    assert dice_index is engine_index
    batting = demo_setup().players["a1"].batting
    assert batting is not None
    layout = batting_face(batting).to_dict()["dice"]
    assert layout == DICE_LAYOUT
    for column in range(1, 7):
        for die1 in range(1, 7):
            for die2 in range(1, 7):
                for split in range(1, 21):
                    read = (
                        ((column - 1) % layout["columns"]) * layout["column"]
                        + (die1 - 1) * layout["die1"]
                        + (die2 - 1) * layout["die2"]
                        + (split - 1) * layout["split"]
                    )
                    assert read == engine_index(column, (die1, die2), split)
