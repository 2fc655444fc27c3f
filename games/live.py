"""Live play: applying actions to games (the only code that writes game state), AI answers, timeouts, replay.

`games.services` re-exports the public functions; interfaces call those.
"""

from __future__ import annotations

import uuid
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import IntegrityError, connection, transaction

from games import engine
from games.engine.ai import AiChoice, Personality, choose_action
from games.engine.enums import FLYBALLS, GROUNDBALLS
from games.engine.serialize import (
    CodecError,
    action_from_dict,
    action_to_dict,
    event_to_dict,
    rolls_from_list,
    rolls_to_list,
    state_from_dict,
    state_to_dict,
)
from games.engine.state import PendingRoll
from games.engine.win_expectancy import annotate
from games.errors import (
    Forbidden,
    GameError,
    GameOver,
    IllegalActionError,
    Locked,
    NotFound,
    VersionConflict,
)
from games.models import (
    ActionSource,
    AuditAction,
    AuditEntry,
    Game,
    GameAction,
    GameConnection,
    GameSession,
    GameStatus,
    Lineup,
    Play,
)
from games.setup import game_setup
from leagues.models import League, Team
from leagues.selectors import user_can_commission
from outbox.services import GameMoment, outbox_enqueue_for_transition
from scorecard.clock import pendulum_now

User = AbstractBaseUser | AnonymousUser | None
ACTION_NAMESPACE = uuid.UUID("6f1c0f5e-8f63-4c8e-9a53-2b1d3c9e0a11")
MAX_AI_STEPS = 2_000
FINISHED = (GameStatus.COMPLETED, GameStatus.FORFEITED)
INFIELD_FLIES = frozenset({engine.Outcome.POPOUT, engine.Outcome.X_CHECK})
NEEDS_FIELDER = GROUNDBALLS | FLYBALLS | INFIELD_FLIES | {engine.Outcome.LINEOUT}


@dataclass(frozen=True, slots=True)
class ActionResult:
    """An accepted (or, with `duplicate`, an already accepted) action: the game's version after it."""

    action_id: str
    version: int
    duplicate: bool = False


# -- who may act -------------------------------------------------------------------------------------------------


def user_sides(game: Game, user: User) -> frozenset[engine.Side]:
    """The sides `user` manages in `game` (Team.managers); no query when `game` was locked for this user."""
    if user is None or not user.is_authenticated:
        return frozenset()
    known = getattr(game, "_sides_of", None)
    if known is not None and known[0] == user.pk:
        return frozenset(known[1])
    managed = set(
        Team.objects.filter(pk__in=(game.away_team_id, game.home_team_id), managers=user).values_list("pk", flat=True)
    )
    return frozenset(
        side
        for side, team_id in ((engine.Side.AWAY, game.away_team_id), (engine.Side.HOME, game.home_team_id))
        if team_id in managed
    )


def is_commissioner(game: Game, user: User) -> bool:
    return user is not None and user.is_authenticated and user_can_commission(user, game.league_id)


def ai_sides(game: Game) -> frozenset[engine.Side]:
    sides = set()
    if game.away_is_ai:
        sides.add(engine.Side.AWAY)
    if game.home_is_ai:
        sides.add(engine.Side.HOME)
    return frozenset(sides)


def ai_choose_action(state: engine.GameState, setup: engine.GameSetup, personality: str) -> AiChoice:
    """The AI manager's answer (RULES decisions, with its one-line reason) for the side the game waits for;
    `personality` is the game's `ai_difficulty` (balanced, yolo, safe)."""
    if state.phase is engine.Phase.SUBMIT_OUTCOME:
        return AiChoice(_card_result(state, setup), "reads the card under the dice")
    assert state.actor is not None
    return choose_action(setup, state, state.actor, Personality(personality))


def timeout_action(state: engine.GameState, setup: engine.GameSetup) -> engine.Action:
    """What applies when a decision window expires: the rules' defaults (RULES §3: normal depth, no holds, no
    steal, swing away, do not send, throw); an unsubmitted manual result is read from the card under the dice."""
    if state.phase is engine.Phase.SUBMIT_OUTCOME:
        return _card_result(state, setup)
    return engine.defaults_for(state)


