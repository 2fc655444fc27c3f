from dataclasses import replace

import pytest

from games.engine import Base, InfieldDepth, Phase
from games.engine.choices import choices
from games.engine.scenarios import build
from games.tests.engine.helpers import case


@pytest.mark.parametrize(
    ("bases", "outs", "in_", "holds", "steals", "bunt", "hit_and_run"),
    [
        ("---", 0, False, (), (), False, False),
        ("1-3", 0, True, (Base.FIRST,), ((Base.FIRST,),), True, True),
        ("12-", 1, False, (Base.FIRST, Base.SECOND), ((Base.SECOND,), (Base.SECOND, Base.FIRST)), True, True),
        ("123", 2, False, (Base.FIRST, Base.SECOND), (), False, False),
        ("-2-", 0, False, (Base.SECOND,), ((Base.SECOND,),), True, False),
    ],
)
def test_choices_follow_the_base_out_state(bases, outs, in_, holds, steals, bunt, hit_and_run):
    _, state = build(case(bases, outs))
    defense = choices(state)
    assert (InfieldDepth.IN in defense.depths, defense.holds, defense.intentional_walk) == (in_, holds, True)
    offense = choices(replace(state, phase=Phase.OFFENSE))
    assert (offense.steals, offense.bunt, offense.hit_and_run) == (steals, bunt, hit_and_run)


def test_running_prompt_choices():
    from games.engine import Decide, ScriptedDice, SubmitOutcome, apply
    from games.engine.enums import Outcome

    setup, state = build(case("12-", 0))
    state = replace(state, phase=Phase.SUBMIT_OUTCOME)
    state = apply(setup, state, SubmitOutcome(Outcome.SINGLE_UNCAPPED), ScriptedDice()).state
    assert choices(state).send == (Base.SECOND, Base.FIRST)
    state = apply(setup, state, Decide(send=(Base.SECOND, Base.FIRST)), ScriptedDice()).state
    assert choices(state).throw_at == (Base.SECOND, Base.FIRST)
