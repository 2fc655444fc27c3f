"""Card results as SBA's Strat-O-Matic cards print them (RULES §2, "SBA manual mode"; docs/sba_card_format.md,
"Results as printed"): the one mapping from the engine's outcomes to the codes a manager reads off his card.

Hits, walks and hit-by-pitch print in capitals (``SINGLE**``: runners move two bases), outs in lower case with the
fielder in parentheses (``gb(ss)A``). A result whose fielder the card prints takes it in place of ``{pos}``;
without one the parentheses are left out (``gb A``).

>>> printed_result(Outcome.GROUNDBALL_A, Position.SHORTSTOP)
'gb(ss)A'
>>> printed_result(Outcome.GROUNDBALL_A)
'gb A'
>>> printed_result(Outcome.SINGLE_2)
'SINGLE**'
>>> [p.value for p in printed_fielders(Outcome.FLYBALL_B)]
['LF', 'CF', 'RF']
"""

from __future__ import annotations

from dataclasses import dataclass

from games.engine.enums import FIELDING_POSITIONS, GROUNDBALLS, Outcome, Position
from games.engine.play import Mismatch

__all__ = ["PRINTED", "Printed", "mismatch_text", "printed_fielders", "printed_result"]


@dataclass(frozen=True, slots=True)
class Printed:
    """How a card prints one result: ``code`` (with ``{pos}`` where it prints a fielder) and a plain ``gloss``."""

    code: str
    gloss: str

    @property
    def takes_fielder(self) -> bool:
        return "{pos}" in self.code


PRINTED: dict[Outcome, Printed] = {
    Outcome.HOMERUN: Printed("HOMERUN", "home run"),
    Outcome.BP_HOMERUN: Printed("◆HOMERUN", "ballpark home run: the park's number decides"),
    Outcome.TRIPLE: Printed("TRIPLE", "triple"),
    Outcome.DOUBLE_3: Printed("DOUBLE***", "double, runners move three bases"),
    Outcome.DOUBLE_2: Printed("DOUBLE**", "double, runners move two bases"),
    Outcome.DOUBLE_UNCAPPED: Printed("DOUBLE({pos})", "double, runners may try for an extra base"),
    Outcome.SINGLE_2: Printed("SINGLE**", "single, runners move two bases"),
    Outcome.SINGLE_1: Printed("SINGLE*", "single, runners move one base"),
    Outcome.SINGLE_UNCAPPED: Printed("SINGLE({pos})", "single, runners may try for an extra base"),
    Outcome.BP_SINGLE: Printed("◆SINGLE", "ballpark single: the park's number decides"),
    Outcome.HIT_BY_PITCH: Printed("HBP", "hit by pitch"),
    Outcome.WALK: Printed("WALK", "walk"),
    Outcome.INTENTIONAL_WALK: Printed("IBB", "intentional walk (the defense's decision)"),
    Outcome.STRIKEOUT: Printed("strikeout", "strikeout"),
    Outcome.LINEOUT: Printed("lo({pos})", "lineout"),
    Outcome.POPOUT: Printed("po({pos})", "popout"),
    Outcome.FLYBALL_A: Printed("fly({pos})A", "deep fly: runners tag up"),
    Outcome.FLYBALL_BQ: Printed("fly({pos})B?", "medium-shallow fly: R3 may try to score"),
    Outcome.FLYBALL_B: Printed("fly({pos})B", "medium fly: R3 scores"),
    Outcome.FLYBALL_C: Printed("fly({pos})C", "shallow fly: runners hold"),
    Outcome.GROUNDBALL_A: Printed("gb({pos})A", "groundball A: double-play ball"),
    Outcome.GROUNDBALL_B: Printed("gb({pos})B", "groundball B"),
    Outcome.GROUNDBALL_C: Printed("gb({pos})C", "groundball C: slow roller"),
    Outcome.X_CHECK: Printed("X({pos})", "X-check: the fielder's range and error decide"),
}
"""Every outcome's printed code and gloss, in the order of RULES §2."""

_OUTFIELD = tuple(p for p in FIELDING_POSITIONS if p.is_outfield)
_INFIELD = tuple(p for p in FIELDING_POSITIONS if p.is_infield)
_OUTFIELD_RESULTS = frozenset(
    {Outcome.DOUBLE_UNCAPPED, Outcome.SINGLE_UNCAPPED, Outcome.FLYBALL_A, Outcome.FLYBALL_BQ}
    | {Outcome.FLYBALL_B, Outcome.FLYBALL_C}
)


def printed_fielders(outcome: Outcome) -> tuple[Position, ...]:
    """The fielders a card may print with ``outcome`` (none for a result printed without one): outfielders for
    flies and uncapped hits, infielders for groundballs, any fielder for lineouts, popouts and X-checks."""
    if not PRINTED[outcome].takes_fielder:
        return ()
    if outcome in _OUTFIELD_RESULTS:
        return _OUTFIELD
    if outcome in GROUNDBALLS:
        return _INFIELD
    return FIELDING_POSITIONS


def printed_result(outcome: Outcome, fielder: Position | None = None) -> str:
    """``outcome`` as the card prints it, with ``fielder`` where the card prints one (``gb(ss)A``); without a
    fielder the parentheses are left out (``gb A``)."""
    code = PRINTED[outcome].code
    if not PRINTED[outcome].takes_fielder:
        return code
    if fielder is None:
        head, tail = code.split("({pos})")
        return f"{head} {tail}".strip()
    return code.replace("{pos}", fielder.value.lower())


def mismatch_text(mismatch: Mismatch) -> str:
    """The play-by-play's note on a result entered against the card: ``entered HOMERUN; card reads strikeout``."""
    entered = printed_result(mismatch.entered, mismatch.entered_fielder)
    return f"entered {entered}; card reads {printed_result(mismatch.card, mismatch.card_fielder)}"