def _card_result(state: engine.GameState, setup: engine.GameSetup) -> engine.SubmitOutcome:
    """The card result under the rolled dice (a strikeout when the cards hold no ratings)."""
    pending = state.pending
    if not isinstance(pending, PendingRoll):
        return engine.SubmitOutcome(engine.Outcome.STRIKEOUT)
    try:
        result = engine.read_card(setup, state, pending.column, pending.row, pending.split)
    except engine.IllegalAction:
        return engine.SubmitOutcome(engine.Outcome.STRIKEOUT)
    fielder = result.fielder
    if fielder is None and result.outcome in NEEDS_FIELDER:
        ground = result.outcome in GROUNDBALLS or result.outcome in INFIELD_FLIES
        lefty = setup.players[state.batter].bat_hand is engine.Hand.LEFT
        fielder = setup.options.location.fielder(ground=ground, lefty=lefty, d20=pending.split)
    return engine.SubmitOutcome(result.outcome, fielder)


def apply_step(
    setup: engine.GameSetup, state: engine.GameState, action: engine.Action, dice: engine.Dice
) -> engine.Step:
    """The engine's `apply` with every play's `wpa` filled in (the one place live play and replay both use)."""
    return annotate(setup, state, engine.apply(setup, state, action, dice))


# -- snapshots -----------------------------------------------------------------------------------------------------

_STATES: dict[str, tuple[int, dict[str, Any], engine.GameState]] = {}


def game_state(game: Game) -> engine.GameState:
    """The engine state of `game`'s snapshot, decoded once per process while the row's snapshot is unchanged
    (the cached copy is compared with the row just read, so a correction made elsewhere is never missed)."""
    cached = _STATES.get(str(game.pk))
    if cached is not None and cached[0] == game.version and cached[1] == game.state:
        return cached[2]
    state = state_from_dict(game.state)
    _remember(game, state)
    return state


def _remember(game: Game, state: engine.GameState) -> None:
    _STATES[str(game.pk)] = (game.version, game.state, state)


def state_summary(state: engine.GameState) -> dict[str, Any]:
    """What everyone may see of a state: score, inning, outs, bases, who is up, whose turn."""
    actor = state.actor
    return {
        "inning": state.inning,
        "half": state.half.value,
        "outs": state.outs,
        "bases": list(state.bases),
        "score": {"away": state.score[0], "home": state.score[1]},
        "hits": {"away": state.hits[0], "home": state.hits[1]},
        "errors": {"away": state.errors[0], "home": state.errors[1]},
        "runs_by_inning": {"away": list(state.runs_by_inning[0]), "home": list(state.runs_by_inning[1])},
        "batter": state.batter,
        "pitcher": state.pitcher,
        "phase": state.phase.value,
        "actor": actor.value if actor else None,
        "winner": state.winner.value if state.winner else None,
    }


def _deadline(game: Game, state: engine.GameState) -> Any:
    actor = state.actor
    if actor is None or actor in ai_sides(game):
        return None
    return pendulum_now() + timedelta(seconds=game.league.decision_window_seconds)


# -- recording -----------------------------------------------------------------------------------------------------


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


def _play_row(game: Game, play: engine.Play, state_before: engine.GameState, action_id: uuid.UUID | None) -> Play:
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
        **counts,
    )


@dataclass(frozen=True, slots=True)
class LineupStint:
    """A lineup change an accepted action made: `player_in` (a reserve row) replaces `player_out` after play
    `after_play`. Only the stint fields are written (`is_active`, `replacing`, `after_play`, `entered_inning`); the
    fields the setup is built from stay as they were set before the game, so the setup never changes."""

    player_in: int
    player_out: int
    after_play: int
    inning: int

    @classmethod
    def of(cls, action: engine.Action, before: engine.GameState) -> LineupStint | None:
        if isinstance(action, engine.Substitute):
            player_in, player_out = action.player_in, action.player_out
        elif isinstance(action, engine.PitchingChange):
            player_in, player_out = action.pitcher, before.team(action.side).pitcher
        else:
            return None
        return cls(int(player_in), int(player_out), before.plays, before.inning)

    def save(self, game: Game) -> None:
        Lineup.objects.filter(game=game, pk=self.player_out).update(is_active=False)
        Lineup.objects.filter(game=game, pk=self.player_in).update(
            is_active=True, replacing_id=self.player_out, after_play=self.after_play, entered_inning=self.inning
        )


