"""Starting lineup legality: per-slot errors in the lineup form's messages."""

from dataclasses import replace

import pytest

from games.engine.cards import FielderRating
from games.engine.enums import Position
from games.engine.lineup_rules import (
    FIELD_POSITIONS,
    OUT_OF_POSITION,
    ProposedSlot,
    lineup_errors,
    out_of_position_warnings,
    plays_out_of_position,
)
from games.engine.options import RuleOptions
from games.engine.scenarios import demo_setup
from games.engine.state import _rated
from games.simulation import sim_league

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


# -- out of position (RULES §12, the league option) -----------------------------------------------------------


def _with_rated(slots: list[ProposedSlot], rated: dict[str, tuple[str, ...]]) -> list[ProposedSlot]:
    """Every slot rated at its own position, except the positions in `rated` (position -> what his card rates)."""
    return [replace(slot, rated=rated.get(slot.position, (slot.position,))) for slot in slots]


def test_a_league_without_out_of_position_refuses_a_starter_at_a_position_his_card_lacks():
    slots = _with_rated(_dh_lineup(), {"SS": ("2B", "3B")})
    assert lineup_errors(slots, dh=True) == {}
    assert lineup_errors(slots, dh=True, out_of_position=False) == {
        "slot 5": "Player 5 has no SS rating, and this league does not play anyone out of position"
    }
    assert lineup_errors(_with_rated(_dh_lineup(), {}), dh=True, out_of_position=False) == {}


@pytest.mark.parametrize(
    ("rated", "out"),
    [(("2B",), True), (("SS", "2B"), False), (("P",), True), ((), False), (None, False)],
    ids=["rated-elsewhere", "rated-here", "a-pitcher", "an-unrated-card-plays-league-average", "not-known"],
)
def test_who_plays_out_of_position(rated, out):
    slot = ProposedSlot("x", "SS", 5, "X", rated)
    assert plays_out_of_position(slot) is out
    assert lineup_errors([slot], dh=True, out_of_position=False).get("slot 5", "").endswith("out of position") is out


def test_the_warnings_name_the_player_the_position_and_the_ratings_he_plays_it_with():
    slots = _with_rated(_dh_lineup(), {"C": ("1B",), "SS": ("2B",), "LF": ("P",)})
    catcher, shortstop, left = (
        OUT_OF_POSITION[Position.C],
        OUT_OF_POSITION[Position.SHORTSTOP],
        OUT_OF_POSITION[Position.LEFT_FIELD],
    )
    assert out_of_position_warnings(slots) == {
        "slot 1": f"Player 1 plays C out of position: range 5, error {catcher.error}, arm +3, passed ball 8",
        "slot 5": f"Player 5 plays SS out of position: range 5, error {shortstop.error}, arm 0",
        "slot 6": f"Player 6 plays LF out of position: range 5, error {left.error}, arm +2",
    }
    assert out_of_position_warnings(_with_rated(_dh_lineup(), {"DH": ("1B",)})) == {}


@pytest.mark.parametrize("code", ["pd", "sba"])
def test_the_lineup_check_agrees_with_the_fielder_the_engine_plays(code):
    league = sim_league(code)
    for player in league.players.values():
        for position in FIELD_POSITIONS:
            slot = ProposedSlot(player.id, position, 1, player.name, _rated(league.players, player.id))
            assert plays_out_of_position(slot) is player.out_of_position(Position(position)), (player.id, position)


def test_a_game_setup_refuses_an_out_of_position_starter_only_when_the_league_forbids_it():
    shortstop_only = replace(demo_setup().players["h6"], fielding={Position.SHORTSTOP: FielderRating()})
    setup = demo_setup(players={"h6": shortstop_only})  # h6 starts in left field
    assert setup.players["h6"].out_of_position(Position.LEFT_FIELD)
    message = "home lineup: slot 6: Home 6 has no LF rating, and this league does not play anyone out of position"
    with pytest.raises(ValueError, match=f"^{message}$"):
        demo_setup(RuleOptions(out_of_position=False), players={"h6": shortstop_only})
