"""REST representations of leagues, seasons, teams and standings, and the `league` / `season` query every
season-level endpoint takes (shared by the leagues' and the games' API views)."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.request import Request

from leagues.models import LEAGUE_CODE_CHOICES, League, ScheduledGame, Season, Team
from scorecard.choices import choice_values


class LeagueSerializer(serializers.ModelSerializer[League]):
    class Meta:
        model = League
        fields = [
            "id",
            "code",
            "name",
            "innings",
            "dh",
            "extra_inning_runner",
            "mercy_rule",
            "mercy_run_margin",
            "mercy_inning",
            "resolution_mode",
            "decision_window_seconds",
            "park_hr_number",
            "park_single_number",
            "injuries",
            "rare_plays",
            "abandon_after_days",
            "out_of_position",
        ]


class SeasonSerializer(serializers.ModelSerializer[Season]):
    league: serializers.SlugRelatedField[League] = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Season
        fields = ["id", "league", "number", "is_current"]


class TeamSerializer(serializers.ModelSerializer[Team]):
    league: serializers.SlugRelatedField[League] = serializers.SlugRelatedField(slug_field="code", read_only=True)
    season = serializers.IntegerField(source="season.number", read_only=True, allow_null=True, default=None)
    ballpark = serializers.CharField(source="ballpark.name", read_only=True, allow_null=True, default=None)

    class Meta:
        model = Team
        fields = [
            "id",
            "league",
            "season",
            "external_id",
            "abbreviation",
            "name",
            "short_name",
            "color",
            "ballpark",
            "division_name",
            "division_abbrev",
            "thumbnail",
        ]


class StandingSerializer(serializers.Serializer[object]):
    team = TeamSerializer()
    wins = serializers.IntegerField()
    losses = serializers.IntegerField()
    pct = serializers.FloatField()
    games_behind = serializers.FloatField()
    runs_for = serializers.IntegerField()
    runs_against = serializers.IntegerField()
    run_differential = serializers.IntegerField()
    home_wins = serializers.IntegerField()
    home_losses = serializers.IntegerField()
    away_wins = serializers.IntegerField()
    away_losses = serializers.IntegerField()
    last = serializers.ListField(child=serializers.ChoiceField(choices=["W", "L"]), help_text="oldest first")
    streak = serializers.CharField(help_text='e.g. "W3"; empty before any decided game')


class ScheduledGameSerializer(serializers.ModelSerializer[ScheduledGame]):
    """One scheduled game: its week and series, who is home, and the game that plays it or the result the
    league reported."""

    season = serializers.IntegerField(source="series.season.number", read_only=True)
    week = serializers.IntegerField(source="series.week", read_only=True)
    kind = serializers.CharField(source="series.kind", read_only=True)
    playoff_round = serializers.IntegerField(source="series.playoff_round", read_only=True, allow_null=True)
    series = serializers.IntegerField(source="series_id", read_only=True)
    games_in_series = serializers.SerializerMethodField()
    home_team: serializers.SlugRelatedField[Team] = serializers.SlugRelatedField(
        slug_field="abbreviation", read_only=True
    )
    away_team: serializers.SlugRelatedField[Team] = serializers.SlugRelatedField(
        slug_field="abbreviation", read_only=True
    )
    game = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()
    home_score = serializers.SerializerMethodField()
    away_score = serializers.SerializerMethodField()

    class Meta:
        model = ScheduledGame
        fields = [
            "id",
            "season",
            "week",
            "kind",
            "playoff_round",
            "series",
            "number",
            "games_in_series",
            "home_team",
            "away_team",
            "external_id",
            "game",
            "status",
            "home_score",
            "away_score",
        ]

    def get_games_in_series(self, slot: ScheduledGame) -> int:
        return len(slot.series.games.all())

    def get_game(self, slot: ScheduledGame) -> str | None:
        game = getattr(slot, "game", None)
        return None if game is None else str(game.pk)

    def get_status(self, slot: ScheduledGame) -> str:
        """The game's status, "reported" for a result the league sent, or "scheduled"."""
        game = getattr(slot, "game", None)
        if game is not None:
            return str(game.status)
        return "reported" if slot.reported_home_score is not None else "scheduled"

    def get_home_score(self, slot: ScheduledGame) -> int | None:
        game = getattr(slot, "game", None)
        return slot.reported_home_score if game is None else int(game.home_score)

    def get_away_score(self, slot: ScheduledGame) -> int | None:
        game = getattr(slot, "game", None)
        return slot.reported_away_score if game is None else int(game.away_score)


class ScheduleQuery(serializers.Serializer[object]):
    league = serializers.ChoiceField(choices=LEAGUE_CODE_CHOICES)
    season = serializers.IntegerField(required=False, min_value=0, max_value=32767)
    week = serializers.IntegerField(required=False, min_value=1, max_value=32767)
    team = serializers.CharField(required=False, max_length=16, help_text="a team's abbreviation")


class LeagueSeasonQuery(serializers.Serializer[object]):
    league = serializers.ChoiceField(choices=LEAGUE_CODE_CHOICES)
    season = serializers.IntegerField(required=False, min_value=0, max_value=32767)


LEAGUE_SEASON_PARAMETERS = [
    OpenApiParameter("league", str, enum=choice_values(LEAGUE_CODE_CHOICES), required=True),
    OpenApiParameter("season", int, description="season number; all seasons when absent"),
]