@dataclass
class _Recorder:
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
        actor: User,
        side: engine.Side | None,
        dice: engine.Dice | None = None,
        reason: str = "",
    ) -> None:
        recorder = engine.RecordingDice(dice or engine.SystemDice())
        try:
            step = apply_step(self.setup, self.state, action, recorder)
        except engine.IllegalAction as exc:
            raise IllegalActionError(str(exc)) from exc
        version = self.game.version + len(self.actions) + 1
        first_play = True
        for event in step.events:
            if isinstance(event, engine.Play):
                self.plays.append(_play_row(self.game, event, self.state, action_id if first_play else None))
                first_play = False
        self.actions.append(
            GameAction(
                game=self.game,
                version=version,
                action_id=action_id,
                source=source,
                actor=actor if actor is not None and actor.is_authenticated else None,
                side=side.value if side else "",
                body=action_to_dict(action),
                dice=rolls_to_list(recorder.rolls),
                events=[event_to_dict(event) for event in step.events],
                summary=state_summary(step.state),
                reason=reason,
            )
        )
        stint = LineupStint.of(action, self.state)
        if stint is not None:
            self.stints.append(stint)
        self.state = step.state

    def answer_for_ai(self) -> None:
        ai = ai_sides(self.game)
        for _ in range(MAX_AI_STEPS):
            actor = self.state.actor
            if actor is None or actor not in ai:
                return
            version = self.game.version + len(self.actions)
            choice = ai_choose_action(self.state, self.setup, self.game.ai_difficulty)
            self.apply(
                choice.action,
                reason=choice.reason,
                action_id=system_action_id(self.game.pk, version, "ai"),
                source=ActionSource.AI,
                actor=None,
                side=actor,
            )

    def save(self) -> int:
        """Writes the collected rows and the snapshot; schedules the broadcast after commit. Returns the version."""
        game, state = self.game, self.state
        GameAction.objects.bulk_create(self.actions)
        Play.objects.bulk_create(self.plays)
        for stint in self.stints:
            stint.save(game)
        game.version += len(self.actions)
        game.state = state_to_dict(state)
        game.current_inning = state.inning
        game.current_half = state.half.value
        game.away_score, game.home_score = state.score
        update = ["version", "state", "current_inning", "current_half", "away_score", "home_score"]
        if state.game_over and game.status not in FINISHED:
            forfeited = any(a.body.get("kind") == "forfeit" for a in self.actions)
            game.status = GameStatus.FORFEITED if forfeited else GameStatus.COMPLETED
            game.finished_at = pendulum_now()
            update += ["status", "finished_at"]
            if forfeited and state.winner is not None:
                game.forfeit_winner_id = game.home_team_id if state.winner is engine.Side.HOME else game.away_team_id
                update.append("forfeit_winner")
        game.save(update_fields=update)
        session = {"last_action_at": pendulum_now(), "decision_deadline": _deadline(game, state)}
        if not GameSession.objects.filter(game=game).update(**session):
            GameSession.objects.create(game=game, **session)
        _remember(game, state)
        outbox_enqueue_for_transition(game, self.before, GameMoment.of(game, state.actor))
        version, game_id = game.version, game.pk
        from games.views_live import fanout_context  # the views read live's state; imported at call time

        context = fanout_context(game, state, session["decision_deadline"])
        actions = [{**fanout_fields(row), "context": {"innings": context["innings"]}} for row in self.actions]
        if actions:
            actions[-1]["context"] = context
        transaction.on_commit(lambda: broadcast_version(game_id, version, actions))
        return version


def system_action_id(game_id: Any, version: int, source: str) -> uuid.UUID:
    """The deterministic action id of a system action taken at `version` (two sweepers cannot both apply it)."""
    return uuid.uuid5(ACTION_NAMESPACE, f"{game_id}:{version}:{source}")


# -- fan-out -------------------------------------------------------------------------------------------------------

FANOUT_FIELDS = ("version", "source", "actor_id", "side", "body", "dice", "events", "summary", "reason")
_FANOUT: OrderedDict[tuple[str, int], dict[str, Any]] = OrderedDict()
_FANOUT_SIZE = 1_024  # seconds of actions: it bridges a commit to its own consumers and reordered messages


