"""Seeded demo games for property tests: default decisions, or a random mix of legal non-default ones."""

import random
from dataclasses import replace

from hypothesis import strategies as st

from games.engine import (
    Base,
    Decide,
    DefenseDecision,
    IllegalAction,
    InfieldDepth,
    OffenseDecision,
    Phase,
    Position,
    RuleOptions,
    SeededDice,
    SubmitOutcome,
    defaults_for,
    read_card,
)
from games.engine.enums import FLYBALLS
from games.engine.gamelog import Scorebook
from games.engine.scenarios import demo_setup
from games.engine.state import PendingRoll


def _choices(state, rng):
    """Legal-looking non-default actions to try before the default."""
    phase = state.phase
    occupied = [base for base in Base if state.runner(base) is not None]
    if phase is Phase.DEFENSE:
        return [
            DefenseDecision(intentional_walk=True),
            DefenseDecision(infield=InfieldDepth.IN),
            DefenseDecision(infield=InfieldDepth.CORNERS_IN, hold=tuple(b for b in occupied if b < 3)),
        ]
    if phase is Phase.OFFENSE:
        return [
            OffenseDecision(steal=(Base.FIRST,)),
            OffenseDecision(steal=(Base.SECOND,)),
            OffenseDecision(bunt=True),
        ]
    if phase is Phase.SEND:
        return [Decide(send=tuple(state.pending.candidates[: rng.randint(1, 2)]))]
    if phase is Phase.THROW:
        return [Decide(throw=False), Decide(throw=True, at=state.pending.sent[-1])]
    return []


def submit(book, outcome, fielder, dice):
    """Submit the card result; where the rules want a printed fielder the card lacks, the shortstop or the
    center fielder takes it."""
    try:
        book.play(SubmitOutcome(outcome, fielder), dice)
    except IllegalAction:
        book.play(SubmitOutcome(outcome, Position.CENTER_FIELD if outcome in FLYBALLS else Position.SHORTSTOP), dice)


def play_game(seed, *, league="pd", bold=0.0, innings=9, stop_after=None):
    """A seeded game; ``bold`` is the chance of trying a non-default decision at each step."""
    options = RuleOptions.pd() if league == "pd" else RuleOptions.sba()
    setup = demo_setup(replace(options, innings=innings))
    book = Scorebook(setup)
    rng = random.Random(seed)
    dice = SeededDice(seed)
    while not book.state.game_over and (stop_after is None or book.state.plays < stop_after):
        state = book.state
        if state.phase is Phase.SUBMIT_OUTCOME:
            pending = state.pending
            assert isinstance(pending, PendingRoll)
            result = read_card(setup, state, pending.column, pending.row, pending.split)
            submit(book, result.outcome, result.fielder, dice)
            continue
        options_now = _choices(state, rng) if rng.random() < bold else []
        rng.shuffle(options_now)
        for action in options_now:
            try:
                book.play(action, dice)
                break
            except IllegalAction:
                continue
        else:
            book.play(defaults_for(state), dice)
    return book


seeded_games = st.builds(
    play_game,
    seed=st.integers(0, 10_000),
    league=st.sampled_from(["pd", "sba"]),
    bold=st.sampled_from([0.0, 0.3]),
    innings=st.integers(1, 4),
)
"""Finished seeded games (pd or sba, one to four innings), as :class:`Scorebook` objects."""
