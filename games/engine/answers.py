"""The system's answers for a side: the AI manager's decision, and what applies when a decision window expires.

Both read the card under the dice (:func:`games.engine.reading.card_result`) for a manual league's unsubmitted
result. Pure: no Django.
"""

from __future__ import annotations

from games.engine.actions import Action
from games.engine.ai import AiChoice, Personality, choose_action
from games.engine.enums import Phase
from games.engine.game import defaults_for
from games.engine.reading import card_result
from games.engine.state import GameSetup, GameState


def ai_choose_action(state: GameState, setup: GameSetup, personality: str) -> AiChoice:
    """The AI manager's answer (RULES decisions, with its one-line reason) for the side the game waits for;
    `personality` is the game's `ai_difficulty` (balanced, yolo, safe)."""
    if state.phase is Phase.SUBMIT_OUTCOME:
        return AiChoice(card_result(setup, state), "reads the card under the dice")
    assert state.actor is not None
    return choose_action(setup, state, state.actor, Personality(personality))


def timeout_action(state: GameState, setup: GameSetup) -> Action:
    """What applies when a decision window expires: the rules' defaults (RULES §3: normal depth, no holds, no
    steal, swing away, do not send, throw); an unsubmitted manual result is read from the card under the dice."""
    if state.phase is Phase.SUBMIT_OUTCOME:
        return card_result(setup, state)
    return defaults_for(state)