def fanout_fields(row: GameAction) -> dict[str, Any]:
    """A committed action as plain data (JSON and msgpack safe) from which a consumer renders its `event`:
    ``GameAction(**fields)`` rebuilds the row without reading it. The writer adds a ``context`` key
    (`games.views_live.fanout_context`: innings, and the `pending` of the latest version)."""
    fields = {name: getattr(row, name) for name in FANOUT_FIELDS}
    fields["source"] = str(row.source)
    return {"game_id": str(row.game_id), "action_id": str(row.action_id), **fields}


def remember_actions(game_id: Any, actions: Sequence[Mapping[str, Any]]) -> None:
    """Keeps committed actions for this process's consumers (bounded; the database stays the truth)."""
    for fields in actions:
        _FANOUT[(str(game_id), int(fields["version"]))] = dict(fields)
    while len(_FANOUT) > _FANOUT_SIZE:
        _FANOUT.popitem(last=False)


def recent_actions(game_id: Any, after: int, upto: int) -> list[dict[str, Any]] | None:
    """The remembered actions of versions after `after` up to `upto`, or None when any of them is not here."""
    found = [_FANOUT.get((str(game_id), version)) for version in range(after + 1, upto + 1)]
    if any(fields is None for fields in found):
        return None
    return [fields for fields in found if fields is not None]


def forget_actions(game_id: Any) -> None:
    """Drops remembered actions of a game whose recorded actions were rewritten (corrections)."""
    for key in list(_FANOUT):
        if key[0] == str(game_id):
            _FANOUT.pop(key, None)


def broadcast_version(game_id: Any, version: int, actions: Sequence[Mapping[str, Any]] = ()) -> None:
    """Tells every consumer of the game that `version` exists, with the committed `actions` that led to it
    (consumers render them without reading the database; one that missed a version reads it from there)."""
    from asgiref.sync import async_to_sync
    from channels.layers import get_channel_layer

    remember_actions(game_id, actions)
    layer = get_channel_layer()
    if layer is not None:
        message: dict[str, Any] = {"type": "game.event", "version": version}
        if actions:
            message["actions"] = list(actions)
        async_to_sync(layer.group_send)(game_group(game_id), message)


def game_group(game_id: Any) -> str:
    return f"game.{game_id}"


def _audit(
    game: Game, user: User, action: AuditAction, reason: str = "", details: dict[str, Any] | None = None
) -> None:
    actor = user if user is not None and user.is_authenticated else None
    AuditEntry.objects.create(
        actor=actor, action=action, game=game, league_id=game.league_id, reason=reason, details=details or {}
    )


# -- applying actions ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Columns:
    """One model's columns in the locking statement, with the converters Django would apply to them."""

    model: type[Any]
    attnames: tuple[str, ...]
    converters: tuple[tuple[tuple[Callable[..., Any], ...], Any], ...]

    def build(self, values: Sequence[Any]) -> Any:
        converted = []
        for value, (converters, expression) in zip(values, self.converters, strict=True):
            for convert in converters:
                value = convert(value, expression, connection)
            converted.append(value)
        return self.model.from_db(connection.alias, list(self.attnames), converted)


_LOCK_STATEMENTS: dict[str, tuple[str, tuple[_Columns, ...]]] = {}


