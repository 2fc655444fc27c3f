"""Test helpers: rule cases in the scenario format, and builders on a scenario's start state."""

from typing import Any

from games.engine.dice import RecordingDice, ScriptedDice
from games.engine.resolve import Builder
from games.engine.scenarios import build, run_case


def case(bases: str = "---", outs: int = 0, inning: int = 5, half: str = "top", **fields: Any) -> dict[str, Any]:
    score = fields.pop("score", {"away": 0, "home": 0})
    start = {"bases": bases, "outs": outs, "inning": inning, "half": half, "score": score}
    return {"id": fields.pop("id", "case"), "league": fields.pop("league", "pd"), "start": start, **fields}


def assert_case(spec: dict[str, Any]) -> None:
    result = run_case(spec)
    assert result.passed, result.message


def builder(spec: dict[str, Any], dice: dict[str, Any] | None = None) -> Builder:
    setup, state = build(spec)
    return Builder(setup, state, RecordingDice(ScriptedDice(dice or {})))


def bases_code(p: Builder) -> str:
    return "".join(str(i + 1) if pid else "-" for i, pid in enumerate(p.bases))
