"""Commissioner admin for games. Actions only parse the selection and call `games.services`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from games import engine, services
from games.engine.printed import PRINTED
from games.entered import result_label
from games.errors import GameError
from games.models import (
    AuditEntry,
    Dispute,
    DisputeStatus,
    Game,
    GameCardsetLink,
    GameSession,
    GameStatus,
    Lineup,
    Play,
    RosterLink,
)
from games.selectors.page import FIELDERS, SUBMITTABLE_OUTCOMES
from leagues.admin_scoping import LeagueChoicesMixin, LeagueScopedAdmin

_OUTCOMES = [(code, engine.Outcome(code)) for code in SUBMITTABLE_OUTCOMES]

PLAY_SUMMARY = [
    "play_number",
    "inning",
    "half",
    "outs_before",
    "hit_type",
    "description",
    "mismatch",
    "outs_recorded",
    "runs",
]


def _in_setup(game: Game | None) -> bool:
    return game is None or game.status == GameStatus.PENDING


class LineupInline(LeagueChoicesMixin, admin.TabularInline):
    """Lineups are set up here before a game starts; after that, substitutions go through the game services."""

    model = Lineup
    extra = 0
    fields = ["team", "batting_order", "position", "player", "card", "is_starter", "is_active", "entered_inning"]
    raw_id_fields = ["player", "card"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _in_setup(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _in_setup(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _in_setup(obj) and super().has_delete_permission(request, obj)


class PlayInline(admin.TabularInline):
    """Plays are written by the engine through services: read-only here."""

    model = Play
    extra = 0
    fields = list(PLAY_SUMMARY)
    readonly_fields = PLAY_SUMMARY
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class GameCardsetLinkInline(admin.TabularInline):
    model = GameCardsetLink
    extra = 0


class ForfeitForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    winner = forms.ChoiceField(choices=[("home", "Home team wins"), ("away", "Away team wins")])


def _staff_user(request: HttpRequest) -> User:
    """The admin serves signed-in staff only, so its request's user is never anonymous."""
    return cast(User, request.user)


def _each_game(request: HttpRequest, queryset: QuerySet[Game], verb: str, act: Callable[[Game], object]) -> None:
    """Runs one service call per selected game and reports what happened."""
    done = 0
    for game in queryset.select_related("home_team", "away_team", "league"):
        try:
            act(game)
        except (PermissionDenied, ValidationError) as exc:
            messages.error(request, f"{game}: {'; '.join(getattr(exc, 'messages', [str(exc)]))}")
        else:
            done += 1
    if done:
        messages.success(request, f"{verb} {done} game(s).")