def _lock_statement() -> tuple[str, tuple[_Columns, ...]]:
    """The statement `_locked_game` runs (built once per database vendor) and how to read its row: the game, its
    league and teams, the lineup fingerprint, and whether a user manages the away / the home team."""
    cached = _LOCK_STATEMENTS.get(connection.vendor)
    if cached is not None:
        return cached
    quote = connection.ops.quote_name
    tables = ((Game, "g"), (League, "l"), (Team, "h"), (Team, "a"))
    columns, selected = [], []
    for model, alias in tables:
        fields = model._meta.concrete_fields
        selected += [f"{alias}.{quote(f.column)}" for f in fields]
        converters = tuple(
            (
                (*f.get_db_converters(connection), *connection.ops.get_db_converters(f.get_col(alias))),
                f.get_col(alias),
            )
            for f in fields
        )
        columns.append(_Columns(model, tuple(f.attname for f in fields), converters))
    lineup, game_fk = quote(Lineup._meta.db_table), quote(Lineup._meta.get_field("game").column)
    through = Team.managers.through._meta.db_table
    team_fk, user_fk = Team.managers.field.m2m_column_name(), Team.managers.field.m2m_reverse_name()

    def managed(team_column: str) -> str:
        return (
            f"EXISTS (SELECT 1 FROM {quote(through)} m WHERE m.{quote(team_fk)} = g.{quote(team_column)}"
            f" AND m.{quote(user_fk)} = %s)"
        )

    lock = ""
    if connection.features.has_select_for_update_of:
        lock = " FOR UPDATE OF g"
    elif connection.features.has_select_for_update:
        lock = " FOR UPDATE"
    game_pk = quote(Game._meta.pk.column)
    sql = (
        f"SELECT {', '.join(selected)},"
        f" (SELECT COUNT(*) FROM {lineup} x WHERE x.{game_fk} = g.{game_pk}),"
        f" (SELECT COALESCE(MAX(x.{quote(Lineup._meta.pk.column)}), 0) FROM {lineup} x"
        f" WHERE x.{game_fk} = g.{game_pk}),"
        f" {managed(Game._meta.get_field('away_team').column)}, {managed(Game._meta.get_field('home_team').column)}"
        f" FROM {quote(Game._meta.db_table)} g"
        f" JOIN {quote(League._meta.db_table)} l ON l.{quote(League._meta.pk.column)} = g.{quote('league_id')}"
        f" JOIN {quote(Team._meta.db_table)} h ON h.{quote(Team._meta.pk.column)} = g.{quote('home_team_id')}"
        f" JOIN {quote(Team._meta.db_table)} a ON a.{quote(Team._meta.pk.column)} = g.{quote('away_team_id')}"
        f" WHERE g.{game_pk} = %s{lock}"
    )
    _LOCK_STATEMENTS[connection.vendor] = (sql, tuple(columns))
    return sql, tuple(columns)


def _locked_game(game_id: Any, user: User = None) -> Game:
    """The game row locked for update (only that row: league and teams are read, not locked), in one prepared
    statement with its lineup fingerprint (for `game_setup`) and, for a signed-in `user`, the sides they manage.
    Same result as ``Game.objects.select_for_update(of=("self",)).select_related("league", "home_team",
    "away_team")`` without compiling a query per action."""
    try:
        pk = Game._meta.pk.get_db_prep_value(uuid.UUID(str(game_id)), connection)
    except (ValueError, TypeError, AttributeError) as exc:
        raise NotFound("no such game") from exc
    user_id = user.pk if user is not None and user.is_authenticated else None
    sql, columns = _lock_statement()
    with connection.cursor() as cursor:
        cursor.execute(sql, [user_id, user_id, pk])
        row = cursor.fetchone()
    if row is None:
        raise NotFound("no such game")
    models, offset = [], 0
    for part in columns:
        models.append(part.build(row[offset : offset + len(part.attnames)]))
        offset += len(part.attnames)
    game, league, home_team, away_team = models
    game.league, game.home_team, game.away_team = league, home_team, away_team
    game.lineup_rows, game.lineup_top, away_managed, home_managed = row[offset:]
    if user_id is not None:
        managed = {engine.Side.AWAY: bool(away_managed), engine.Side.HOME: bool(home_managed)}
        game._sides_of = (user_id, frozenset(side for side, yes in managed.items() if yes))  # type: ignore[attr-defined]
    return game  # type: ignore[no-any-return]


def _check_playable(game: Game) -> None:
    if game.status in FINISHED:
        raise GameOver(f"the game is {game.status}")
    if game.is_locked:
        raise Locked("the game is locked by a commissioner")
    if game.status != GameStatus.ACTIVE:
        raise IllegalActionError("the game has not started")


def _decode(action: engine.Action | Mapping[str, Any]) -> engine.Action:
    if isinstance(action, Mapping):
        try:
            return action_from_dict(action)
        except CodecError as exc:
            raise IllegalActionError(str(exc)) from exc
    return action


def _acting_side(game: Game, state: engine.GameState, action: engine.Action, user: User) -> engine.Side:
    sides = user_sides(game, user)
    named = getattr(action, "side", None)
    if isinstance(named, engine.Side):
        if named in sides or is_commissioner(game, user):
            return named
        raise Forbidden(f"only the {named.value} team's manager or a commissioner can do that for it")
    actor = state.actor
    assert actor is not None
    if actor in sides or is_commissioner(game, user):
        return actor
    if sides:
        raise Forbidden(f"it is the {actor.value} team's turn")
    raise Forbidden("spectators cannot act")


