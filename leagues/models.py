"""Leagues, their rule options, seasons, ballparks, teams, and commissioner links."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from games.engine.availability import DEFAULT_BACK_TO_BACK_GAMES, DEFAULT_STARTER_GAMES, rest_chart_errors
from games.engine.enums import ResolutionMode
from leagues.league_api.records import LeagueCode
from leagues.rule_options import (
    LeagueRuleOptions,
    default_location_tables,
    default_rest_chart,
    location_table_errors,
)
from scorecard.choices import enum_choices

D20 = [MinValueValidator(1), MaxValueValidator(20)]


# The league codes are the league records' and the resolution modes the engine's; these are their choices.
LEAGUE_CODE_CHOICES = enum_choices(LeagueCode, labels={LeagueCode.PD: "Paper Dynasty", LeagueCode.SBA: "SBA"})
RESOLUTION_CHOICES = enum_choices(
    ResolutionMode,
    labels={ResolutionMode.AUTO: "Automatic (numeric cards)", ResolutionMode.MANUAL: "Manual (physical cards)"},
)


class League(models.Model):
    """A league and its rule options (RULES.md *[league option]*); `rule_options()` hands them to the engine."""

    code = models.CharField(max_length=8, unique=True, choices=LEAGUE_CODE_CHOICES)
    name = models.CharField(max_length=100)
    innings = models.PositiveSmallIntegerField(default=9, validators=[MinValueValidator(1)])
    dh = models.BooleanField("designated hitter", default=True)
    extra_inning_runner = models.BooleanField(default=False)
    mercy_rule = models.BooleanField(default=False)
    mercy_run_margin = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MinValueValidator(1)])
    mercy_inning = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MinValueValidator(1)])
    resolution_mode = models.CharField(max_length=8, choices=RESOLUTION_CHOICES, default=ResolutionMode.AUTO.value)
    decision_window_seconds = models.PositiveIntegerField(default=60, validators=[MinValueValidator(1)])
    location_tables = models.JSONField(default=default_location_tables)
    park_hr_number = models.PositiveSmallIntegerField("default park HR number", default=10, validators=D20)
    park_single_number = models.PositiveSmallIntegerField("default park single number", default=10, validators=D20)
    injuries = models.BooleanField(default=False)
    rare_plays = models.BooleanField(default=True)
    pitcher_rest = models.BooleanField(
        default=True, help_text="pitchers rest between games by the rest chart (docs/season.md)"
    )
    rest_chart = models.JSONField(
        default=default_rest_chart, help_text="[[outs at least, games of rest], ...] from 0 outs up"
    )
    starter_rest_games = models.PositiveSmallIntegerField(
        default=DEFAULT_STARTER_GAMES, help_text="a starter's least rest, in his team's games"
    )
    back_to_back_rest_games = models.PositiveSmallIntegerField(
        default=DEFAULT_BACK_TO_BACK_GAMES,
        help_text="extra rest of a reliever who pitched in his team's previous game too",
    )
    abandon_after_days = models.PositiveSmallIntegerField(
        default=3,
        help_text="a live game with no action for this many days is closed: the side it waits for forfeits "
        "(abandoned without a winner when neither side ever moved); 0 never closes one",
    )
    out_of_position = models.BooleanField(
        "out-of-position fielding",
        default=True,
        help_text="RULES §12: a lineup may start a player at a position his card has no rating for (the lineup "
        "builder warns) and he plays it with the out-of-position ratings; off, such a lineup is refused and a "
        "player left out of position during a game plays league-average defense.",
    )

    class Meta:
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=Q(innings__gte=1), name="league_innings_positive"),
            models.CheckConstraint(
                condition=Q(mercy_rule=False) | Q(mercy_run_margin__isnull=False, mercy_inning__isnull=False),
                name="league_mercy_rule_complete",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.mercy_rule:
            for name in ("mercy_run_margin", "mercy_inning"):
                if getattr(self, name) is None:
                    errors[name] = "required when the mercy rule is on"
        if problems := location_table_errors(self.location_tables):
            errors["location_tables"] = problems
        if problems := rest_chart_errors(self.rest_chart):
            errors["rest_chart"] = problems
        if errors:
            raise ValidationError(errors)

    def rule_options(self) -> LeagueRuleOptions:
        """This league's options as a frozen dataclass of plain values (every option is a field of the same name)."""
        options = {
            field.name: getattr(self, field.name) for field in fields(LeagueRuleOptions) if field.name != "league_code"
        }
        options["resolution_mode"] = ResolutionMode(self.resolution_mode)
        return LeagueRuleOptions(league_code=self.code, **options)


