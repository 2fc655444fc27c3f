"""The system's answers for a side: the AI manager's decision, and what applies when a decision window expires.

Both read the card under the dice (:func:`games.engine.reading.card_result`) for a manual league's unsubmitted
result. Pure: no Django.
"""

from __future__ import annotations

from games.engine.actions import Action, IllegalAction, Roll
from games.engine.ai import AiChoice, Personality, choose_action
from games.engine.enums import Phase
from games.engine.game import defaults_for
from games.engine.orders import NO_ORDERS, StandingOrders, decision_kind
from games.engine.reading import card_result
from games.engine.state import GameSetup, GameState


def ai_choose_action(
    state: GameState, setup: GameSetup, personality: str, orders: StandingOrders = NO_ORDERS
) -> AiChoice:
    """The AI manager's answer (RULES decisions, with its one-line reason) for the side the game waits for;
    `personality` is the game's `ai_difficulty` (balanced, yolo, safe), `orders` that side's standing orders."""
    if state.phase is Phase.SUBMIT_OUTCOME:
        return AiChoice(card_result(setup, state), "reads the card under the dice")
    assert state.actor is not None
    return choose_action(setup, state, state.actor, Personality(personality), orders)


def timeout_action(state: GameState, setup: GameSetup) -> Action:
    """What applies when a decision window expires: the rules' defaults (RULES §3: normal depth, no holds, no
    steal, swing away, do not send, throw); an unsubmitted manual result is read from the card under the dice."""
    if state.phase is Phase.SUBMIT_OUTCOME:
        return card_result(setup, state)
    return defaults_for(state)


def expiry_answer(state: GameState, setup: GameSetup, personality: str, orders: StandingOrders | None) -> AiChoice:
    """What applies when the side to act lets its decision window expire: with standing `orders` saved, the AI
    manager's answer under them (and its reason); else the rules' default (:func:`timeout_action`, reason "").
    A roll is always just the roll."""
    if orders is not None and state.phase is not Phase.ROLL:
        try:
            return ai_choose_action(state, setup, personality, orders)
        except (IllegalAction, ValueError, LookupError):
            pass
    return AiChoice(timeout_action(state, setup), "")


def routine_answer(
    state: GameState, setup: GameSetup, personality: str, orders: StandingOrders = NO_ORDERS
) -> AiChoice | None:
    """The answer an automatic side (its manager asked the server to play routine decisions) gets at once, or None
    when the decision matters and its manager is asked: the roll always; the AI manager's choice under the side's
    standing `orders` when it is of a kind the orders leave to the server (``orders.automatic``) or when it is the
    rules' default (no steal, swing away; normal depth, no holds; runners hold; throw; a required pitching change
    to the first reliever; the printed card result). When the AI would do anything else (steal, bunt, hold or walk
    a batter, send a runner, pinch-hit) the decision matters."""
    if state.phase is Phase.ROLL:
        return AiChoice(Roll(), "roll")
    try:
        choice = ai_choose_action(state, setup, personality, orders)
        routine = timeout_action(state, setup)
    except (IllegalAction, ValueError, LookupError):
        return None
    if choice.action == routine or decision_kind(choice.action) in orders.automatic:
        return choice
    return None