def _call_end_version(game: Game, version: int) -> int:
    """The version the call that applied `version` ended at (after the AI answers it triggered)."""
    later = (
        GameAction.objects.filter(game=game, version__gt=version)
        .exclude(source=ActionSource.AI)
        .order_by("version")
        .values_list("version", flat=True)
        .first()
    )
    return game.version if later is None else later - 1


def game_apply_action(
    *,
    game_id: Any,
    user: User,
    action: engine.Action | Mapping[str, Any],
    action_id: str | uuid.UUID,
    expected_version: int,
    source: ActionSource = ActionSource.PLAYER,
    dice: engine.Dice | None = None,
) -> ActionResult:
    """Applies one action in one transaction, then lets AI sides answer. A repeated `action_id` returns the
    original result and changes nothing. Raises a GameError (NotFound, GameOver, Locked, VersionConflict,
    Forbidden, IllegalActionError) and changes nothing when the action is refused. `user` None is the system
    (timeouts): it may act for the side the game waits for."""
    action_uuid = uuid.UUID(str(action_id))
    try:
        with transaction.atomic():
            game = _locked_game(game_id, user)
            try:
                _check_playable(game)
                if game.version != expected_version:
                    raise VersionConflict(
                        f"the game is at version {game.version}, not {expected_version}", game.version
                    )
                state = game_state(game)
                decoded = _decode(action)
                if user is None and source != ActionSource.PLAYER:
                    named = getattr(decoded, "side", None)
                    side = named if isinstance(named, engine.Side) else state.actor
                else:
                    side = _acting_side(game, state, decoded, user)
                recorder = _Recorder(game, game_setup(game), state)
                recorder.apply(decoded, action_id=action_uuid, source=source, actor=user, side=side, dice=dice)
            except GameError:
                # A repeated action id is answered with the original result before any refusal.
                duplicate = _duplicate_result(game, action_uuid)
                if duplicate is not None:
                    return duplicate
                raise
            recorder.answer_for_ai()
            version = recorder.save()
    except IntegrityError:
        # The action id was used before at another version (unique (game, action_id)); nothing was written.
        duplicate = _duplicate_result(Game.objects.get(pk=game_id), action_uuid)
        if duplicate is None:
            raise
        return duplicate
    return ActionResult(str(action_uuid), version)


def _duplicate_result(game: Game, action_id: uuid.UUID) -> ActionResult | None:
    """The original result of `action_id` in `game`, or None when it was never applied."""
    done = GameAction.objects.filter(game=game, action_id=action_id).values_list("version", flat=True).first()
    if done is None:
        return None
    return ActionResult(str(action_id), _call_end_version(game, done), duplicate=True)


def game_forfeit_by_player(
    *, game_id: Any, user: User, action_id: str | uuid.UUID, expected_version: int
) -> ActionResult:
    """The user's own side forfeits (the side they manage; a user managing both must use the action)."""
    with transaction.atomic():
        game = _locked_game(game_id)
        sides = user_sides(game, user)
    if len(sides) != 1:
        raise Forbidden("only a manager of exactly one side of this game can forfeit it")
    (side,) = sides
    return game_apply_action(
        game_id=game_id, user=user, action=engine.Forfeit(side), action_id=action_id, expected_version=expected_version
    )


def abandon_seconds(game: Game) -> int:
    """How long the side the game waits for may stay away before the opponent can claim a forfeit: the league's
    decision window times ``SCORECARD_ABANDON_WINDOWS`` (default 5)."""
    return game.league.decision_window_seconds * int(getattr(settings, "SCORECARD_ABANDON_WINDOWS", 5))


