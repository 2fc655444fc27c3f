"""Card faces: a PD card's ratings as the card reads (RULES §2), for the live game page. Pure Python, no Django.

A face has one column per opposing hand (batters vs LHP / RHP, pitchers vs LHB / RHB). Each column lists the
card's results in the canonical reading order, grouped the way a card reads (home runs, triples, doubles,
singles, on base, strikeouts, outs in the air, groundballs, X-checks), each with its chances (out of 108) and
the range of the 2160 sub-chances it covers, so the dice of a play point at exactly one line:
``index = ((column-1) mod 3)·720 + ((die1-1)·6 + (die2-1))·20 + (split-1)`` (the engine's :func:`dice_index`,
re-exported here; the page gets its layout with each face as ``dice``, :data:`DICE_LAYOUT`).
:func:`line_for_outcome` finds the line of a submitted or read outcome where the dice do not say (manual results,
fatigued pitchers); :data:`OUTCOME_GROUPS` places every engine outcome in a group.

>>> from games.engine.cards import PitcherCard
>>> face = pitching_face(PitcherCard.from_fields({"hand": "R"}, {"strikeout": 100.0, "walk": 8.0}))
>>> [(line.label, line.chances) for line in face.columns[0].lines]
[('Walk', 8.0), ('Strikeout', 100.0)]
>>> line_at(face.columns[0], dice_index(1, (1, 1), 1)).label
'Walk'
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from games.engine.cards import SUB_CHANCES_PER_CHANCE, BatterCard, PitcherCard, SplitCard, dice_index
from games.engine.enums import Outcome

GROUPS: tuple[tuple[str, str], ...] = (
    ("homerun", "Home runs"),
    ("triple", "Triples"),
    ("double", "Doubles"),
    ("single", "Singles"),
    ("on_base", "On base"),
    ("strikeout", "Strikeouts"),
    ("air_out", "Outs in the air"),
    ("groundout", "Groundballs"),
    ("xcheck", "X-checks"),
)
"""Group keys and titles, in the order a card reads."""

OUTCOME_GROUPS: dict[Outcome, str] = {
    Outcome.HOMERUN: "homerun",
    Outcome.BP_HOMERUN: "homerun",
    Outcome.TRIPLE: "triple",
    Outcome.DOUBLE_3: "double",
    Outcome.DOUBLE_2: "double",
    Outcome.DOUBLE_UNCAPPED: "double",
    Outcome.SINGLE_2: "single",
    Outcome.SINGLE_1: "single",
    Outcome.SINGLE_UNCAPPED: "single",
    Outcome.BP_SINGLE: "single",
    Outcome.HIT_BY_PITCH: "on_base",
    Outcome.WALK: "on_base",
    Outcome.INTENTIONAL_WALK: "on_base",
    Outcome.STRIKEOUT: "strikeout",
    Outcome.LINEOUT: "air_out",
    Outcome.POPOUT: "air_out",
    Outcome.FLYBALL_A: "air_out",
    Outcome.FLYBALL_BQ: "air_out",
    Outcome.FLYBALL_B: "air_out",
    Outcome.FLYBALL_C: "air_out",
    Outcome.GROUNDBALL_A: "groundout",
    Outcome.GROUNDBALL_B: "groundout",
    Outcome.GROUNDBALL_C: "groundout",
    Outcome.X_CHECK: "xcheck",
}
"""The group of every outcome the engine emits (also those no card prints: INTENTIONAL_WALK, FLYBALL_C)."""

_LABELS: dict[str, str] = {
    "homerun": "Home run",
    "bp_homerun": "Ballpark HR",
    "triple": "Triple",
    "double_three": "Double (+3)",
    "double_two": "Double (+2)",
    "double_pull": "Double to {fielder}",
    "double_cf": "Double CF (uncapped)",
    "single_two": "Single (+2)",
    "single_one": "Single (+1)",
    "single_center": "Single CF (uncapped)",
    "bp_single": "Ballpark single",
    "hbp": "Hit by pitch",
    "walk": "Walk",
    "strikeout": "Strikeout",
    "lineout": "Lineout",
    "popout": "Popout",
    "flyout_a": "Flyball A",
    "flyout_bq": "Flyball BQ",
    "flyout_lf_b": "Flyball B to LF",
    "flyout_cf_b": "Flyball B to CF",
    "flyout_rf_b": "Flyball B to RF",
    "groundout_a": "Groundball A",
    "groundout_b": "Groundball B",
    "groundout_c": "Groundball C",
}
"""How each result reads on the face; (+2) / (+3) is how far runners move on the hit."""

__all__ = [
    "DICE_LAYOUT",
    "GROUPS",
    "OUTCOME_GROUPS",
    "CardFace",
    "FaceColumn",
    "FaceLine",
    "batting_face",
    "dice_index",
    "face_column",
    "line_at",
    "line_for_outcome",
    "pitching_face",
]


def _layout() -> dict[str, int]:
    origin = dice_index(1, (1, 1), 1)
    return {
        "columns": next(c for c in range(2, 7) if dice_index(c, (1, 1), 1) == origin) - 1,
        "column": dice_index(2, (1, 1), 1) - origin,
        "die1": dice_index(1, (2, 1), 1) - origin,
        "die2": dice_index(1, (1, 2), 1) - origin,
        "split": dice_index(1, (1, 1), 2) - origin,
    }


DICE_LAYOUT: dict[str, int] = _layout()
"""Which sub-chance the dice read, as the engine's :func:`dice_index` lays it out (sent with every face so the
page reads the index this way instead of knowing the formula): ``index = ((column-1) mod columns)·column +
(die1-1)·die1 + (die2-1)·die2 + (split-1)·split``.

