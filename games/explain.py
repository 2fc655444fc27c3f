"""Plain-language dice for the game page, read from a recorded play event (`games.engine.serialize.event_to_dict`):
the dice in the order the engine rolled them, each with a human label, and a "why" line for the secondary checks
whose result the play carries (ballpark, wild pitch / passed ball, X-check error, rare play, injury, a steal's rolls
against the numbers recorded with it). Nothing here decides anything: every line restates what the recorded rolls
and the play's stat line already say."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from games.engine.steal import lead_number

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
    steal = play.get("steal")
    if isinstance(steal, Mapping):
        lines.extend(_steal_why(steal, rolls, play_type, stats))
    injury = play.get("injury")
    if isinstance(injury, Mapping):
        result = str(injury.get("result", "")).lower().replace("_", " ")
        lines.append(f"Injury check (3d6 {injury.get('roll')} against rating {injury.get('rating')}): {result}")
    return lines


def _steal_why(
    steal: Mapping[str, Any], rolls: Sequence[tuple[str, Any]], play_type: str, stats: Mapping[str, Any]
) -> list[str]:
    """A called steal's checks against the numbers the engine recorded on the play (RULES §8), in the order rolled:
    the jump check (a pickoff throw on 1, a balk check on 2), the lead, the steal roll, the throwing-error check."""
    lines: list[str] = []
    lead_off = {"STEAL_CALLED_OFF": "no jump, the steal is off", "PICKOFF": "no jump, and 6-6 is caught leaning"}
    for index, (name, value) in enumerate(rolls):
        following = rolls[index + 1] if index + 1 < len(rolls) else ("", None)
        check = following[1] if following[0] == "check" else None
        if name == "jump_check" and value == 1 and check is not None:
            verdict = "picked off" if play_type == "PICKOFF" and index + 2 == len(rolls) else "he gets back"
            lines.append(
                f"Jump check (d20 1): pickoff throw, d20 {check} against {steal['pickoff']} or less: {verdict}"
            )
        elif name == "jump_check" and value == 2 and check is not None:
            verdict = "a balk" if play_type == "BALK" else "no balk"
            lines.append(f"Jump check (d20 2): balk check, d20 {check} against {steal['balk']} or less: {verdict}")
        elif name == "lead" and isinstance(value, list | tuple):
            number, needed = lead_number((int(value[0]), int(value[1]))), int(steal["jump"])
            verdict = lead_off.get(play_type, "a good lead")
            lines.append(f"Lead (2d6 {value[0]}-{value[1]} = {number}): a jump needs under {needed} of 36: {verdict}")
        elif name == "steal":
            if steal.get("auto"):
                lines.append("Lead: automatic (a * runner who is not held)")
            verdict = "safe" if play_type == "STOLEN_BASE" else "caught stealing"
            lines.append(f"Steal (d20 {value}) against {steal['steal']} or less (1 safe, 20 out): {verdict}")
            if check is not None:
                error = "a throwing error, he takes another base" if stats.get("error") else "no throwing error"
                lines.append(f"Throwing-error check (d20 {check}) after a steal roll of 3 or less: {error}")
    return lines
