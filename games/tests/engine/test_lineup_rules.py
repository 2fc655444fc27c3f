"""Starting lineup legality: per-slot errors in the lineup form's messages."""

import pytest

from games.engine.lineup_rules import FIELD_POSITIONS, ProposedSlot, lineup_errors

NINE = ("C", "1B", "2B", "3B", "SS", "LF", "CF", "RF", "DH")


def _dh_lineup() -> list[ProposedSlot]:
    slots = [ProposedSlot(order, position, order, f"Player {order}") for order, position in enumerate(NINE, 1)]
    return [*slots, ProposedSlot(10, "P", None, "Starter")]


def _no_dh_lineup() -> list[ProposedSlot]:
    positions = (*FIELD_POSITIONS, "P")
    return [ProposedSlot(order, position, order, f"Player {order}") for order, position in enumerate(positions, 1)]


def test_legal_lineups_have_no_errors():
    assert lineup_errors(_dh_lineup(), dh=True) == {}
    assert lineup_errors(_no_dh_lineup(), dh=False) == {}


def test_a_player_twice_and_a_position_taken_name_the_slot_and_the_holder():
    slots = _dh_lineup()
    slots[1] = ProposedSlot(1, "C", 2, "Player 1")
    errors = lineup_errors(slots, dh=True)
    assert errors == {"position 1B": "nobody plays it", "slot 2": "C is already taken by Player 1"}
    slots[1] = ProposedSlot(1, "1B", 2, "Player 1")
    assert lineup_errors(slots, dh=True) == {"slot 2": "Player 1 appears twice"}


def test_a_taken_position_without_a_known_name_reads_as_before():
    slots = _dh_lineup()
    slots[0] = ProposedSlot(1, "C", 1, "")
    slots[1] = ProposedSlot(2, "C", 2, "Player 2")
    assert lineup_errors(slots, dh=True)["slot 2"] == "C is already taken"


@pytest.mark.parametrize(
    ("dh", "change", "key", "message"),
    [
        (True, lambda s: s[:8] + s[9:], "lineup", "needs nine batters in batting order 1-9, each once"),
        (True, lambda s: s[:9], "pitcher", "name exactly one starting pitcher"),
        (True, lambda s: [*s[:9], ProposedSlot(10, "P", 9, "Starter")], "pitcher", "with the DH the pitcher"),
        (False, lambda s: [*s[:8], ProposedSlot(9, "DH", 9, "Hitter")], "slot 9", "DH is not a lineup position"),
        (False, lambda s: [*s[:8], ProposedSlot(9, "DH", 9, "Hitter")], "position P", "nobody plays it"),
        (True, lambda s: [ProposedSlot(1, "C", 1, None), *s[1:]], "slot 1", "unknown player"),
        (True, lambda s: [*s[:9], ProposedSlot(10, "P", None, None)], "entry 10", "unknown player"),
    ],
)
def test_each_rule_has_its_message(dh, change, key, message):
    slots = change(_dh_lineup() if dh else _no_dh_lineup())
    errors = lineup_errors(slots, dh=dh)
    assert errors[key].startswith(message)


def test_an_unknown_player_is_not_counted_for_positions_or_duplicates():
    slots = _dh_lineup()
    slots[1] = ProposedSlot(1, "C", 2, None)
    errors = lineup_errors(slots, dh=True)
    assert errors["slot 2"] == "unknown player"