def league_and_season(request: Request) -> tuple[League, Season | None]:
    """The `league` and optional `season` query parameters as objects (400 when malformed, 404 when unknown)."""
    query = LeagueSeasonQuery(data=request.query_params)
    query.is_valid(raise_exception=True)
    league = get_object_or_404(League, code=query.validated_data["league"])
    number = query.validated_data.get("season")
    season = None if number is None else get_object_or_404(Season, league=league, number=number)
    return league, season


class SeasonQuery(serializers.Serializer[object]):
    season = serializers.IntegerField(required=False, min_value=0, max_value=32767, help_text="season number")


class BattingLineSerializer(serializers.Serializer[object]):
    """A batting line summed over plays (`leagues.stats.BATTING_SUMS` with `batting_rates`)."""

    pa = serializers.IntegerField()
    ab = serializers.IntegerField()
    h = serializers.IntegerField()
    doubles = serializers.IntegerField()
    triples = serializers.IntegerField()
    hr = serializers.IntegerField()
    bb = serializers.IntegerField(help_text="walks, intentional ones included")
    so = serializers.IntegerField()
    hbp = serializers.IntegerField()
    sf = serializers.IntegerField()
    rbi = serializers.IntegerField()
    avg = serializers.FloatField()
    obp = serializers.FloatField()
    slg = serializers.FloatField()
    ops = serializers.FloatField()


class PitchingLineSerializer(serializers.Serializer[object]):
    """A pitching line as the box score has it (runs charged for inherited runners, earned runs, W/L/S)."""

    outs = serializers.IntegerField()
    ip = serializers.CharField(help_text='innings pitched, e.g. "6.2"')
    h = serializers.IntegerField()
    r = serializers.IntegerField()
    er = serializers.IntegerField()
    bb = serializers.IntegerField()
    so = serializers.IntegerField()
    hr = serializers.IntegerField()
    bf = serializers.IntegerField()
    era = serializers.FloatField(allow_null=True)
    whip = serializers.FloatField(allow_null=True)


class PlayerBattingSerializer(BattingLineSerializer):
    player_id = serializers.IntegerField()
    player_name = serializers.CharField()


class PlayerPitchingSerializer(PitchingLineSerializer):
    player_id = serializers.IntegerField()
    player_name = serializers.CharField()
    games = serializers.IntegerField()
    wins = serializers.IntegerField()
    losses = serializers.IntegerField()
    saves = serializers.IntegerField()


class RosterRowSerializer(serializers.Serializer[object]):
    player_id = serializers.IntegerField(source="player.pk")
    name = serializers.CharField(source="player.name")
    positions = serializers.ListField(child=serializers.CharField(), source="player.positions")
    bats = serializers.CharField(help_text="L, R or S; empty when unknown")
    throws = serializers.CharField(help_text="L or R; empty for position players")
    availability = serializers.CharField(help_text='why he cannot play now, e.g. "rests until week 8 game 2"; empty')


class TeamScheduleRowSerializer(serializers.Serializer[object]):
    week = serializers.IntegerField(source="slot.series.week")
    number = serializers.IntegerField(source="slot.number", help_text="game number in the series")
    opponent = serializers.CharField(source="opponent.abbreviation")
    home = serializers.BooleanField()
    result = serializers.CharField(help_text='e.g. "W 5-3"; empty before the game is played')
    game = serializers.UUIDField(source="game.pk", allow_null=True, default=None)


class TeamSeasonSerializer(serializers.Serializer[object]):
    """A team's page as data: roster, the season's schedule with results, season batting and pitching."""

    team = TeamSerializer()
    season = serializers.IntegerField(source="season.number", allow_null=True, default=None)
    roster = RosterRowSerializer(many=True)
    schedule = TeamScheduleRowSerializer(many=True)
    batting = PlayerBattingSerializer(many=True)
    pitching = PlayerPitchingSerializer(many=True)


class _LogRowSerializer(serializers.Serializer[object]):
    game = serializers.UUIDField(source="game.pk")
    date = serializers.DateTimeField(source="game.finished_at", allow_null=True)
    team = serializers.CharField()
    opponent = serializers.CharField()
    home = serializers.BooleanField()
    result = serializers.CharField(help_text='the final from his team\'s side, e.g. "W 5-3"')


class BattingLogRowSerializer(_LogRowSerializer):
    line = BattingLineSerializer()


class PitchingLogLineSerializer(PitchingLineSerializer):
    decision = serializers.CharField(help_text="W, L, S or empty")


class PitchingLogRowSerializer(_LogRowSerializer):
    line = PitchingLogLineSerializer()


class SplitSerializer(serializers.Serializer[object]):
    split = serializers.CharField(help_text='"vs LHP" / "vs RHP" (batting), "vs LHB" / "vs RHB" (pitching)')
    line = BattingLineSerializer()

    def to_representation(self, instance: Any) -> Any:
        label, line = instance
        return super().to_representation({"split": label, "line": line})


class PlayerSeasonSerializer(serializers.Serializer[object]):
    """A player's page as data: season lines, game logs and splits vs left and right."""

    player_id = serializers.IntegerField(source="player.pk")
    name = serializers.CharField(source="player.name")
    team = serializers.CharField(source="player.team.abbreviation", allow_null=True, default=None)
    season = serializers.IntegerField(source="season.number", allow_null=True, default=None)
    batting = PlayerBattingSerializer(allow_null=True)
    pitching = PlayerPitchingSerializer(allow_null=True)
    batting_log = BattingLogRowSerializer(many=True)
    pitching_log = PitchingLogRowSerializer(many=True)
    batting_splits = SplitSerializer(many=True)
    pitching_splits = SplitSerializer(many=True)