def game_claim_forfeit(*, game_id: Any, user: User, action_id: str | uuid.UUID, expected_version: int) -> ActionResult:
    """The opponent of an absent side claims the game: allowed when the side the game waits for is human, none of
    its managers is connected, and its decision deadline passed more than the abandonment limit ago. Audited."""
    with transaction.atomic():
        game = _locked_game(game_id)
        _check_playable(game)
        state = game_state(game)
        absent = state.actor
        if absent is None or absent in ai_sides(game):
            raise IllegalActionError("nobody is absent")
        if absent.other not in user_sides(game, user):
            raise Forbidden("only the waiting opponent's manager can claim a forfeit")
        session = GameSession.objects.filter(game=game).first()
        if _side_connected(game, absent):
            raise IllegalActionError("the other manager is connected")
        deadline = session.decision_deadline if session else None
        if deadline is None or pendulum_now() < deadline + timedelta(seconds=abandon_seconds(game)):
            raise IllegalActionError("the other side is not past the abandonment limit yet")
        if game.version != expected_version:
            raise VersionConflict(f"the game is at version {game.version}, not {expected_version}", game.version)
        result = game_apply_action(
            game_id=game_id,
            user=None,
            action=engine.Forfeit(absent),
            action_id=action_id,
            expected_version=expected_version,
            source=ActionSource.TIMEOUT,
        )
        _audit(
            game,
            user,
            AuditAction.CLAIM_FORFEIT,
            reason=f"{absent.value} side abandoned the game",
            details={"version": result.version},
        )
    return result


def game_apply_timeout(*, game_id: Any, version: int) -> ActionResult | None:
    """Applies the default (AI) answer for the side whose decision window expired at `version`. Idempotent:
    the action id is derived from (game, version), so a second sweeper gets the original result."""
    game = Game.objects.select_related("league").get(pk=game_id)
    state = game_state(game) if game.version == version else state_from_dict(game.state)
    if state.actor is None or game.version != version:
        return None
    action = timeout_action(state, game_setup(game))
    try:
        return game_apply_action(
            game_id=game_id,
            user=None,
            action=action,
            action_id=system_action_id(game_id, version, "timeout"),
            expected_version=version,
            source=ActionSource.TIMEOUT,
        )
    except (VersionConflict, GameOver, Locked):
        return None


def game_extend_deadlines(*, grace_seconds: int, only_without_connections: bool = True) -> int:
    """Pushes expired decision deadlines of games nobody is connected to (a worker restart dropped everyone, or
    the room is empty) to now + grace. Returns the number of sessions changed."""
    now = pendulum_now()
    floor = now + timedelta(seconds=grace_seconds)
    sessions = GameSession.objects.filter(decision_deadline__lte=now, game__status=GameStatus.ACTIVE)
    if only_without_connections:
        sessions = sessions.filter(game__connections__isnull=True)
    return sessions.update(decision_deadline=floor)


def _side_connected(game: Game, side: engine.Side) -> bool:
    team_id = game.home_team_id if side is engine.Side.HOME else game.away_team_id
    return GameConnection.objects.filter(game=game, user__managed_teams=team_id).exists()


def game_sweep_expired(*, now: Any = None, limit: int = 100) -> list[ActionResult]:
    """Applies defaults where a decision deadline passed and the side to act has a manager connected (an absent
    side is left for the opponent to claim). Safe to run in several processes at once."""
    now = now or pendulum_now()
    due = Game.objects.filter(
        session__decision_deadline__lte=now, status=GameStatus.ACTIVE, is_locked=False
    ).select_related("league")[:limit]
    results = []
    for game in due:
        actor = game_state(game).actor
        if actor is None or not _side_connected(game, actor):
            continue
        result = game_apply_timeout(game_id=game.pk, version=game.version)
        if result is not None:
            results.append(result)
    return results


# -- replay, checks and corrections --------------------------------------------------------------------------------


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


def game_recompute_state(*, game_id: Any, user: User) -> ReplayReport:
    """Commissioner: replays the actions, stores the replayed snapshot and audits the mismatches found."""
    with transaction.atomic():
        game = _locked_game(game_id)
        if not is_commissioner(game, user):
            raise Forbidden("only a commissioner of this league can recompute a game")
        report = game_replay_check(game)
        if report.state is not None:
            game.state = state_to_dict(report.state)
            game.away_score, game.home_score = report.state.score
            game.save(update_fields=["state", "away_score", "home_score"])
            _STATES.pop(str(game.pk), None)
            forget_actions(game.pk)
        _audit(game, user, AuditAction.RECOMPUTE, details={"mismatches": list(report.mismatches)})
    return report


