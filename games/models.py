"""Games and their history: setup (lineups, approved cardsets, rosters), plays, live session, audit trail.

The GameAction rows (each accepted action with the dice it rolled) are the record every replay starts from; Play
and PitchingLine rows are projections of them, `Game.state` is a snapshot, and `Game.version` counts the actions.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from games.engine.enums import Half
from leagues.models import League, Season, Team
from players.models import POSITION_CHOICES, Card, Player
from scorecard.choices import enum_choices
from scorecard.clock import pendulum_now

BASES = [MinValueValidator(0), MaxValueValidator(4)]


class GameStatus(models.TextChoices):
    PENDING = "pending"
    ACTIVE = "active"
    COMPLETED = "completed"
    FORFEITED = "forfeited"
    # Nobody acted for the league's abandon_after_days and neither side had made a move: closed without a winner.
    ABANDONED = "abandoned"


FINISHED_STATUSES = (GameStatus.COMPLETED, GameStatus.FORFEITED, GameStatus.ABANDONED)


class GameMode(models.TextChoices):
    RANKED = "ranked"
    FRIENDLY = "friendly"
    PRACTICE = "practice"


class Visibility(models.TextChoices):
    PUBLIC = "public"
    PRIVATE = "private"


class AiDifficulty(models.TextChoices):
    BALANCED = "balanced"
    YOLO = "yolo"
    SAFE = "safe"


HALF_CHOICES = enum_choices(Half)  # the engine's halves


class Game(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    league = models.ForeignKey(League, on_delete=models.PROTECT, related_name="games")
    season = models.ForeignKey(Season, on_delete=models.SET_NULL, null=True, blank=True, related_name="games")
    status = models.CharField(max_length=10, choices=GameStatus.choices, default=GameStatus.PENDING)
    game_mode = models.CharField(max_length=10, choices=GameMode.choices, default=GameMode.FRIENDLY)
    visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC)
    home_team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="home_games")
    away_team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="away_games")
    home_is_ai = models.BooleanField(default=False)
    away_is_ai = models.BooleanField(default=False)
    ai_difficulty = models.CharField(max_length=10, choices=AiDifficulty.choices, default=AiDifficulty.BALANCED)
    # Human sides ("away", "home") whose routine decisions the server answers at once (games.engine.answers.routine).
    auto_sides = models.JSONField(default=list, blank=True)
    # Each side's team's standing orders (games.engine.orders, stored form; {}: none saved), copied from
    # StandingOrders when the game is created and whenever its manager saves them.
    away_orders = models.JSONField(default=dict, blank=True)
    home_orders = models.JSONField(default=dict, blank=True)
    current_inning = models.PositiveSmallIntegerField(default=1)
    current_half = models.CharField(max_length=6, choices=HALF_CHOICES, default=Half.TOP.value)
    away_score = models.PositiveSmallIntegerField(default=0)
    home_score = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(default=0, help_text="one more per accepted action")
    state = models.JSONField(default=dict, blank=True, help_text="engine state snapshot at `version`")
    is_locked = models.BooleanField(default=False, help_text="locked games accept no actions")
    forfeit_reason = models.TextField(blank=True)
    forfeit_winner = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="forfeit_wins"
    )
    created_at = models.DateTimeField(default=pendulum_now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    scheduled = models.OneToOneField(
        "leagues.ScheduledGame", on_delete=models.SET_NULL, null=True, blank=True, related_name="game"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(home_team=F("away_team")), name="game_teams_differ"),
            models.CheckConstraint(condition=Q(current_inning__gte=1), name="game_inning_positive"),
            models.CheckConstraint(condition=Q(home_score__gte=0, away_score__gte=0), name="game_scores_non_negative"),
            models.CheckConstraint(condition=Q(version__gte=0), name="game_version_non_negative"),
        ]
        indexes = [
            models.Index(fields=["league", "status"]),
            models.Index(fields=["status", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.away_team.abbreviation} @ {self.home_team.abbreviation} ({str(self.id)[:8]})"


class Lineup(models.Model):
    """One player's stint in a game: a starter or a substitute (`replacing`, entered after `after_play`)."""

    game = models.ForeignKey(Game, on_delete=models.CASCADE, related_name="lineups")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="lineups")
    card = models.ForeignKey(Card, on_delete=models.PROTECT, null=True, blank=True, related_name="lineups")
    player = models.ForeignKey(Player, on_delete=models.PROTECT, related_name="lineups")
    position = models.CharField(max_length=2, choices=POSITION_CHOICES)
    batting_order = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    is_starter = models.BooleanField(default=True)
    is_active = models.BooleanField(default=True)
    entered_inning = models.PositiveSmallIntegerField(default=1)
    replacing = models.ForeignKey("self", on_delete=models.RESTRICT, null=True, blank=True, related_name="replaced_by")
    after_play = models.PositiveIntegerField(null=True, blank=True)
    is_fatigued = models.BooleanField(default=False)

    class Meta:
        ordering = ["game", "team", "batting_order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(batting_order__isnull=True) | Q(batting_order__gte=1, batting_order__lte=9),
                name="lineup_batting_order_1_9",
            ),
        ]
        indexes = [models.Index(fields=["game", "team", "is_active"])]

    def __str__(self) -> str:
        order = self.batting_order or "-"
        return f"{self.team.abbreviation} {order} {self.position} {self.player.name}"


