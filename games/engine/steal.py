"""The numbers that decide a steal (RULES §8) and the odds they give: one reading, used by the steal's resolution,
the AI's choice and the decision panel.

A called steal rolls ``jump_check`` d20 (1: a pickoff try, check d20 ≤ ``pickoff``; 2: a balk try, check d20 ≤
``balk``), then ``lead`` 2d6 unless the lead is automatic (good when ``(die1-1)·6 + (die2-1) < jump``; (6, 6)
without a good lead is caught leaning), then ``steal`` d20 ≤ ``steal`` (1 always safe, 20 always out).

>>> from games.engine.scenarios import demo_setup
>>> from games.engine.state import new_game
>>> from dataclasses import replace
>>> setup = demo_setup()
>>> state = replace(new_game(setup), bases=("a1", None, None))
>>> numbers = steal_numbers(setup, state, "a1", Base.FIRST, held=False)
>>> odds = steal_odds_of(numbers)
>>> round(odds.safe + odds.out + odds.balk + odds.off, 9)
1.0
"""

from __future__ import annotations

from dataclasses import dataclass

from games.engine.choices import steal_calls
from games.engine.enums import Base, Position
from games.engine.play import StealNumbers
from games.engine.state import GameSetup, GameState

LEADS = 36
"""The 2d6 lead roll's outcomes, ``(die1-1)·6 + (die2-1)`` from 0 to 35."""


@dataclass(frozen=True, slots=True)
class StealOdds:
    """Chances of one steal call: stolen, caught (or picked off / caught leaning), balk, called off; ``lead`` the
    chance of a good lead, ``roll`` the chance of the steal roll succeeding once he has one."""

    safe: float
    out: float
    balk: float
    lead: float
    roll: float

    @property
    def off(self) -> float:
        return max(0.0, 1.0 - self.safe - self.out - self.balk)


def steal_numbers(setup: GameSetup, state: GameState, runner: str, base: Base, held: bool) -> StealNumbers:
    """The numbers of ``runner`` on ``base`` stealing the next base now (``held``: the defense holds him)."""
    card = setup.players[runner].batting
    pitcher = setup.players[state.pitcher].pitching
    hold = pitcher.hold if pitcher else 0
    arm = (
        setup.players[state.fielding.at(Position.C)]
        .fielder(Position.C, out_of_position=setup.options.out_of_position)
        .arm
    )
    rating = (card.steal_high if base is Base.FIRST else card.steal_low) if card else 0
    return StealNumbers(
        runner=runner,
        base=base,
        pickoff=max(1, 3 - hold),
        balk=pitcher.balk if pitcher else 0,
        auto=card is not None and card.steal_auto and not held,
        jump=round((card.steal_jump if card else 0.0) * LEADS),
        steal=rating + hold + arm,
    )


def lead_number(dice: tuple[int, int]) -> int:
    """The lead roll's number, 0-35: ``(die1-1)·6 + (die2-1)``; a good lead is one under the runner's jump."""
    return (dice[0] - 1) * 6 + (dice[1] - 1)


def good_lead(numbers: StealNumbers, dice: tuple[int, int]) -> bool:
    """Whether the lead roll ``dice`` gives a good lead (always, for an automatic lead)."""
    return numbers.auto or lead_number(dice) < numbers.jump


def steal_safe(numbers: StealNumbers, d20: int) -> bool:
    """Whether the steal roll ``d20`` is safe: 1 always, 20 never, otherwise at most the steal number."""
    return d20 == 1 or (d20 != 20 and d20 <= numbers.steal)


def steal_odds_of(numbers: StealNumbers) -> StealOdds:
    """The exact odds of a steal decided by ``numbers`` (every die fair)."""
    pickoff = min(max(numbers.pickoff, 0), 20) / 20 / 20
    balked = min(max(numbers.balk, 0), 20) / 20 / 20
    go = 1.0 - pickoff - balked
    if numbers.auto:
        lead, leaning = 1.0, 0.0
    else:
        jump = min(max(numbers.jump, 0), LEADS)
        lead, leaning = jump / LEADS, (1 / LEADS if jump < LEADS else 0.0)
    roll = (1 + max(0, min(18, numbers.steal - 1))) / 20
    return StealOdds(go * lead * roll, pickoff + go * (lead * (1 - roll) + leaning), balked, lead, roll)


def steal_odds(setup: GameSetup, state: GameState, runner: str, base: Base, held: bool) -> StealOdds:
    """The odds of ``runner`` on ``base`` stealing the next base now (RULES §8)."""
    return steal_odds_of(steal_numbers(setup, state, runner, base, held))


def steal_call_odds(setup: GameSetup, state: GameState) -> tuple[tuple[Base, str, StealOdds, StealOdds], ...]:
    """For each runner the offense may send as the lead runner of a steal call now (`choices.steal_calls`): his
    base, his id and his odds not held and held (the defense's holds are hidden from the offense until the
    roll)."""
    leads = sorted({max(call) for call in steal_calls(state)}, reverse=True)
    odds = []
    for base in leads:
        runner = state.runner(base)
        if runner is not None:
            free = steal_odds(setup, state, runner, base, held=False)
            odds.append((base, runner, free, steal_odds(setup, state, runner, base, held=True)))
    return tuple(odds)
