from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from leagues.admin_scoping import LeagueChoicesMixin, LeagueScopedAdmin
from leagues.availability import injured_list_dates
from leagues.models import Ballpark, Injury, League, LeagueCommissioner, ScheduledGame, Season, Series, Team
from leagues.schedule import season_advance_week
from leagues.services import commissioner_add, commissioner_remove


@admin.register(League)
class LeagueAdmin(LeagueScopedAdmin):
    league_path = "pk"
    list_display = ["code", "name", "resolution_mode", "innings", "dh", "injuries", "decision_window_seconds"]
    list_filter = ["resolution_mode", "dh", "injuries"]
    search_fields = ["code", "name"]
    fieldsets = [
        (None, {"fields": ["code", "name", "resolution_mode"]}),
        (
            "Rules",
            {
                "fields": [
                    "innings",
                    "dh",
                    "extra_inning_runner",
                    ("mercy_rule", "mercy_run_margin", "mercy_inning"),
                    ("decision_window_seconds", "abandon_after_days"),
                    ("park_hr_number", "park_single_number"),
                    "injuries",
                    "rare_plays",
                    "out_of_position",
                    "location_tables",
                ]
            },
        ),
        (
            "Rest between games (docs/season.md)",
            {"fields": ["pitcher_rest", "rest_chart", ("starter_rest_games", "back_to_back_rest_games")]},
        ),
    ]


@admin.register(Season)
class SeasonAdmin(LeagueScopedAdmin):
    list_display = ["__str__", "league", "number", "is_current", "current_week"]
    list_filter = ["league", "is_current"]
    search_fields = ["number"]
    list_select_related = ["league"]
    actions = ["advance_week"]

    @admin.action(description="Move on to the next week", permissions=["change"])
    def advance_week(self, request: HttpRequest, queryset: QuerySet[Season]) -> None:
        for season in queryset:
            season_advance_week(season=season)
            self.message_user(request, f"{season} is in week {season.current_week}.")


@admin.register(Ballpark)
class BallparkAdmin(admin.ModelAdmin):
    list_display = ["name", "hr_number", "single_number"]
    search_fields = ["name"]


@admin.register(Team)
class TeamAdmin(LeagueScopedAdmin):
    list_display = ["abbreviation", "name", "league", "season", "ballpark", "gm_discord_id"]
    list_filter = ["league", "season"]
    search_fields = ["abbreviation", "name", "short_name", "external_id", "gm_discord_id"]
    list_select_related = ["league", "season", "ballpark"]
    filter_horizontal = ["managers"]


@admin.register(LeagueCommissioner)
class LeagueCommissionerAdmin(LeagueScopedAdmin):
    """Links are made and ended through the services, which also manage the league's permission group."""

    list_display = ["user", "league"]
    list_filter = ["league"]
    search_fields = ["user__username"]
    list_select_related = ["user", "league"]
    raw_id_fields = ["user"]

    def save_model(self, request: HttpRequest, obj: LeagueCommissioner, form: Any, change: bool) -> None:
        if change:
            previous = LeagueCommissioner.objects.get(pk=obj.pk)
            commissioner_remove(user=previous.user, league=previous.league)
        link = commissioner_add(user=obj.user, league=obj.league)
        obj.pk = link.pk

    def delete_model(self, request: HttpRequest, obj: LeagueCommissioner) -> None:
        commissioner_remove(user=obj.user, league=obj.league)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[LeagueCommissioner]) -> None:
        for link in queryset.select_related("user", "league"):
            commissioner_remove(user=link.user, league=link.league)


class ScheduledGameInline(LeagueChoicesMixin, admin.TabularInline):
    model = ScheduledGame
    extra = 0
    fields = ["number", "home_team", "away_team", "external_id", "reported_away_score", "reported_home_score"]


@admin.register(Series)
class SeriesAdmin(LeagueScopedAdmin):
    """A commissioner's schedule: series by week, with their games inline."""

    league_path = "season__league"
    list_display = ["__str__", "season", "week", "kind", "playoff_round", "home_team", "away_team"]
    list_filter = ["season__league", "kind", "week"]
    search_fields = ["home_team__abbreviation", "away_team__abbreviation"]
    list_select_related = ["season__league", "home_team", "away_team"]
    inlines = [ScheduledGameInline]


@admin.register(ScheduledGame)
class ScheduledGameAdmin(LeagueScopedAdmin):
    league_path = "series__season__league"
    list_display = ["__str__", "number", "home_team", "away_team", "external_id"]
    list_filter = ["series__season__league", "series__week"]
    search_fields = ["external_id", "home_team__abbreviation", "away_team__abbreviation"]
    list_select_related = ["series__season__league", "series__home_team", "series__away_team", "home_team", "away_team"]


@admin.register(Injury)
class InjuryAdmin(LeagueScopedAdmin):
    """The injured list: who was hurt in which scheduled game, for how many games, and the `w##g#` he returns.
    Rows are written from the recorded plays when a game finishes, so they are read-only here."""

    league_path = "team__league"
    list_display = ["player", "team", "hurt_in", "games", "returns"]
    list_filter = ["team__league", "team"]
    search_fields = ["player__name", "team__abbreviation"]
    list_select_related = ["player", "team", "game__season", "game__scheduled__series"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_changelist_instance(self, request: HttpRequest) -> Any:
        """The page's rows carry their dates, read from one schedule per team and season."""
        changelist = super().get_changelist_instance(request)
        dates = injured_list_dates(list(changelist.result_list))
        for injury in changelist.result_list:
            injury.dates = dates.get(injury.pk, ("", ""))
        return changelist

    @admin.display(description="hurt in")
    def hurt_in(self, injury: Injury) -> str:
        return str(getattr(injury, "dates", ("", ""))[0])

    @admin.display(description="returns")
    def returns(self, injury: Injury) -> str:
        return str(getattr(injury, "dates", ("", ""))[1])
