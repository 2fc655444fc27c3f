"""Recording accepted actions: the GameAction rows (the record every replay starts from), the Play rows projected
from their events, lineup stints, the snapshot, outbox messages and the broadcast after commit; audit entries."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db import transaction

from games import engine
from games.access import SYSTEM, Actor, ai_sides, auto_sides, signed_in
from games.engine.answers import ai_choose_action, routine_answer
from games.engine.orders import StandingOrders
from games.engine.serialize import action_to_dict, event_to_dict, rolls_to_list, state_to_dict, to_data
from games.errors import IllegalActionError
from games.events import broadcast_scoreboard, broadcast_version, fanout_context, fanout_fields, scoreboard_line
from games.models import (
    FINISHED_STATUSES,
    ActionSource,
    AuditAction,
    AuditEntry,
    Game,
    GameAction,
    GameStatus,
    Lineup,
    PitchingLine,
    Play,
    StoredSetup,
    Visibility,
)
from games.selectors.records import game_box_score
from games.services.action_rows import action_rows_write
from games.setup import setup_to_store, side_orders
from games.snapshot import remember_state, state_summary
from leagues.services.availability import injuries_write
from outbox.services import GameMoment, outbox_enqueue_for_transition
from scorecard.clock import pendulum_now

ACTION_NAMESPACE = uuid.UUID("6f1c0f5e-8f63-4c8e-9a53-2b1d3c9e0a11")

MAX_AI_STEPS = 2_000


def _deadline(game: Game, state: engine.GameState) -> Any:
    actor = state.actor
    if actor is None or actor in ai_sides(game):
        return None
    return pendulum_now() + timedelta(seconds=game.league.decision_window_seconds)


def _dice_by_name(rolls: engine.dice.Rolls) -> dict[str, list[Any]]:
    by_name: dict[str, list[Any]] = {}
    for name, value in rolls:
        by_name.setdefault(name.value, []).append(list(value) if isinstance(value, tuple) else value)
    return by_name


def _final(play: engine.Play, start: int) -> int:
    for move in play.movements:
        if move.start == start:
            return move.end
    return start


def _lineup_id(player: str | None) -> int | None:
    return int(player) if player is not None else None


def play_row(game: Game, play: engine.Play, state_before: engine.GameState, action_id: uuid.UUID | None) -> Play:
    batting = state_before.team(play.batting_side)
    order = next((i + 1 for i, slot in enumerate(batting.lineup) if slot.player == play.batter), None)
    runs_side = 0 if play.batting_side is engine.Side.AWAY else 1
    before = list(play.score_after)
    before[runs_side] -= play.runs
    stats = play.stats
    counts = {name: getattr(stats, name) for name in engine.play.STAT_FIELDS}
    defense, offense = state_before.defense, state_before.offense
    return Play(
        game=game,
        play_number=play.number,
        inning=play.inning,
        half=play.half.value,
        outs_before=play.outs_before,
        batting_order=order,
        away_score=before[0],
        home_score=before[1],
        batter_id=_lineup_id(play.batter),
        pitcher_id=_lineup_id(play.pitcher),
        on_first_id=_lineup_id(play.bases_before[0]),
        on_second_id=_lineup_id(play.bases_before[1]),
        on_third_id=_lineup_id(play.bases_before[2]),
        on_first_final=_final(play, 1) if play.bases_before[0] else None,
        on_second_final=_final(play, 2) if play.bases_before[1] else None,
        on_third_final=_final(play, 3) if play.bases_before[2] else None,
        batter_final=_final(play, 0) if any(m.start == 0 for m in play.movements) else None,
        on_base_code=sum(1 << i for i, runner in enumerate(play.bases_before) if runner),
        defensive_choices=action_to_dict(defense),
        offensive_choices=action_to_dict(offense),
        dice=_dice_by_name(play.rolls),
        hit_type=play.outcome.value if play.outcome else play.play_type.value,
        description=play.description,
        outs_recorded=min(3, max(0, play.outs_after - play.outs_before)),
        runs_scored=play.runs,
        check_pos=play.fielder.value if play.fielder else "",
        wpa=stats.wpa,
        re24=stats.re24,
        complete=True,
        action_id=action_id,
        mismatch=to_data(play.mismatch) if play.mismatch else {},
        **counts,
    )


@dataclass(frozen=True, slots=True)
class LineupStint:
    """A lineup change an accepted action made: `entered` (reserve rows, each with the row it replaces) come in and
    `left` rows leave the game after play `after_play`. Only the stint fields are written (`is_active`,
    `replacing`, `after_play`, `entered_inning`); the fields the setup is built from stay as they were set before
    the game, so the setup never changes (where a player fields now, after position swaps, is in the snapshot)."""

    entered: tuple[tuple[int, int], ...]
    left: tuple[int, ...]
    after_play: int
    inning: int

    @classmethod
    def of(cls, action: engine.Action, before: engine.GameState, after: engine.GameState) -> LineupStint | None:
        if not isinstance(action, engine.Substitute | engine.PitchingChange | engine.DoubleSwitch):
            return None
        team = before.team(action.side)
        pairs: list[tuple[str, str]]
        if isinstance(action, engine.Substitute):
            pairs = [(action.player_in, action.player_out)]
        elif isinstance(action, engine.PitchingChange):
            pairs = [(action.pitcher, team.pitcher if action.to is None else team.at(action.to))]
        else:
            pairs = [(action.pitcher, team.pitcher), (action.player_in, action.player_out)]
        left = tuple(int(pid) for pid in after.team(action.side).removed if pid not in team.removed)
        return cls(tuple((int(i), int(o)) for i, o in pairs), left, before.plays, before.inning)

    def save(self, game: Game) -> None:
        Lineup.objects.filter(game=game, pk__in=self.left).update(is_active=False)
        for player_in, player_out in self.entered:
            Lineup.objects.filter(game=game, pk=player_in).update(
                is_active=True, replacing_id=player_out, after_play=self.after_play, entered_inning=self.inning
            )


@dataclass
class Recorder:
    """Applies actions to a locked game row and collects the rows to write."""

    game: Game
    setup: engine.GameSetup
    state: engine.GameState
    actions: list[GameAction] = field(default_factory=list)
    plays: list[Play] = field(default_factory=list)
    stints: list[LineupStint] = field(default_factory=list)
    before: GameMoment = field(init=False)

    def __post_init__(self) -> None:
        self.before = GameMoment.of(self.game, self.state.actor)

    def apply(
        self,
        action: engine.Action,
        *,
        action_id: uuid.UUID,
        source: ActionSource,
        actor: Actor,
        side: engine.Side | None,
        dice: engine.Dice | None = None,
        reason: str = "",
    ) -> None:
        recorder = engine.RecordingDice(dice or engine.SystemDice())
        try:
            step = engine.apply_annotated(self.setup, self.state, action, recorder)
        except engine.IllegalAction as exc:
            raise IllegalActionError(str(exc)) from exc
        version = self.game.version + len(self.actions) + 1
        first_play = True
        for event in step.events:
            if isinstance(event, engine.Play):
                self.plays.append(play_row(self.game, event, self.state, action_id if first_play else None))
                first_play = False
        self.actions.append(
            GameAction(
                game=self.game,
                version=version,
                action_id=action_id,
                source=source,
                actor=signed_in(actor),
                side=side.value if side else "",
                body=action_to_dict(action),
                dice=rolls_to_list(recorder.rolls),
                events=[event_to_dict(event) for event in step.events],
                summary=state_summary(
                    step.state, innings=self.setup.options.innings, win_table=self.setup.options.win_table
                ),
                reason=reason,
            )
        )
        stint = LineupStint.of(action, self.state, step.state)
        if stint is not None:
            self.stints.append(stint)
        self.state = step.state

    def roll_after_offense(self, *, actor: Actor, source: ActionSource, dice: engine.Dice | None = None) -> None:
        """A swing needs no second click: when the last action was a side's offensive decision and the game now
        waits for that side's roll, the roll is made for it at once (recorded as its own action, by the same
        actor)."""
        last = self.actions[-1] if self.actions else None
        side = self.state.actor
        if last is None or last.body.get("kind") != "offense" or self.state.phase is not engine.Phase.ROLL:
            return
        if side is None or side.value != last.side:
            return
        version = self.game.version + len(self.actions)
        self.apply(
            engine.Roll(),
            action_id=system_action_id(self.game.pk, version, "roll"),
            source=source,
            actor=actor,
            side=side,
            dice=dice,
        )

    def answer_for_ai(self) -> None:
        """Answers for AI sides (every decision) and automatic sides (routine decisions only,
        `games.engine.answers.routine_answer`) until the game waits for a manager or is over."""
        ai, auto = ai_sides(self.game), auto_sides(self.game)
        orders: dict[engine.Side, StandingOrders] = {}
        for _ in range(MAX_AI_STEPS):
            actor = self.state.actor
            if actor is None or actor not in ai | auto:
                return
            version = self.game.version + len(self.actions)
            if actor not in orders:
                orders[actor] = side_orders(self.game, actor)
            if actor in ai:
                choice = ai_choose_action(self.state, self.setup, self.game.ai_difficulty, orders[actor])
            else:
                routine = routine_answer(self.state, self.setup, self.game.ai_difficulty, orders[actor])
                if routine is None:
                    return
                choice = routine
            self.apply(
                choice.action,
                reason=choice.reason,
                action_id=system_action_id(self.game.pk, version, "ai"),
                source=ActionSource.AI,
                actor=SYSTEM,
                side=actor,
            )

    def save(self) -> int:
        """Writes the collected rows and the snapshot; schedules the broadcast after commit. Returns the version."""
        game, state = self.game, self.state
        for stint in self.stints:
            stint.save(game)
        game.version += len(self.actions)
        game.state = state_to_dict(state)
        game.current_inning = state.inning
        game.current_half = state.half.value
        game.away_score, game.home_score = state.score
        update = ["version", "state", "current_inning", "current_half", "away_score", "home_score"]
        if state.game_over and game.status not in FINISHED_STATUSES:
            forfeited = any(a.body.get("kind") == "forfeit" for a in self.actions)
            game.status = GameStatus.FORFEITED if forfeited else GameStatus.COMPLETED
            game.finished_at = pendulum_now()
            update += ["status", "finished_at"]
            if forfeited and state.winner is not None:
                game.forfeit_winner_id = game.home_team_id if state.winner is engine.Side.HOME else game.away_team_id
                update.append("forfeit_winner")
        session = {"last_action_at": pendulum_now(), "decision_deadline": _deadline(game, state)}
        action_rows_write(game=game, actions=self.actions, plays=self.plays, game_fields=update, session=session)
        stored = setup_to_store(game, self.setup)
        if stored is not None:
            StoredSetup.objects.bulk_create(
                [stored], update_conflicts=True, unique_fields=["game"], update_fields=["key", "data"]
            )
            setattr(game, "stored_setup_key", stored.key)  # noqa: B010 - as locked_game sets it
        if "status" in update:
            pitching_lines_write(game)
        remember_state(game, state)
        outbox_enqueue_for_transition(game, self.before, GameMoment.of(game, state.actor))
        version, game_id = game.version, game.pk

        context = fanout_context(game, state, session["decision_deadline"])
        actions = [fanout_fields(row) for row in self.actions]
        if actions:
            actions[-1]["context"] = context
        transaction.on_commit(lambda: broadcast_version(game_id, version, actions))
        if self.actions and game.visibility == Visibility.PUBLIC:
            line, league_id = scoreboard_line(game, self.actions[-1].summary), game.league_id
            transaction.on_commit(lambda: broadcast_scoreboard(league_id, line))
        return version


def pitching_lines_write(game: Game) -> None:
    """Replaces `game`'s PitchingLine rows by its engine box score: one per pitcher of a completed game, none
    otherwise (a forfeit or an unfinished game does not count in season statistics). Its injured-list rows are
    rewritten with them (`injuries_write`): the lines and the injuries are what carries to the next games."""
    injuries_write(game)
    PitchingLine.objects.filter(game=game).delete()
    if game.status != GameStatus.COMPLETED:
        return
    box = game_box_score(game=game)
    if box is None:
        return
    PitchingLine.objects.bulk_create(
        PitchingLine(
            game=game,
            lineup_id=int(line.player),
            outs=line.outs,
            h=line.h,
            r=line.r,
            er=line.er,
            bb=line.bb,
            so=line.so,
            hr=line.hr,
            bf=line.bf,
            decision=line.decision or "",
        )
        for side in engine.Side
        for line in box.pitching(side)
    )


def system_action_id(game_id: Any, version: int, source: str) -> uuid.UUID:
    """The deterministic action id of a system action taken at `version` (two sweepers cannot both apply it)."""
    return uuid.uuid5(ACTION_NAMESPACE, f"{game_id}:{version}:{source}")


def audit_record(
    *, actor: Actor | None, action: AuditAction, game: Game, reason: str = "", **details: Any
) -> AuditEntry:
    """Records who did what to `game` and why (an anonymous or system actor is recorded as nobody)."""
    return AuditEntry.objects.create(
        actor=signed_in(actor),
        action=action,
        game=game,
        league_id=game.league_id,
        reason=reason,
        details=details,
    )