def _lineup(related_name: str) -> models.ForeignKey[Lineup | None, Lineup | None]:
    # RESTRICT, not PROTECT: a lineup row goes only with its game (which takes its plays along).
    return models.ForeignKey(Lineup, on_delete=models.RESTRICT, null=True, blank=True, related_name=related_name)


def _count() -> models.PositiveSmallIntegerField[int, int]:
    return models.PositiveSmallIntegerField(default=0)


def _base() -> models.PositiveSmallIntegerField[int | None, int | None]:
    return models.PositiveSmallIntegerField(null=True, blank=True, validators=BASES)


class Play(models.Model):
    """One resolved play: who was where before, the decisions and dice, what happened and its stats.
    Bases in `*_final` are 0-4 (4 = scored)."""

    game = models.ForeignKey(Game, on_delete=models.CASCADE, related_name="plays")
    play_number = models.PositiveIntegerField()
    inning = models.PositiveSmallIntegerField()
    half = models.CharField(max_length=6, choices=HALF_CHOICES)
    outs_before = models.PositiveSmallIntegerField(default=0)
    batting_order = models.PositiveSmallIntegerField(null=True, blank=True)
    away_score = models.PositiveSmallIntegerField(default=0, help_text="before the play")
    home_score = models.PositiveSmallIntegerField(default=0, help_text="before the play")
    batter = _lineup("plays_as_batter")
    pitcher = _lineup("plays_as_pitcher")
    catcher = _lineup("plays_as_catcher")
    defender = _lineup("plays_as_defender")
    runner = _lineup("plays_as_runner")
    on_first = _lineup("plays_on_first")
    on_second = _lineup("plays_on_second")
    on_third = _lineup("plays_on_third")
    on_first_final = _base()
    on_second_final = _base()
    on_third_final = _base()
    batter_final = _base()
    on_base_code = models.PositiveSmallIntegerField(default=0, help_text="bit mask: 1 = R1, 2 = R2, 4 = R3")
    defensive_choices = models.JSONField(default=dict, blank=True)
    offensive_choices = models.JSONField(default=dict, blank=True)
    dice = models.JSONField(default=dict, blank=True, help_text="every die rolled, by name")
    hit_type = models.CharField(max_length=32, blank=True)
    description = models.TextField(blank=True)
    outs_recorded = _count()
    runs_scored = _count()
    check_pos = models.CharField(max_length=2, blank=True)
    pa = _count()
    ab = _count()
    hit = _count()
    single = _count()
    double = _count()
    triple = _count()
    homerun = _count()
    bb = _count()
    ibb = _count()
    hbp = _count()
    so = _count()
    sac = _count()
    sf = _count()
    gidp = _count()
    sb = _count()
    cs = _count()
    wild_pitch = _count()
    passed_ball = _count()
    pick_off = _count()
    balk = _count()
    error = _count()
    outs = _count()
    runs = _count()
    rbi = _count()
    earned_runs = _count()
    unearned_runs = _count()
    inherited_runners = _count()
    inherited_scored = _count()
    bphr = _count()
    bpfo = _count()
    bp1b = _count()
    bplo = _count()
    wpa = models.FloatField(default=0.0)
    re24 = models.FloatField(default=0.0)
    is_tied = models.BooleanField(default=False)
    is_go_ahead = models.BooleanField(default=False)
    is_new_inning = models.BooleanField(default=False)
    in_pow = models.BooleanField(default=False)
    complete = models.BooleanField(default=False)
    locked = models.BooleanField(default=False)
    action_id = models.UUIDField(null=True, blank=True, help_text="client action id; unique per game")
    mismatch = models.JSONField(
        default=dict, blank=True, help_text="manual mode: the entered result and what the card reads, when they differ"
    )
    result_state = models.JSONField(default=dict, blank=True, help_text="engine state after the play")
    created_at = models.DateTimeField(default=pendulum_now)

    class Meta:
        ordering = ["game", "play_number"]
        constraints = [
            models.UniqueConstraint(fields=["game", "play_number"], name="play_unique_number"),
            models.UniqueConstraint(
                fields=["game", "action_id"], condition=Q(action_id__isnull=False), name="play_unique_action_id"
            ),
            models.CheckConstraint(condition=Q(outs_before__gte=0, outs_before__lte=2), name="play_outs_before_0_2"),
            models.CheckConstraint(
                condition=Q(outs_recorded__gte=0, outs_recorded__lte=3), name="play_outs_recorded_0_3"
            ),
            models.CheckConstraint(condition=Q(outs__gte=0, outs__lte=3), name="play_outs_0_3"),
            models.CheckConstraint(condition=Q(inning__gte=1), name="play_inning_positive"),
            models.CheckConstraint(
                condition=Q(away_score__gte=0, home_score__gte=0, runs_scored__gte=0, runs__gte=0),
                name="play_scores_non_negative",
            ),
            models.CheckConstraint(
                condition=Q(batting_order__isnull=True) | Q(batting_order__gte=1, batting_order__lte=9),
                name="play_batting_order_1_9",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.play_number} {self.half} {self.inning}: {self.description or self.hit_type}"


class PitchingLine(models.Model):
    """One pitcher's line in one completed game, as the engine's box score has it (runs charged to the pitcher
    responsible for the runner, earned runs reconstructed, W/L/S). A projection of the game's recorded actions:
    written when the game is completed, rewritten when a correction or a recompute replays it. Season pitching
    statistics sum these, so they always equal the sum of the box scores."""

    game = models.ForeignKey(Game, on_delete=models.CASCADE, related_name="pitching_lines")
    lineup = models.ForeignKey(Lineup, on_delete=models.CASCADE, related_name="pitching_lines")
    outs = _count()
    h = _count()
    r = _count()
    er = _count()
    bb = _count()
    so = _count()
    hr = _count()
    bf = _count()
    decision = models.CharField(max_length=1, blank=True, choices=[("W", "win"), ("L", "loss"), ("S", "save")])

    class Meta:
        constraints = [models.UniqueConstraint(fields=["game", "lineup"], name="pitching_line_once_per_game")]

    def __str__(self) -> str:
        return f"{self.game_id} {self.lineup_id}: {self.outs} outs, {self.er} ER"


class GameCardsetLink(models.Model):
    """A cardset approved for a PD game; lower `priority` wins when a player has cards in several."""

    game = models.ForeignKey(Game, on_delete=models.CASCADE, related_name="cardset_links")
    cardset = models.ForeignKey("players.Cardset", on_delete=models.PROTECT, related_name="game_links")
    priority = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["game", "priority"]
        constraints = [models.UniqueConstraint(fields=["game", "cardset"], name="game_cardset_unique")]

    def __str__(self) -> str:
        return f"{self.cardset} (priority {self.priority})"


class RosterLink(models.Model):
    """A card a team may use in this game."""

    game = models.ForeignKey(Game, on_delete=models.CASCADE, related_name="roster_links")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="roster_links")
    card = models.ForeignKey(Card, on_delete=models.PROTECT, related_name="roster_links")

    class Meta:
        ordering = ["game", "team"]
        constraints = [models.UniqueConstraint(fields=["game", "card"], name="roster_card_unique")]
        indexes = [models.Index(fields=["game", "team"])]

    def __str__(self) -> str:
        return f"{self.team.abbreviation}: {self.card}"