def game_correct_play(
    *, game_id: Any, user: User, version: int, outcome: str, fielder: str | None = None, reason: str
) -> int:
    """Commissioner: replaces the submitted card result of the action at `version` and replays every later action
    with its recorded dice; plays, snapshot and events are rewritten. Refused (nothing changes) when a later
    action no longer fits the replayed game. Audited. Returns the game's version (unchanged)."""
    with transaction.atomic():
        game = _locked_game(game_id)
        if not is_commissioner(game, user):
            raise Forbidden("only a commissioner of this league can correct a play")
        actions = list(GameAction.objects.filter(game=game).order_by("version"))
        target = next((a for a in actions if a.version == version), None)
        if target is None or target.body.get("kind") != "submit_outcome":
            raise IllegalActionError("only a submitted card result can be corrected")
        body = {"kind": "submit_outcome", "outcome": outcome, "fielder": fielder}
        _decode(body)
        setup = game_setup(game)
        new_plays: list[Play] = []
        before: dict[str, engine.GameState] = {"state": engine.new_game(setup)}

        def record(row: GameAction, step: engine.Step, rolls: engine.dice.Rolls) -> None:
            if row.version >= version:
                row.dice = rolls_to_list(rolls)
                row.events = [event_to_dict(event) for event in step.events]
                row.summary = state_summary(step.state)
                first = True
                for event in step.events:
                    if isinstance(event, engine.Play):
                        new_plays.append(_play_row(game, event, before["state"], row.action_id if first else None))
                        first = False
            before["state"] = step.state

        try:
            state = replay_actions(setup, actions, record, {version: body}, fresh_after=version)
        except (ValueError, LookupError) as exc:
            raise IllegalActionError(f"the correction does not fit the rest of the game: {exc}") from exc
        old = target.body
        target.body = body
        first_number = min((p.play_number for p in new_plays), default=None)
        if first_number is not None:
            Play.objects.filter(game=game, play_number__gte=first_number).delete()
        Play.objects.bulk_create(new_plays)
        GameAction.objects.bulk_update(
            [a for a in actions if a.version >= version], ["body", "dice", "events", "summary"]
        )
        game.state = state_to_dict(state)
        game.away_score, game.home_score = state.score
        game.current_inning, game.current_half = state.inning, state.half.value
        game.save(update_fields=["state", "away_score", "home_score", "current_inning", "current_half"])
        _STATES.pop(str(game.pk), None)
        forget_actions(game.pk)
        _audit(game, user, AuditAction.CORRECT, reason=reason, details={"version": version, "was": old, "now": body})
    return game.version


# -- presence ------------------------------------------------------------------------------------------------------


def presence_join(*, game_id: Any, channel_name: str, user: User, role: str, server: str = "") -> None:
    """Records an open connection and keeps GameSession.connected_users in step."""
    user_id = user.pk if user is not None and user.is_authenticated else None
    with transaction.atomic():
        GameConnection.objects.update_or_create(
            channel_name=channel_name,
            defaults={
                "game_id": game_id,
                "user_id": user_id,
                "role": role,
                "server": server,
                "seen_at": pendulum_now(),
            },
        )
        _sync_connected(game_id)


def presence_heartbeat(*, server: str) -> int:
    """Marks every connection held by worker `server` as alive now."""
    return GameConnection.objects.filter(server=server).update(seen_at=pendulum_now())


def presence_prune(*, max_age_seconds: int) -> int:
    """Forgets connections whose worker stopped heart-beating (killed worker); returns how many."""
    cutoff = pendulum_now() - timedelta(seconds=max_age_seconds)
    stale = list(GameConnection.objects.filter(seen_at__lt=cutoff).values_list("pk", "game_id"))
    if stale:
        with transaction.atomic():
            GameConnection.objects.filter(pk__in=[pk for pk, _ in stale]).delete()
            for game_id in {game_id for _, game_id in stale}:
                _sync_connected(game_id)
    return len(stale)


def presence_leave(*, channel_name: str) -> Any:
    """Forgets a connection; returns its game id (None when unknown)."""
    with transaction.atomic():
        row = GameConnection.objects.filter(channel_name=channel_name).first()
        if row is None:
            return None
        row.delete()
        _sync_connected(row.game_id)
        return row.game_id


def _sync_connected(game_id: Any) -> None:
    session, _ = GameSession.objects.get_or_create(game_id=game_id)
    users = GameConnection.objects.filter(game_id=game_id, user__isnull=False).values_list("user_id", flat=True)
    session.connected_users.set(set(users))
