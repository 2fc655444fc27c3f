"""The card under the dice (RULES §2): the one reading of a manual-mode roll into the result it shows.

In manual mode the server rolls and the side whose card is read submits the printed result. When nobody does
(the AI, a timeout), :func:`card_result` reads it: the card result under the pending dice and, where the card
prints no fielder, the fielder the location table gives for the ``split`` d20 on the side the batter bats from
against this pitcher (a switch hitter: the side opposite the pitcher's throwing hand, the side his card is read
for). Lineouts and popouts go to the groundball table, as the engine's own location roll sends them. When a side
does submit, :func:`entered_mismatch` says whether its result differs from the card the engine holds.

>>> from games.engine.scenarios import demo_setup
>>> from games.engine.state import new_game
>>> card_result(demo_setup(), new_game(demo_setup()))
SubmitOutcome(outcome=<Outcome.STRIKEOUT: 'STRIKEOUT'>, fielder=None)
"""

from __future__ import annotations

from games.engine.actions import IllegalAction, IllegalOutcome, SubmitOutcome
from games.engine.cards import CardResult, batting_side
from games.engine.enums import FLYBALLS, GROUNDBALLS, Hand, Outcome, Position
from games.engine.play import Mismatch
from games.engine.state import GameSetup, GameState, PendingRoll

__all__ = ["GROUND_TABLE", "NEEDS_FIELDER", "card_result", "entered_mismatch", "location_fielder", "read_card"]

GROUND_TABLE = GROUNDBALLS | {Outcome.LINEOUT, Outcome.POPOUT, Outcome.X_CHECK}
"""Results whose missing fielder comes from the groundball location table (the rest: the flyball table)."""
NEEDS_FIELDER = GROUND_TABLE | FLYBALLS
"""Results that name a fielder: the card prints one, or the location table gives it."""


def read_card(setup: GameSetup, state: GameState, column: int, row: tuple[int, int], split: int) -> CardResult:
    """The card result under the at-bat dice: columns 1-3 the batter's card, 4-6 the pitcher's (its fatigued
    table when he is fatigued, RULES §11)."""
    batter = setup.players[state.batter]
    pitcher = setup.players[state.pitcher]
    if batter.batting is None or pitcher.pitching is None:
        raise IllegalOutcome("these cards hold no numeric ratings; the result must be submitted")
    if column <= 3:
        card = batter.batting.split(pitcher.pitching.hand)
    else:
        card = pitcher.pitching.split(batting_side(batter.batting.hand, pitcher.pitching.hand))
        if state.fielding.pitcher_fatigued:
            return card.read_fatigued(column, row[0], row[1], split)
    return card.read(column, row[0], row[1], split)


def _printed(setup: GameSetup, state: GameState) -> CardResult | None:
    """The card result under the pending dice, None when no roll is pending or the cards hold no ratings."""
    pending = state.pending
    if not isinstance(pending, PendingRoll):
        return None
    try:
        return read_card(setup, state, pending.column, pending.row, pending.split)
    except IllegalAction:
        return None


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
    result = _printed(setup, state)
    if result is None:
        return SubmitOutcome(Outcome.STRIKEOUT)
    fielder = result.fielder
    if fielder is None and result.outcome in NEEDS_FIELDER:
        assert isinstance(state.pending, PendingRoll)
        fielder = location_fielder(setup, state, result.outcome, state.pending.split)
    return SubmitOutcome(result.outcome, fielder)


def entered_mismatch(setup: GameSetup, state: GameState, action: SubmitOutcome) -> Mismatch | None:
    """How a submitted result differs from the card under the pending dice: None when it agrees, or when the
    engine does not hold the card (no ratings: a physical card only). The outcome is compared, and the fielder
    where the card prints one (a fielder the location table would give is not on the physical card)."""
    result = _printed(setup, state)
    side = state.actor
    if result is None or side is None:
        return None
    if result.outcome is action.outcome and result.fielder in (None, action.fielder):
        return None
    return Mismatch(side, action.outcome, action.fielder, result.outcome, result.fielder)