class GameSession(models.Model):
    """Live state of a game in play: who is connected, when the last action came, the pending deadline."""

    game = models.OneToOneField(Game, on_delete=models.CASCADE, related_name="session")
    connected_users = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="game_sessions")
    last_action_at = models.DateTimeField(null=True, blank=True)
    state = models.JSONField(default=dict, blank=True)
    decision_deadline = models.DateTimeField(null=True, blank=True, db_index=True)

    def __str__(self) -> str:
        return f"session of {self.game}"


class AuditAction(models.TextChoices):
    LOCK = "lock"
    UNLOCK = "unlock"
    FORFEIT = "forfeit"
    CORRECT = "correct"
    RECOMPUTE = "recompute"
    CLAIM_FORFEIT = "claim_forfeit"
    DISPUTE = "dispute"
    DISMISS = "dismiss"
    ABANDON = "abandon"


class AuditEntry(models.Model):
    """Who did what to a game outside normal play (commissioner actions), and why."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="audit_entries"
    )
    action = models.CharField(max_length=16, choices=AuditAction.choices)
    game = models.ForeignKey(Game, on_delete=models.CASCADE, null=True, blank=True, related_name="audit_entries")
    league = models.ForeignKey(League, on_delete=models.CASCADE, related_name="audit_entries")
    reason = models.TextField(blank=True)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=pendulum_now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["league", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.action} by {self.actor} at {self.created_at:%Y-%m-%d %H:%M}"


class DisputeStatus(models.TextChoices):
    OPEN = "open"
    CORRECTED = "corrected"
    DISMISSED = "dismissed"


class Dispute(models.Model):
    """A manager's objection to a result the other side entered in manual mode (usually one marked "card reads
    ..."), for the league's commissioner to correct (`game_correct_play`) or dismiss, once. The play is named by its
    number; `version` is the submitted result's action, the one a correction replaces."""

    game = models.ForeignKey(Game, on_delete=models.CASCADE, related_name="disputes")
    play_number = models.PositiveIntegerField()
    version = models.PositiveIntegerField(help_text="the submit_outcome action the play was entered by")
    entered_side = models.CharField(max_length=4, help_text="the side that entered the result")
    entered = models.JSONField(help_text="the entered result: {outcome, fielder}")
    card_reads = models.JSONField(default=dict, blank=True, help_text="what the card reads, when the engine knows")
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="disputes_raised"
    )
    reason = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=DisputeStatus.choices, default=DisputeStatus.OPEN)
    created_at = models.DateTimeField(default=pendulum_now)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="disputes_resolved"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.TextField(blank=True, help_text="the commissioner's reason")
    corrected_to = models.JSONField(default=dict, blank=True, help_text="the corrected result: {outcome, fielder}")

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["game", "play_number"], name="dispute_once_per_play")]
        indexes = [models.Index(fields=["status", "-created_at"])]

    def __str__(self) -> str:
        return f"play {self.play_number} of {self.game} ({self.status})"


