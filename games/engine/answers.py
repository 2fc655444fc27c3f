"""The system's answers for a side: the AI manager's decision and what applies when a decision window expires.

Both read the card under the dice for a manual league's unsubmitted result. Pure: no Django.
"""

from __future__ import annotations

from games.engine.actions import Action, IllegalAction, SubmitOutcome
from games.engine.ai import AiChoice, Personality, choose_action
from games.engine.dice import Dice
from games.engine.enums import FLYBALLS, GROUNDBALLS, Hand, Outcome, Phase
from games.engine.game import Step, apply, defaults_for, read_card
from games.engine.state import GameSetup, GameState, PendingRoll
from games.engine.win_expectancy import annotate

INFIELD_FLIES = frozenset({Outcome.POPOUT, Outcome.X_CHECK})

NEEDS_FIELDER = GROUNDBALLS | FLYBALLS | INFIELD_FLIES | {Outcome.LINEOUT}


def ai_choose_action(state: GameState, setup: GameSetup, personality: str) -> AiChoice:
    """The AI manager's answer (RULES decisions, with its one-line reason) for the side the game waits for;
    `personality` is the game's `ai_difficulty` (balanced, yolo, safe)."""
    if state.phase is Phase.SUBMIT_OUTCOME:
        return AiChoice(_card_result(state, setup), "reads the card under the dice")
    assert state.actor is not None
    return choose_action(setup, state, state.actor, Personality(personality))


def timeout_action(state: GameState, setup: GameSetup) -> Action:
    """What applies when a decision window expires: the rules' defaults (RULES §3: normal depth, no holds, no
    steal, swing away, do not send, throw); an unsubmitted manual result is read from the card under the dice."""
    if state.phase is Phase.SUBMIT_OUTCOME:
        return _card_result(state, setup)
    return defaults_for(state)


def _card_result(state: GameState, setup: GameSetup) -> SubmitOutcome:
    """The card result under the rolled dice (a strikeout when the cards hold no ratings)."""
    pending = state.pending
    if not isinstance(pending, PendingRoll):
        return SubmitOutcome(Outcome.STRIKEOUT)
    try:
        result = read_card(setup, state, pending.column, pending.row, pending.split)
    except IllegalAction:
        return SubmitOutcome(Outcome.STRIKEOUT)
    fielder = result.fielder
    if fielder is None and result.outcome in NEEDS_FIELDER:
        ground = result.outcome in GROUNDBALLS or result.outcome in INFIELD_FLIES
        lefty = setup.players[state.batter].bat_hand is Hand.LEFT
        fielder = setup.options.location.fielder(ground=ground, lefty=lefty, d20=pending.split)
    return SubmitOutcome(result.outcome, fielder)


def apply_step(setup: GameSetup, state: GameState, action: Action, dice: Dice) -> Step:
    """The engine's `apply` with every play's `wpa` filled in (the one place live play and replay both use)."""
    return annotate(setup, state, apply(setup, state, action, dice))
