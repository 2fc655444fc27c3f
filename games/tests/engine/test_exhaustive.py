"""Every card result, base state, out count, depth and fielder resolves without losing or duplicating anyone."""

import itertools
import random
from dataclasses import replace

import pytest

from games.engine.actions import DefenseDecision
from games.engine.dice import RecordingDice, ScriptedDice
from games.engine.enums import FIELDING_POSITIONS, FLYBALLS, GROUNDBALLS, OUTFIELD, InfieldDepth, Outcome, Position
from games.engine.enums import XCheckResult as X
from games.engine.resolve import Builder, _rare_play, _x_error, answer_prompt, resolve_outcome
from games.engine.scenarios import build
from games.engine.tables import BASE_KEYS
from games.tests.engine.helpers import case

INFIELDERS = [p for p in FIELDING_POSITIONS if not p.is_outfield]


def fielders_for(outcome):
    if outcome is Outcome.X_CHECK:
        return list(FIELDING_POSITIONS)
    if outcome in FLYBALLS or outcome in (Outcome.DOUBLE_UNCAPPED, Outcome.SINGLE_UNCAPPED):
        return [None, *sorted(OUTFIELD, key=str)]
    if outcome in GROUNDBALLS or outcome in (Outcome.LINEOUT, Outcome.POPOUT):
        return [None, *INFIELDERS]
    return [None]


STATES = {(mask, outs): build(case(BASE_KEYS[mask], outs)) for mask in range(8) for outs in range(3)}


def check(p: Builder, before: int) -> None:
    on_base = [pid for pid in p.bases if pid is not None]
    assert len(set(on_base)) == len(on_base)
    assert not set(on_base) & set(p.scored)
    assert p.outs <= 3
    if p.outs < 3:
        batter = 1 if p.pa_complete else 0
        assert before + batter == len(on_base) + len(p.scored) + (p.outs - p.outs_before), p.notes


def run(setup, state, rng, resolver, answers=True):
    seed = rng.randrange(1 << 30)
    p = Builder(setup, state, RecordingDice(ScriptedDice({}, seed)))
    prompt = resolver(p)
    before = sum(pid is not None for pid in state.bases)
    if prompt is None:
        check(p, before)
        return
    draft = p.freeze()
    sends = [()] + [prompt.candidates[:n] for n in range(1, len(prompt.candidates) + 1)]
    for sent, throw, roll in itertools.product(sends, (True, False), (1, 20)):
        q = Builder(setup, state, RecordingDice(ScriptedDice({"check": roll})), draft=draft)
        answer_prompt(q, prompt.kind, sent, throw, sent[-1] if sent and throw else None)
        check(q, before)


@pytest.mark.parametrize("outcome", [o for o in Outcome])
def test_every_outcome_everywhere(outcome):
    rng = random.Random(outcome.value)
    for (mask, outs), (setup, state) in STATES.items():
        depths = [InfieldDepth.NORMAL, InfieldDepth.CORNERS_IN]
        if mask & 4 and outs < 2:
            depths.append(InfieldDepth.IN)
        for depth, fielder in itertools.product(depths, fielders_for(outcome)):
            decided = replace(state, defense=DefenseDecision(infield=depth))
            run(setup, decided, rng, lambda p, f=fielder: resolve_outcome(p, outcome, f))


@pytest.mark.parametrize("base", list(X))
def test_every_xcheck_result_with_every_error_and_rare_play(base):
    rng = random.Random(base.value)
    fielder = Position.LEFT_FIELD if base.value[0] in "DTF" else Position.SHORTSTOP
    for (setup, state), error in itertools.product(STATES.values(), (1, 2, 3)):
        if base is X.SPD or base.value.endswith("#"):
            continue
        run(setup, state, rng, lambda p, e=error: _x_error(p, base, fielder, e))
    for setup, state in STATES.values():
        if base is not X.SPD and not base.value.endswith("#"):
            run(setup, state, rng, lambda p: _rare_play(p, base, fielder))