class ActionSource(models.TextChoices):
    PLAYER = "player"
    AI = "ai"
    TIMEOUT = "timeout"
    COMMISSIONER = "commissioner"


class GameAction(models.Model):
    """One accepted action, append-only: the game moved from `version - 1` to `version` by applying `body` with
    `dice` (every die rolled, by name, in order). Replaying a game's actions reproduces its plays and snapshot."""

    game = models.ForeignKey(Game, on_delete=models.CASCADE, related_name="actions")
    version = models.PositiveIntegerField()
    action_id = models.UUIDField()
    source = models.CharField(max_length=12, choices=ActionSource.choices, default=ActionSource.PLAYER)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="game_actions"
    )
    side = models.CharField(max_length=4, blank=True, help_text="the side that acted (away/home)")
    body = models.JSONField(help_text="the action, as the protocol's action body")
    dice = models.JSONField(default=list, blank=True, help_text="[[name, value], ...] in the order rolled")
    events = models.JSONField(default=list, blank=True, help_text="engine events the action produced")
    summary = models.JSONField(default=dict, blank=True, help_text="public game summary after the action")
    reason = models.CharField(max_length=200, blank=True, help_text="the AI manager's one-line reason, if it acted")
    created_at = models.DateTimeField(default=pendulum_now)

    class Meta:
        ordering = ["game", "version"]
        constraints = [
            models.UniqueConstraint(fields=["game", "version"], name="game_action_unique_version"),
            models.UniqueConstraint(fields=["game", "action_id"], name="game_action_unique_action_id"),
            models.CheckConstraint(condition=Q(version__gte=1), name="game_action_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.game_id} v{self.version} {self.body.get('kind', '?')}"


class GameConnection(models.Model):
    """One open WebSocket on a game (presence). Its worker refreshes `seen_at`; rows of a worker that died stop
    being refreshed and are pruned by the sweeper."""

    game = models.ForeignKey(Game, on_delete=models.CASCADE, related_name="connections")
    channel_name = models.CharField(max_length=200, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="game_connections"
    )
    role = models.CharField(max_length=16)
    server = models.CharField(max_length=64, blank=True, help_text="the worker process holding the socket")
    connected_at = models.DateTimeField(default=pendulum_now)
    seen_at = models.DateTimeField(default=pendulum_now, db_index=True, help_text="last heartbeat of its worker")

    class Meta:
        indexes = [models.Index(fields=["game", "user"])]

    def __str__(self) -> str:
        return f"{self.user or 'anonymous'} on {self.game_id} as {self.role}"


class StandingOrders(models.Model):
    """A team's standing orders (games.engine.orders, stored form, the closer and specialist by Player id): how
    the server decides for the team when its manager is away, automatic or out of time."""

    team = models.OneToOneField(Team, on_delete=models.CASCADE, related_name="standing_orders")
    orders = models.JSONField(default=dict, blank=True)
    rotation = models.JSONField(
        default=list, blank=True, help_text="starting pitchers (Player ids) in order: the next rested one starts"
    )
    updated_at = models.DateTimeField(default=pendulum_now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name_plural = "standing orders"

    def __str__(self) -> str:
        return f"standing orders of {self.team}"


class LineupKind(models.TextChoices):
    VS_RHP = "vs_rhp", "vs RHP"
    VS_LHP = "vs_lhp", "vs LHP"


class SavedLineup(models.Model):
    """A team's starting lineup against right- or left-handed starters, kept for its next games: `entries` are
    {"player": Player id, "position", "order" (None: the pitcher of a DH league)} in batting order."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="saved_lineups")
    kind = models.CharField(max_length=6, choices=LineupKind.choices)
    entries = models.JSONField(default=list)
    updated_at = models.DateTimeField(default=pendulum_now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "kind"], name="saved_lineup_one_per_kind")]

    def __str__(self) -> str:
        return f"{self.team} {self.get_kind_display()}"


class StoredSetup(models.Model):
    """The engine setup a game was built with (`games.engine.serialize.setup_to_dict`), so a worker without it in
    memory reads it with the game row instead of rebuilding it from the lineup rows and their cards. Valid while
    `key` (the setup format and the lineup fingerprint) matches the game's; rewritten when it does not."""

    game = models.OneToOneField(Game, on_delete=models.CASCADE, primary_key=True, related_name="stored_setup")
    key = models.CharField(max_length=64)
    data = models.JSONField()

    def __str__(self) -> str:
        return f"setup of {self.game_id} ({self.key})"
