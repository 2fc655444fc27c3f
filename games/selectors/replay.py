"""Replaying a game's recorded actions and checking them against what the database holds."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from games import engine
from games.engine.answers import apply_step
from games.engine.codec import action_from_dict, event_to_dict, rolls_from_list, state_to_dict
from games.models import Game, GameAction, Play
from games.setup import game_setup


@dataclass(frozen=True, slots=True)
class ReplayReport:
    """The state replay reached and every disagreement with what the database holds."""

    state: engine.GameState | None
    mismatches: tuple[str, ...]


class _RecordedThenFresh:
    """Recorded dice by name while they last, then fresh ones (a corrected play can change what is rolled)."""

    def __init__(self, rolls: engine.dice.Rolls) -> None:
        self._recorded = {name: [v for n, v in rolls if n is name] for name, _ in rolls}
        self._fresh = engine.SystemDice()

    def roll(self, name: engine.RollName) -> int:
        queue = self._recorded.get(name)
        value = queue.pop(0) if queue else None
        return value if isinstance(value, int) else self._fresh.roll(name)

    def pair(self, name: engine.RollName) -> tuple[int, int]:
        queue = self._recorded.get(name)
        value = queue.pop(0) if queue else None
        return value if isinstance(value, tuple) else self._fresh.pair(name)


def replay_actions(
    setup: engine.GameSetup,
    actions: Sequence[GameAction],
    on_step: Callable[[GameAction, engine.Step, engine.dice.Rolls], None] | None = None,
    bodies: Mapping[int, Mapping[str, Any]] | None = None,
    fresh_after: int | None = None,
) -> engine.GameState:
    """Re-applies recorded actions with their recorded dice (``bodies`` overrides some by version). From version
    ``fresh_after`` on, a roll that was not recorded is rolled fresh instead of failing (corrections)."""
    state = engine.new_game(setup)
    for row in actions:
        body = (bodies or {}).get(row.version, row.body)
        rolls = rolls_from_list(row.dice)
        lenient = fresh_after is not None and row.version >= fresh_after
        dice = engine.RecordingDice(_RecordedThenFresh(rolls) if lenient else engine.ReplayDice(rolls))
        step = apply_step(setup, state, action_from_dict(body), dice)
        if on_step is not None:
            on_step(row, step, dice.rolls)
        state = step.state
    return state


def game_replay_check(game: Game) -> ReplayReport:
    """Replays `game`'s actions and lists where events, plays or the snapshot disagree."""
    problems: list[str] = []
    plays = {p.play_number: p for p in Play.objects.filter(game=game)}
    replayed_numbers: set[int] = set()

    def compare(row: GameAction, step: engine.Step, rolls: engine.dice.Rolls) -> None:
        events = [event_to_dict(event) for event in step.events]
        if events != row.events:
            problems.append(f"v{row.version}: replayed events differ from the recorded ones")
        for event in step.events:
            if isinstance(event, engine.Play):
                replayed_numbers.add(event.number)
                stored = plays.get(event.number)
                if stored is None:
                    problems.append(f"play {event.number}: missing")
                elif stored.runs_scored != event.runs or stored.description != event.description:
                    problems.append(f"play {event.number}: stored play differs from replay")

    try:
        setup = game_setup(game)
        actions = list(GameAction.objects.filter(game=game).order_by("version"))
        if [a.version for a in actions] != list(range(1, len(actions) + 1)):
            problems.append("action versions are not contiguous")
        state = replay_actions(setup, actions, compare)
    except (ValueError, LookupError) as exc:
        return ReplayReport(None, (*problems, f"replay failed: {exc}"))
    if len(actions) != game.version:
        problems.append(f"version {game.version} but {len(actions)} recorded actions")
    if game.state and state_to_dict(state) != game.state:
        problems.append("snapshot differs from the replayed state")
    extra = sorted(set(plays) - replayed_numbers)
    if extra:
        problems.append(f"plays not produced by replay: {extra}")
    return ReplayReport(state, tuple(problems))
