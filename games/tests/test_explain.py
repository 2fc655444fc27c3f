"""The game page's dice legend and "why" lines, read from recorded play events."""

from dataclasses import replace

from games.engine.actions import DefenseDecision, OffenseDecision, Roll
from games.engine.ai import choose_action
from games.engine.cards import BatterCard, PitcherCard
from games.engine.dice import ScriptedDice, SeededDice
from games.engine.enums import Base
from games.engine.game import apply
from games.engine.play import Play
from games.engine.scenarios import AVERAGE_BATTER, AVERAGE_PITCHER, AVERAGE_RUNNER, demo_setup
from games.engine.serialize import event_to_dict
from games.engine.state import Player, new_game
from games.explain import ROLL_LABELS, dice_legend, dice_why


def _plays(seeds: range) -> list[dict]:
    plays = []
    for seed in seeds:
        setup, dice = demo_setup(), SeededDice(seed)
        state = new_game(setup)
        while state.actor is not None:
            step = apply(setup, state, choose_action(setup, state, state.actor).action, dice)
            plays += [event_to_dict(event) for event in step.events if isinstance(event, Play)]
            state = step.state
    return plays


PLAYS = _plays(range(4))


def test_the_legend_keeps_the_order_the_dice_were_rolled_and_labels_each():
    for play in PLAYS:
        legend = dice_legend(play)
        assert [entry["name"] for entry in legend] == [name for name, _ in play["rolls"]]
        assert all(entry["label"] == ROLL_LABELS[entry["name"]] for entry in legend)
    row = next(entry for play in PLAYS for entry in dice_legend(play) if entry["name"] == "row")
    first, second = (int(part) for part in row["value"].split(" = ")[0].split("+"))
    assert row["value"] == f"{first}+{second} = {first + second}"


def test_a_ballpark_check_says_why_the_bp_result_changed_or_stood():
    changed = [p for p in PLAYS if p["outcome"] == "BP_SINGLE" and p["stats"]["bplo"]]
    stood = [p for p in PLAYS if p["outcome"] == "BP_SINGLE" and p["stats"]["bp1b"]]
    assert changed, "the seeded games hold a BP single turned lineout"
    assert stood, "the seeded games hold a BP single that stood"
    for play in changed:
        check = [value for name, value in play["rolls"] if name == "check"][-1]
        assert f"Ballpark check (d20 {check}): over the park's number, the BP single becomes a lineout" in dice_why(
            play
        )
    assert any("the BP single stands" in line for play in stood for line in dice_why(play))


def test_wild_pitch_checks_and_x_check_errors_are_explained():
    chaos = [p for p in PLAYS if any(name == "chaos" and value in (1, 2) for name, value in p["rolls"])]
    assert chaos
    assert all(any(line.startswith("Chaos ") for line in dice_why(p)) for p in chaos)
    xchecks = [p for p in PLAYS if p["outcome"] == "X_CHECK"]
    assert xchecks
    for play in xchecks:
        why = [line for line in dice_why(play) if line.startswith("Error check")]
        assert why == [
            "Error check (3d6 {}): {}".format(
                next(v for n, v in play["rolls"] if n == "error"), "an error" if play["errors"] else "no error"
            )
        ]


def test_a_play_without_secondary_checks_has_no_why():
    plain = next(p for p in PLAYS if [n for n, _ in p["rolls"]] == ["column", "row", "split"])
    assert dice_why(plain) == []


def _steal_play(dice: dict, runner: dict | None = None, pitcher: dict | None = None) -> dict:
    """The play of a called steal of R1 rolled with scripted ``dice``."""
    batting = BatterCard.from_fields(
        {**AVERAGE_RUNNER, "steal_jump": 9 / 36, "steal_high": 12, **(runner or {})}, AVERAGE_BATTER
    )
    pitching = PitcherCard.from_fields({"hand": "R", **(pitcher or {})}, AVERAGE_PITCHER)
    setup = demo_setup(
        players={"a1": Player("a1", "Runner", batting=batting), "hp": Player("hp", "P", pitching=pitching)}
    )
    state = replace(new_game(setup), bases=("a1", None, None))
    state = apply(setup, state, DefenseDecision(), SeededDice(1)).state
    state = apply(setup, state, OffenseDecision(steal=(Base.FIRST,)), SeededDice(1)).state
    (play,) = apply(setup, state, Roll(), ScriptedDice(dice)).events
    return event_to_dict(play)


def test_a_steal_says_the_lead_roll_against_the_jump_needed_and_the_steal_roll_against_its_number():
    off = _steal_play({"jump_check": 7, "lead": [[4, 3]]})
    assert off["play_type"] == "STEAL_CALLED_OFF"
    assert dice_why(off) == ["Lead (2d6 4-3 = 20): a jump needs under 9 of 36: no jump, the steal is off"]
    safe = _steal_play({"jump_check": 9, "lead": [[1, 3]], "steal": 2, "check": 20})
    number = safe["steal"]["steal"]
    assert safe["play_type"] == "STOLEN_BASE"
    assert dice_why(safe) == [
        "Lead (2d6 1-3 = 2): a jump needs under 9 of 36: a good lead",
        f"Steal (d20 2) against {number} or less (1 safe, 20 out): safe",
        "Throwing-error check (d20 20) after a steal roll of 3 or less: no throwing error",
    ]
    caught = _steal_play({"jump_check": 9, "lead": [[1, 1]], "steal": 20})
    assert dice_why(caught)[-1] == f"Steal (d20 20) against {number} or less (1 safe, 20 out): caught stealing"
    leaning = _steal_play({"jump_check": 4, "lead": [[6, 6]]})
    assert dice_why(leaning) == ["Lead (2d6 6-6 = 35): a jump needs under 9 of 36: no jump, and 6-6 is caught leaning"]


def test_a_steal_explains_the_pickoff_throw_the_balk_check_and_an_automatic_lead():
    picked = _steal_play({"jump_check": 1, "check": 2})
    assert picked["play_type"] == "PICKOFF"
    assert dice_why(picked) == ["Jump check (d20 1): pickoff throw, d20 2 against 3 or less: picked off"]
    back = _steal_play({"jump_check": 1, "check": 15, "lead": [[5, 5]]})
    assert dice_why(back)[0] == "Jump check (d20 1): pickoff throw, d20 15 against 3 or less: he gets back"
    balk = _steal_play({"jump_check": 2, "check": 3}, pitcher={"balk": 4})
    assert balk["play_type"] == "BALK"
    assert dice_why(balk) == ["Jump check (d20 2): balk check, d20 3 against 4 or less: a balk"]
    auto = _steal_play({"jump_check": 2, "check": 9, "steal": 8}, runner={"steal_auto": True}, pitcher={"balk": 4})
    assert dice_why(auto) == [
        "Jump check (d20 2): balk check, d20 9 against 4 or less: no balk",
        "Lead: automatic (a * runner who is not held)",
        f"Steal (d20 8) against {auto['steal']['steal']} or less (1 safe, 20 out): safe",
    ]
    assert auto["play_type"] == "STOLEN_BASE"
