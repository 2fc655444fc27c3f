"""Replaying a game's recorded actions and checking them against what the database holds."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from games import engine
from games.engine.serialize import action_from_dict, event_to_dict, rolls_from_list, state_to_dict
from games.models import Game, GameAction, Play
from games.setup import game_setup


@dataclass(frozen=True, slots=True)
class ReplayReport:
    """The state replay reached and every disagreement with what the database holds."""

    state: engine.GameState | None
    mismatches: tuple[str, ...]


def replay_actions(
    setup: engine.GameSetup,
    actions: Sequence[GameAction],
    on_step: Callable[[GameAction, engine.Step, engine.dice.Rolls], None] | None = None,
    bodies: Mapping[int, Mapping[str, Any]] | None = None,
    fresh_after: int | None = None,
) -> engine.GameState:
    """`engine.replay_steps` over GameAction rows: their recorded actions (``bodies`` overrides some by version)
    with their recorded dice. From version ``fresh_after`` on, a roll that was not recorded is rolled fresh
    instead of failing (corrections). Raises ValueError (or LookupError) when the actions do not replay."""
    rows = list(actions)
    pairs = [(action_from_dict((bodies or {}).get(row.version, row.body)), rolls_from_list(row.dice)) for row in rows]
    lenient_from = None
    if fresh_after is not None:
        lenient_from = next((index for index, row in enumerate(rows) if row.version >= fresh_after), None)
    callback = None if on_step is None else (lambda index, step, rolls: on_step(rows[index], step, rolls))
    return engine.replay_steps(setup, pairs, callback, lenient_from=lenient_from, fresh=engine.SystemDice())


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