class Season(models.Model):
    league = models.ForeignKey(League, on_delete=models.CASCADE, related_name="seasons")
    number = models.PositiveSmallIntegerField()
    is_current = models.BooleanField(default=False)
    current_week = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="the week being played; scheduled games of later weeks cannot start yet"
    )
    playoff_teams = models.PositiveSmallIntegerField(
        default=4,
        validators=[MinValueValidator(2), MaxValueValidator(32)],
        help_text="teams that make the playoffs: division leaders first, then the best records",
    )

    class Meta:
        ordering = ["league", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["league", "number"], name="season_unique_number"),
            models.UniqueConstraint(fields=["league"], condition=Q(is_current=True), name="season_one_current"),
        ]

    def __str__(self) -> str:
        return f"{self.league.code.upper()} season {self.number}"


class Ballpark(models.Model):
    """A park and its ballpark-check numbers (RULES §4.5): d20 at or under the number goes through."""

    name = models.CharField(max_length=100, unique=True)
    hr_number = models.PositiveSmallIntegerField("HR number", default=10, validators=D20)
    single_number = models.PositiveSmallIntegerField(default=10, validators=D20)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(hr_number__gte=1, hr_number__lte=20), name="ballpark_hr_number_d20"),
            models.CheckConstraint(
                condition=Q(single_number__gte=1, single_number__lte=20), name="ballpark_single_number_d20"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    """A league team; SBA teams are per season. Discord ids are strings (snowflakes); colours are hex without '#'."""

    league = models.ForeignKey(League, on_delete=models.CASCADE, related_name="teams")
    season = models.ForeignKey(Season, on_delete=models.SET_NULL, null=True, blank=True, related_name="teams")
    external_id = models.CharField(max_length=64, blank=True, help_text="id in the league's API")
    abbreviation = models.CharField(max_length=16)
    name = models.CharField(max_length=100)
    short_name = models.CharField(max_length=50, blank=True)
    color = models.CharField(max_length=6, blank=True)
    dice_color = models.CharField(max_length=6, blank=True)
    ballpark = models.ForeignKey(Ballpark, on_delete=models.SET_NULL, null=True, blank=True, related_name="teams")
    stadium = models.CharField(max_length=100, blank=True, help_text="park name as the league API sends it")
    thumbnail = models.URLField(max_length=500, blank=True)
    division_name = models.CharField(max_length=100, blank=True)
    division_abbrev = models.CharField(max_length=16, blank=True)
    salary_cap = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    managers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="managed_teams")
    manager1_name = models.CharField(max_length=100, blank=True)
    manager2_name = models.CharField(max_length=100, blank=True)
    gm_discord_id = models.CharField("GM Discord id", max_length=32, blank=True)
    gm2_discord_id = models.CharField("second GM Discord id", max_length=32, blank=True)
    discord_webhook_url = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["league", "abbreviation"]
        constraints = [
            models.UniqueConstraint(
                fields=["league", "season", "abbreviation"],
                condition=Q(season__isnull=False),
                name="team_unique_abbreviation_per_season",
            ),
            models.UniqueConstraint(
                fields=["league", "abbreviation"],
                condition=Q(season__isnull=True),
                name="team_unique_abbreviation_without_season",
            ),
            models.UniqueConstraint(
                fields=["league", "external_id"], condition=~Q(external_id=""), name="team_unique_external_id"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.abbreviation} {self.name}"

    def clean(self) -> None:
        if self.season_id is not None and self.season is not None and self.season.league_id != self.league_id:
            raise ValidationError({"season": "the season belongs to another league"})


class LeagueCommissioner(models.Model):
    """A user who commissions one league: admin access to that league's objects only."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="commissionerships")
    league = models.ForeignKey(League, on_delete=models.CASCADE, related_name="commissioners")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "league"], name="commissioner_unique")]

    def __str__(self) -> str:
        return f"{self.user} commissions {self.league.code.upper()}"


class SeriesKind(models.TextChoices):
    REGULAR = "regular"
    PLAYOFF = "playoff"


class Series(models.Model):
    """Two teams' games in one week of a season: the regular season's or a playoff round's. The host is the
    series' home team; each scheduled game still says who is home in it."""

    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="series")
    week = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    kind = models.CharField(max_length=8, choices=SeriesKind.choices, default=SeriesKind.REGULAR)
    playoff_round = models.PositiveSmallIntegerField(null=True, blank=True, help_text="1 for the first round")
    home_team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="home_series")
    away_team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="away_series")

    class Meta:
        ordering = ["season", "week", "home_team__abbreviation", "pk"]
        verbose_name_plural = "series"
        constraints = [
            models.CheckConstraint(condition=~Q(home_team=models.F("away_team")), name="series_teams_differ"),
            models.CheckConstraint(condition=Q(week__gte=1), name="series_week_positive"),
        ]
        indexes = [models.Index(fields=["season", "week"])]

    def __str__(self) -> str:
        return f"{self.season} week {self.week}: {self.away_team.abbreviation} at {self.home_team.abbreviation}"