@admin.register(Game)
class GameAdmin(LeagueScopedAdmin):
    list_display = [
        "__str__",
        "league",
        "status",
        "game_mode",
        "visibility",
        "away_score",
        "home_score",
        "current_inning",
        "current_half",
        "version",
        "is_locked",
        "created_at",
    ]
    list_filter = ["league", "status", "game_mode", "visibility", "season", "is_locked"]
    search_fields = ["home_team__abbreviation", "home_team__name", "away_team__abbreviation", "away_team__name"]
    list_select_related = ["league", "home_team", "away_team", "season"]
    readonly_fields = ["id", "version", "is_locked", "forfeit_reason", "forfeit_winner"]
    # Written only by the engine through games.services once the game exists.
    engine_fields = [
        "status",
        "current_inning",
        "current_half",
        "away_score",
        "home_score",
        "state",
        "created_at",
        "started_at",
        "finished_at",
    ]
    date_hierarchy = "created_at"
    inlines = [LineupInline, GameCardsetLinkInline, PlayInline]
    actions = ["lock_games", "unlock_games", "forfeit_games", "recompute_games"]

    @admin.action(description="Recompute state from plays", permissions=["change"])
    def recompute_games(self, request: HttpRequest, queryset: QuerySet[Game]) -> None:
        """Replays each game's recorded actions, stores the replayed snapshot and reports any mismatch."""
        for game in queryset:
            try:
                report = services.game_recompute_state(game_id=game.pk, user=request.user)
            except GameError as exc:
                messages.error(request, f"{game}: {exc.message}")
                continue
            if report.mismatches:
                messages.warning(request, f"{game}: {'; '.join(report.mismatches)}")
            else:
                messages.success(request, f"{game}: replay matches the stored plays and snapshot.")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [*self.readonly_fields, *(self.engine_fields if obj is not None else [])]

    @admin.action(description="Lock selected games", permissions=["change"])
    def lock_games(self, request: HttpRequest, queryset: QuerySet[Game]) -> None:
        _each_game(request, queryset, "Locked", lambda game: services.game_lock(game=game, actor=_staff_user(request)))

    @admin.action(description="Unlock selected games", permissions=["change"])
    def unlock_games(self, request: HttpRequest, queryset: QuerySet[Game]) -> None:
        _each_game(
            request, queryset, "Unlocked", lambda game: services.game_unlock(game=game, actor=_staff_user(request))
        )

    @admin.action(description="Forfeit selected games…", permissions=["change"])
    def forfeit_games(self, request: HttpRequest, queryset: QuerySet[Game]) -> HttpResponse | None:
        """First shows a form asking for the reason and the winning side, then forfeits each game."""
        form = ForfeitForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            reason, side = form.cleaned_data["reason"], form.cleaned_data["winner"]
            _each_game(
                request,
                queryset,
                "Forfeited",
                lambda game: services.game_forfeit(
                    game=game,
                    actor=_staff_user(request),
                    reason=reason,
                    winner=game.home_team if side == "home" else game.away_team,
                ),
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Forfeit games",
            "opts": self.model._meta,
            "games": queryset,
            "form": form,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/games/game/forfeit.html", context)


@admin.register(Play)
class PlayAdmin(LeagueScopedAdmin):
    league_path = "game__league"
    list_display = ["game", *PLAY_SUMMARY[:5], "runs", "action_id", "created_at"]
    list_filter = ["game__league", "half", "hit_type"]
    search_fields = ["description", "hit_type", "game__id"]
    list_select_related = ["game__home_team", "game__away_team"]
    raw_id_fields = ["game", "batter", "pitcher", "catcher", "defender", "runner", "on_first", "on_second", "on_third"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        """A recorded play is the game's history: corrections go through a replay service, not this form."""
        if obj is None:
            return []
        return [field.name for field in self.model._meta.fields]


@admin.register(Lineup)
class LineupAdmin(LeagueScopedAdmin):
    league_path = "game__league"
    list_display = ["game", "team", "batting_order", "position", "player", "is_starter", "is_active", "is_fatigued"]
    list_filter = ["game__league", "position", "is_active", "is_starter"]
    search_fields = ["player__name", "team__abbreviation"]
    list_select_related = ["game__home_team", "game__away_team", "team", "player"]
    raw_id_fields = ["game", "player", "card", "replacing"]


@admin.register(GameCardsetLink)
class GameCardsetLinkAdmin(LeagueScopedAdmin):
    league_path = "game__league"
    list_display = ["game", "cardset", "priority"]
    list_filter = ["game__league", "cardset"]
    search_fields = ["cardset__name"]
    list_select_related = ["game__home_team", "game__away_team", "cardset"]
    raw_id_fields = ["game"]


@admin.register(RosterLink)
class RosterLinkAdmin(LeagueScopedAdmin):
    league_path = "game__league"
    list_display = ["game", "team", "card"]
    list_filter = ["game__league", "team"]
    search_fields = ["card__player__name", "team__abbreviation"]
    list_select_related = ["game__home_team", "game__away_team", "team", "card__player", "card__cardset"]
    raw_id_fields = ["game", "card"]


@admin.register(GameSession)
class GameSessionAdmin(LeagueScopedAdmin):
    league_path = "game__league"
    list_display = ["game", "last_action_at", "decision_deadline"]
    list_filter = ["game__league"]
    search_fields = ["game__home_team__abbreviation", "game__away_team__abbreviation"]
    list_select_related = ["game__home_team", "game__away_team"]
    raw_id_fields = ["game"]
    filter_horizontal = ["connected_users"]


@admin.register(AuditEntry)
class AuditEntryAdmin(LeagueScopedAdmin):
    """Append-only: entries are written by services; nobody edits or deletes them here."""

    list_display = ["created_at", "league", "action", "actor", "game", "reason"]
    list_filter = ["league", "action"]
    search_fields = ["actor__username", "reason"]
    list_select_related = ["league", "actor", "game__home_team", "game__away_team"]
    raw_id_fields = ["actor", "game"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class DisputeResolveForm(forms.Form):
    """How the commissioner resolves disputes: correct the play to a result (as the card prints it) or dismiss."""

    resolution = forms.ChoiceField(
        choices=[("correct", "Correct the play to the result below"), ("dismiss", "Dismiss: the play stands")],
        widget=forms.RadioSelect,
    )
    outcome = forms.ChoiceField(
        required=False,
        choices=[("", "---")]
        + [(code, f"{PRINTED[outcome].code} · {PRINTED[outcome].gloss}") for code, outcome in _OUTCOMES],
    )
    fielder = forms.ChoiceField(required=False, choices=[("", "(none printed)")] + [(f, f) for f in FIELDERS])
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("resolution") == "correct" and not data.get("outcome"):
            self.add_error("outcome", "a correction needs the result the card prints")
        return data


@admin.register(Dispute)
class DisputeAdmin(LeagueScopedAdmin):
    """Disputes raised by managers, open first. They are resolved only by the action, through the services."""

    league_path = "game__league"
    list_display = ["created_at", "game", "play_number", "entered_label", "card_label", "status", "raised_by"]
    list_filter = ["status", "game__league"]
    search_fields = ["game__id", "reason", "resolution"]
    list_select_related = ["game__home_team", "game__away_team", "raised_by"]
    raw_id_fields = ["game", "raised_by", "resolved_by"]
    ordering = ["status", "created_at"]
    actions = ["resolve_disputes"]

    @admin.display(description="entered")
    def entered_label(self, dispute: Dispute) -> str:
        return result_label(dispute.entered)

    @admin.display(description="card reads")
    def card_label(self, dispute: Dispute) -> str:
        return result_label(dispute.card_reads) if dispute.card_reads else "(not known)"

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        """A dispute changes only through its resolution (a service): every field is read-only once it exists."""
        return [field.name for field in self.model._meta.fields] if obj is not None else []

    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description="Resolve selected disputes (correct or dismiss)…", permissions=["change"])
    def resolve_disputes(self, request: HttpRequest, queryset: QuerySet[Dispute]) -> HttpResponse | None:
        """First shows the disputes and a form; a correction replays the game (one dispute at a time), a dismissal
        keeps the plays as entered."""
        disputes = list(queryset.select_related("game__home_team", "game__away_team").order_by("created_at"))
        form = DisputeResolveForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            data = form.cleaned_data
            if data["resolution"] == "correct" and len(disputes) != 1:
                messages.error(request, "Correct one dispute at a time: each correction replays its game.")
                return None
            for dispute in disputes:
                try:
                    if data["resolution"] == "correct":
                        services.dispute_correct(
                            dispute_id=dispute.pk,
                            user=request.user,
                            outcome=data["outcome"],
                            fielder=data["fielder"] or None,
                            reason=data["reason"],
                        )
                    else:
                        services.dispute_dismiss(dispute_id=dispute.pk, user=request.user, reason=data["reason"])
                except GameError as exc:
                    messages.error(request, f"{dispute}: {exc.message}")
                else:
                    done = "corrected; the game was replayed" if data["resolution"] == "correct" else "dismissed"
                    messages.success(request, f"{dispute}: {done}.")
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Resolve disputes",
            "opts": self.model._meta,
            "disputes": [(d, result_label(d.entered), self.card_label(d)) for d in disputes],
            "open": DisputeStatus.OPEN,
            "form": form,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/games/dispute/resolve.html", context)
