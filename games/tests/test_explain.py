"""The game page's dice legend and "why" lines, read from recorded play events."""

from games.engine.ai import choose_action
from games.engine.dice import SeededDice
from games.engine.game import apply
from games.engine.play import Play
from games.engine.scenarios import demo_setup
from games.engine.serialize import event_to_dict
from games.engine.state import new_game
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
