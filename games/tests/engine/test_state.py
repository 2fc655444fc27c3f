from dataclasses import replace

import pytest

from games.engine import GameSetup, LineupSlot, Player, Position, RuleOptions, Side, new_game
from games.engine.scenarios import demo_setup


def setup_with(**changes):
    base = demo_setup()
    return GameSetup(
        options=changes.pop("options", base.options),
        away=replace(base.away, **changes),
        home=base.home,
        players=base.players,
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"lineup": demo_setup().away.lineup[:8]}, "nine batters"),
        ({"lineup": (*demo_setup().away.lineup[:8], LineupSlot("a1", Position.DH))}, "appears twice"),
        ({"lineup": (*demo_setup().away.lineup[:8], LineupSlot("zz", Position.DH))}, "unknown player"),
        ({"pitcher": "a1"}, "pitcher does not bat|no pitching card"),
        ({"options": RuleOptions(dh=False)}, "slot 9: DH is not a lineup position here"),
        (
            {
                "lineup": (
                    *demo_setup().away.lineup[:7],
                    LineupSlot("a9", Position.SHORTSTOP),
                    demo_setup().away.lineup[8],
                )
            },
            "SS is already taken by Away",
        ),
        (
            {"options": RuleOptions(dh=False), "lineup": (*demo_setup().away.lineup[:8], LineupSlot("a9", Position.P))},
            "pitcher must bat",
        ),
        ({"pitcher": "hp", "bullpen": ("a2",)}, "no pitching card"),
    ],
)
def test_lineup_validation(changes, message):
    with pytest.raises(ValueError, match=message):
        setup_with(**changes)


def test_manual_mode_needs_no_numeric_cards():
    base = demo_setup(RuleOptions.sba())
    players = {pid: Player(pid, player.name) for pid, player in base.players.items()}
    GameSetup(options=base.options, away=base.away, home=base.home, players=players)


def test_new_game():
    state = new_game(demo_setup())
    assert (state.inning, state.outs, state.bases_code, state.batter, state.pitcher) == (1, 0, "---", "a1", "hp")
    assert state.actor is Side.HOME
    assert state.runs_by_inning == ((0,), ())