class ScheduledGame(models.Model):
    """One game of a series: its number in the series and who is home. `games.Game.scheduled` links the game
    that plays it; `external_id` is the league API's game row and `reported_*_score` a result the league
    reported for a game played elsewhere."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="games")
    number = models.PositiveSmallIntegerField("game number in the series", validators=[MinValueValidator(1)])
    home_team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="scheduled_home_games")
    away_team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="scheduled_away_games")
    external_id = models.CharField(max_length=64, blank=True, help_text="game id in the league's API")
    reported_away_score = models.PositiveSmallIntegerField(null=True, blank=True)
    reported_home_score = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["series", "number"]
        constraints = [
            models.UniqueConstraint(fields=["series", "number"], name="scheduled_game_unique_number"),
            models.UniqueConstraint(
                fields=["series", "external_id"], condition=~Q(external_id=""), name="scheduled_game_unique_external"
            ),
            models.CheckConstraint(condition=~Q(home_team=models.F("away_team")), name="scheduled_game_teams_differ"),
        ]

    def __str__(self) -> str:
        return f"{self.series} game {self.number}"

    @property
    def week(self) -> int:
        return self.series.week

    @property
    def kind(self) -> str:
        return self.series.kind

    @property
    def label(self) -> str:
        """E.g. "Week 7 · Game 3 of 4" (the series' length is its games: prefetch `series__games` for lists)."""
        return f"Week {self.series.week} · Game {self.number} of {len(self.series.games.all())}"


class Injury(models.Model):
    """A player hurt in a scheduled game for `games` of his team's next scheduled games (RULES §11): the injured
    list. A projection of the game's recorded plays, written when the game finishes and rewritten when a
    correction or a recompute replays it (`leagues.services.availability.injuries_write`); when he returns is
    read from the team's schedule (`leagues.availability`), so a changed schedule moves it."""

    game = models.ForeignKey("games.Game", on_delete=models.CASCADE, related_name="injuries")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="injuries")
    player = models.ForeignKey("players.Player", on_delete=models.CASCADE, related_name="injuries")
    games = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)], help_text="scheduled games missed")
    play_number = models.PositiveIntegerField(help_text="the play of the game on which he was hurt")

    class Meta:
        ordering = ["team", "game__scheduled__series__week", "game__scheduled__number", "player__name"]
        verbose_name_plural = "injuries"
        constraints = [
            models.UniqueConstraint(fields=["game", "player"], name="injury_once_per_game"),
            models.CheckConstraint(condition=Q(games__gte=1), name="injury_games_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.player} ({self.team.abbreviation}): {self.games} games"