>>> DICE_LAYOUT
{'columns': 3, 'column': 720, 'die1': 120, 'die2': 20, 'split': 1}
"""


@dataclass(frozen=True, slots=True)
class FaceLine:
    """One result of a card column: PD field `key`, a readable `label`, the `outcome` and printed `fielder` the
    engine reads, its `group`, `chances` out of 108 and its sub-chances `start`..`end` (end excluded)."""

    key: str
    label: str
    outcome: str
    fielder: str | None
    group: str
    chances: float
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class FaceColumn:
    """The card read against one hand (`vs` "L" or "R"); its lines' chances add up to 108."""

    vs: str
    lines: tuple[FaceLine, ...]

    @property
    def total(self) -> float:
        return round(sum(line.chances for line in self.lines), 2)


@dataclass(frozen=True, slots=True)
class CardFace:
    """A batting or pitching card (`kind`), its `hand` (bats / throws) and its two columns (vs L, vs R)."""

    kind: str
    hand: str
    columns: tuple[FaceColumn, FaceColumn]

    def to_dict(self) -> dict[str, Any]:
        """JSON data for the page: `{kind, hand, dice, columns: [{vs, total, lines: [...]}]}` (`dice`: the
        :data:`DICE_LAYOUT` the lines' `start`/`end` sub-chances are counted in)."""
        return {
            "kind": self.kind,
            "hand": self.hand,
            "dice": dict(DICE_LAYOUT),
            "columns": [
                {"vs": column.vs, "total": column.total, "lines": [asdict(line) for line in column.lines]}
                for column in self.columns
            ],
        }


def _label(key: str, fielder: str | None) -> str:
    if key.startswith("xcheck_"):
        return f"X-check {key.removeprefix('xcheck_').upper()}"
    return _LABELS[key].format(fielder=fielder or "pull field")


def face_column(vs: str, split: SplitCard) -> FaceColumn:
    """The lines of one split of an engine card, in canonical order (empty results left out)."""
    lines = []
    start = 0
    for key, chances in split.chances:
        count = round(chances * SUB_CHANCES_PER_CHANCE)
        result = split.table[start]
        fielder = result.fielder.value if result.fielder else None
        lines.append(
            FaceLine(
                key=key,
                label=_label(key, fielder),
                outcome=result.outcome.value,
                fielder=fielder,
                group=OUTCOME_GROUPS[result.outcome],
                chances=chances,
                start=start,
                end=start + count,
            )
        )
        start += count
    return FaceColumn(vs, tuple(lines))


def batting_face(card: BatterCard) -> CardFace:
    """A batting card: column vs LHP, then vs RHP."""
    return CardFace("batting", card.hand.value, (face_column("L", card.vs_left), face_column("R", card.vs_right)))


def pitching_face(card: PitcherCard) -> CardFace:
    """A pitching card: column vs LHB, then vs RHB."""
    return CardFace("pitching", card.hand.value, (face_column("L", card.vs_left), face_column("R", card.vs_right)))


def line_at(column: FaceColumn, index: int) -> FaceLine | None:
    """The line covering sub-chance `index` (None outside 0..2159)."""
    return next((line for line in column.lines if line.start <= index < line.end), None)


def line_for_outcome(column: FaceColumn, outcome: str, fielder: str | None = None) -> FaceLine | None:
    """The line an outcome reads from: the same outcome and fielder, else the first with the same outcome;
    None when this card prints no such result (an intentional walk, a flyball C)."""
    same = [line for line in column.lines if line.outcome == outcome]
    exact = [line for line in same if fielder is not None and line.fielder == fielder]
    candidates = exact or same
    return candidates[0] if candidates else None
