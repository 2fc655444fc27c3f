"""Plain-language dice for the game page, read from a recorded play event (`games.engine.serialize.event_to_dict`):
the dice in the order the engine rolled them, each with a human label, and a "why" line for the secondary checks
whose result the play carries (ballpark, wild pitch / passed ball, X-check error, rare play, injury). Nothing here
decides anything: every line restates what the recorded rolls and the play's stat line already say."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

ROLL_LABELS = {
    "column": "Column (d6): 1-3 the batter's card, 4-6 the pitcher's",
    "row": "Row (2d6)",
    "split": "Split (d20): which result of the row",
    "chaos": "Chaos (d20, runners on): 1 wild-pitch check, 2 passed-ball check",
    "check": "Check (d20)",
    "range": "X-check range (d20)",
    "error": "X-check error (3d6)",
    "rare": "Rare play (d100): 1 is a rare play",
    "location": "Location (d20): where the ball goes",
    "jump_check": "Jump (d20)",
    "lead": "Lead (2d6)",
    "steal": "Steal (d20)",
    "injury": "Injury (3d6)",
}

_BALLPARK = {
    "bp1b": "Ballpark check (d20 {v}): within the park's number, the BP single stands",
    "bplo": "Ballpark check (d20 {v}): over the park's number, the BP single becomes a lineout",
    "bphr": "Ballpark check (d20 {v}): within the park's number, the BP home run stands",
    "bpfo": "Ballpark check (d20 {v}): over the park's number, the BP home run becomes a fly out",
}


def _value(value: Any) -> str:
    if isinstance(value, list | tuple):
        return f"{'+'.join(str(v) for v in value)} = {sum(value)}"
    return str(value)


def dice_legend(play: Mapping[str, Any]) -> list[dict[str, str]]:
    """The play's dice in the order rolled: ``{"name", "label", "value"}`` each."""
    rolls: Sequence[Sequence[Any]] = play.get("rolls") or ()
    return [
        {"name": str(name), "label": ROLL_LABELS.get(str(name), str(name)), "value": _value(value)}
        for name, value in rolls
    ]


def dice_why(play: Mapping[str, Any]) -> list[str]:
    """Why the secondary checks came out as they did, in the order rolled."""
    rolls = [(str(name), value) for name, value in play.get("rolls") or ()]
    stats: Mapping[str, Any] = play.get("stats") or {}
    outcome = play.get("outcome") or ""
    play_type = play.get("play_type") or ""
    lines: list[str] = []
    after_split = False
    for index, (name, value) in enumerate(rolls):
        previous = rolls[index - 1] if index else None
        if name == "chaos" and value in (1, 2):
            kind = "wild pitch" if value == 1 else "passed ball"
            check = rolls[index + 1][1] if index + 1 < len(rolls) and rolls[index + 1][0] == "check" else None
            happened = play_type == ("WILD_PITCH" if value == 1 else "PASSED_BALL")
            verdict = f"a {kind}" if happened else f"no {kind}: the check was over the rating"
            lines.append(f"Chaos {value} called for a {kind} check (d20 {check}): {verdict}")
        elif name == "split":
            after_split = True
        elif name == "check" and after_split and str(outcome).startswith("BP_") and previous is not None:
            flag = next((key for key in _BALLPARK if stats.get(key)), None)
            if flag:
                lines.append(_BALLPARK[flag].format(v=value))
        elif name == "error":
            errors = int(play.get("errors") or stats.get("error") or 0)
            lines.append(f"Error check (3d6 {value}): " + ("an error" if errors else "no error"))
        elif name == "rare" and value == 1:
            lines.append("Rare play (d100 1): a rare play")
    injury = play.get("injury")
    if isinstance(injury, Mapping):
        result = str(injury.get("result", "")).lower().replace("_", " ")
        lines.append(f"Injury check (3d6 {injury.get('roll')} against rating {injury.get('rating')}): {result}")
    return lines
