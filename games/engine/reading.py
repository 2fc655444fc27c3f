"""The card under the dice (RULES §2): the one reading of a manual-mode roll into the result it shows.

In manual mode the server rolls and the side whose card is read submits the printed result. When nobody does
(the AI, a timeout), :func:`card_result` reads it: the card result under the pending dice and, where the card
prints no fielder, the fielder the location table gives for the ``split`` d20 on the side the batter bats from
against this pitcher (a switch hitter: the side opposite the pitcher's throwing hand, the side his card is read
for). Lineouts and popouts go to the groundball table, as the engine's own location roll sends them.

>>> from games.engine.scenarios import demo_setup
>>> from games.engine.state import new_game
>>> card_result(demo_setup(), new_game(demo_setup()))
SubmitOutcome(outcome=<Outcome.STRIKEOUT: 'STRIKEOUT'>, fielder=None)
"""

from __future__ import annotations

from games.engine.actions import IllegalAction, SubmitOutcome
from games.engine.cards import batting_side
from games.engine.enums import FLYBALLS, GROUNDBALLS, Hand, Outcome, Position
from games.engine.game import read_card
from games.engine.state import GameSetup, GameState, PendingRoll

__all__ = ["GROUND_TABLE", "NEEDS_FIELDER", "card_result", "location_fielder"]

GROUND_TABLE = GROUNDBALLS | {Outcome.LINEOUT, Outcome.POPOUT, Outcome.X_CHECK}
"""Results whose missing fielder comes from the groundball location table (the rest: the flyball table)."""
NEEDS_FIELDER = GROUND_TABLE | FLYBALLS
"""Results that name a fielder: the card prints one, or the location table gives it."""


def location_fielder(setup: GameSetup, state: GameState, outcome: Outcome, d20: int) -> Position:
    """The location-table fielder for ``outcome`` and a ``d20``, read for the side the batter bats from against
    the current pitcher. Raises IllegalAction when the cards hold no ratings."""
    batter = setup.players[state.batter]
    pitcher = setup.players[state.pitcher]
    if batter.batting is None or pitcher.pitching is None:
        raise IllegalAction("these cards hold no numeric ratings; the result must be submitted")
    lefty = batting_side(batter.batting.hand, pitcher.pitching.hand) is Hand.LEFT
    return setup.options.location.fielder(ground=outcome in GROUND_TABLE, lefty=lefty, d20=d20)


def card_result(setup: GameSetup, state: GameState) -> SubmitOutcome:
    """The result the pending dice read on the card (a strikeout when no roll is pending or the cards hold no
    ratings): the printed outcome and fielder, the fielder from :func:`location_fielder` where none is printed."""
    pending = state.pending
    if not isinstance(pending, PendingRoll):
        return SubmitOutcome(Outcome.STRIKEOUT)
    try:
        result = read_card(setup, state, pending.column, pending.row, pending.split)
    except IllegalAction:
        return SubmitOutcome(Outcome.STRIKEOUT)
    fielder = result.fielder
    if fielder is None and result.outcome in NEEDS_FIELDER:
        fielder = location_fielder(setup, state, result.outcome, pending.split)
    return SubmitOutcome(result.outcome, fielder)
