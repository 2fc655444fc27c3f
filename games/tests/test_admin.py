"""Every registered model's admin pages render; actions go through services and leave audit rows; a
commissioner only reaches their own league."""

from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.db import models
from django.test import Client
from django.urls import reverse

from games.models import (
    AuditAction,
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
from games.services import dispute_raise
from games.tests.factories import GameFactory, LineupFactory, PlayFactory
from games.tests.live_helpers import enter_against_the_card
from leagues.models import Injury, LeagueCommissioner, ScheduledGame, Series
from leagues.services import commissioner_add
from leagues.tests.factories import LeagueFactory, SeasonFactory, TeamFactory, UserFactory
from players.tests.factories import BattingRatingFactory, PitchingRatingFactory, PositionRatingFactory

pytestmark = pytest.mark.django_db
PROJECT_APPS = {"leagues", "players", "games"}


@pytest.fixture
def superuser_client(client: Client) -> Client:
    client.force_login(User.objects.create_superuser("root", "root@example.com", "x"))
    return client


@pytest.fixture
def one_of_everything() -> dict[type[models.Model], models.Model]:
    lineup = LineupFactory(game__season=SeasonFactory())
    game = lineup.game
    card = BattingRatingFactory().card
    PositionRatingFactory(card=card)
    pitching = PitchingRatingFactory()
    user = UserFactory()
    assert game.season is not None
    series = Series.objects.create(season=game.season, week=1, home_team=game.home_team, away_team=game.away_team)
    objects: list[models.Model | None] = [
        game.league,
        game.season,
        game.home_team,
        game.home_team.ballpark,
        LeagueCommissioner.objects.create(user=user, league=game.league),
        card.player,
        card.cardset,
        card,
        card.batting_ratings.get(),
        card.positions.get(),
        pitching,
        game,
        lineup,
        PlayFactory(game=game, batter=lineup),
        GameCardsetLink.objects.create(game=game, cardset=card.cardset),
        RosterLink.objects.create(game=game, team=game.home_team, card=card),
        GameSession.objects.create(game=game),
        AuditEntry.objects.create(action=AuditAction.LOCK, game=game, league=game.league, actor=user),
        series,
        ScheduledGame.objects.create(series=series, number=1, home_team=game.home_team, away_team=game.away_team),
        Injury.objects.create(game=game, team=game.home_team, player=lineup.player, games=2, play_number=1),
        Dispute.objects.create(
            game=game, play_number=1, version=1, entered_side="away", entered={"outcome": "HOMERUN"}, raised_by=user
        ),
    ]
    assert None not in objects
    return {type(obj): obj for obj in objects if obj is not None}


def _registered() -> list[type[models.Model]]:
    return [model for model in admin.site._registry if model._meta.app_label in PROJECT_APPS]


def test_every_project_model_is_registered(one_of_everything: dict[type[models.Model], models.Model]) -> None:
    assert set(_registered()) == set(one_of_everything)


def test_admin_pages_render_for_every_model(
    superuser_client: Client, one_of_everything: dict[type[models.Model], models.Model]
) -> None:
    read_only = {Injury}  # rows projected from recorded games: shown, never added by hand
    for model in _registered():
        opts = model._meta
        obj = one_of_everything[model]
        for name, args in (("changelist", []), ("add", []), ("change", [obj.pk])):
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_{name}", args=args)
            response = superuser_client.get(url)
            expected = 403 if name == "add" and model in read_only else 200
            assert response.status_code == expected, f"{url}: {response.status_code}"


def _post_action(client: Client, action: str, games: list[Game], **extra: str) -> Any:
    data = {"action": action, "_selected_action": [str(game.pk) for game in games], **extra}
    return client.post(reverse("admin:games_game_changelist"), data, follow=True)


def test_lock_and_unlock_actions_write_audit_rows(superuser_client: Client) -> None:
    game = GameFactory()
    _post_action(superuser_client, "lock_games", [game])
    game.refresh_from_db()
    assert game.is_locked
    _post_action(superuser_client, "unlock_games", [game])
    game.refresh_from_db()
    assert not game.is_locked
    entries = AuditEntry.objects.filter(game=game).order_by("created_at", "pk")
    assert [entry.action for entry in entries] == [AuditAction.LOCK, AuditAction.UNLOCK]
    assert {entry.actor.username for entry in entries} == {"root"}


def test_forfeit_action_asks_for_a_reason_first(superuser_client: Client) -> None:
    game = GameFactory(status=GameStatus.ACTIVE)
    response = _post_action(superuser_client, "forfeit_games", [game])
    assert b"reason" in response.content
    game.refresh_from_db()
    assert game.status == GameStatus.ACTIVE

    _post_action(superuser_client, "forfeit_games", [game], apply="1", reason="no show", winner="away")
    game.refresh_from_db()
    assert game.status == GameStatus.FORFEITED
    assert game.forfeit_winner == game.away_team
    assert game.is_locked
    entry = AuditEntry.objects.get(game=game, action=AuditAction.FORFEIT)
    assert entry.reason == "no show"
    assert entry.details["winner"] == game.away_team.abbreviation


@pytest.fixture
def pd_commissioner_client(client: Client) -> Client:
    user = UserFactory(username="pdcomm")
    commissioner_add(user=user, league=LeagueFactory(code="pd"))
    client.force_login(user)
    return client


def test_commissioner_sees_only_their_league(pd_commissioner_client: Client) -> None:
    pd_game = GameFactory(league=LeagueFactory(code="pd"))
    sba_game = GameFactory(league=LeagueFactory(code="sba"))
    response = pd_commissioner_client.get(reverse("admin:games_game_changelist"))
    assert response.status_code == 200
    listed = {game.pk for game in response.context["cl"].result_list}
    assert listed == {pd_game.pk}
    assert pd_commissioner_client.get(reverse("admin:games_game_change", args=[pd_game.pk])).status_code == 200
    sba_url = reverse("admin:games_game_change", args=[sba_game.pk])
    assert pd_commissioner_client.get(sba_url).status_code in (302, 403, 404)
    teams = pd_commissioner_client.get(reverse("admin:leagues_team_changelist")).context["cl"].result_list
    assert {team.league.code for team in teams} == {"pd"}


def test_commissioner_cannot_act_on_other_leagues(pd_commissioner_client: Client) -> None:
    pd_game = GameFactory(league=LeagueFactory(code="pd"))
    sba_game = GameFactory(league=LeagueFactory(code="sba"))
    _post_action(pd_commissioner_client, "lock_games", [pd_game, sba_game])
    pd_game.refresh_from_db()
    sba_game.refresh_from_db()
    assert pd_game.is_locked
    assert not sba_game.is_locked
    assert not AuditEntry.objects.filter(game=sba_game).exists()


def test_team_choices_are_limited_to_the_commissioned_league(pd_commissioner_client: Client) -> None:
    TeamFactory(league=LeagueFactory(code="sba"), abbreviation="SBX")
    TeamFactory(league=LeagueFactory(code="pd"), abbreviation="PDX")
    form = pd_commissioner_client.get(reverse("admin:games_game_add")).context["adminform"].form
    assert {team.abbreviation for team in form.fields["home_team"].queryset} == {"PDX"}
    assert [league.code for league in form.fields["league"].queryset] == ["pd"]


def test_engine_fields_and_lineups_are_read_only_once_the_game_runs(superuser_client: Client) -> None:
    lineup = LineupFactory(game__status=GameStatus.ACTIVE)
    response = superuser_client.get(reverse("admin:games_game_change", args=[lineup.game.pk]))
    form = response.context["adminform"].form
    assert "status" not in form.fields
    assert "home_score" not in form.fields
    assert "visibility" in form.fields
    lineup_formset = next(f for f in response.context["inline_admin_formsets"] if f.formset.model is Lineup)
    assert not lineup_formset.has_change_permission
    assert not lineup_formset.has_add_permission


def test_card_choices_follow_the_card_league(pd_commissioner_client: Client) -> None:
    pd_card = BattingRatingFactory(card__player__league=LeagueFactory(code="pd")).card
    BattingRatingFactory(card__player__league=LeagueFactory(code="sba"))
    form = pd_commissioner_client.get(reverse("admin:games_rosterlink_add")).context["adminform"].form
    assert list(form.fields["card"].queryset) == [pd_card]


def _resolve(client: Client, dispute: Dispute, **extra: str) -> Any:
    data = {"action": "resolve_disputes", "_selected_action": [str(dispute.pk)], **extra}
    return client.post(reverse("admin:games_dispute_changelist"), data, follow=True)


def test_the_commissioner_sees_open_disputes_and_corrects_one_once(client: Client, monkeypatch: Any) -> None:
    case = enter_against_the_card(monkeypatch)
    dispute = dispute_raise(game_id=case.game.pk, user=case.opponent, play_number=case.play.play_number)
    client.force_login(case.commissioner)
    case.commissioner.is_staff = True
    case.commissioner.save()
    listed = client.get(reverse("admin:games_dispute_changelist"))
    assert [d.pk for d in listed.context["cl"].result_list] == [dispute.pk]
    assert case.play.hit_type.encode() in listed.content

    form = _resolve(client, dispute)
    assert b"Card reads" in form.content
    assert b"reason" in form.content
    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.OPEN

    card = case.card
    done = _resolve(
        client,
        dispute,
        apply="1",
        resolution="correct",
        outcome=card.outcome.value,
        fielder=card.fielder.value if card.fielder else "",
        reason="the card reads it",
    )
    assert b"corrected; the game was replayed" in done.content
    dispute.refresh_from_db()
    assert (dispute.status, dispute.resolved_by) == (DisputeStatus.CORRECTED, case.commissioner)
    assert Play.objects.get(game=case.game, play_number=case.play.play_number).mismatch == {}
    again = _resolve(client, dispute, apply="1", resolution="dismiss", reason="again")
    assert b"already corrected" in again.content
    assert AuditEntry.objects.filter(game=case.game, action=AuditAction.CORRECT).count() == 1


def test_another_leagues_commissioner_does_not_see_or_resolve_a_dispute(
    pd_commissioner_client: Client, monkeypatch: Any
) -> None:
    case = enter_against_the_card(monkeypatch)
    dispute = dispute_raise(game_id=case.game.pk, user=case.opponent, play_number=case.play.play_number)
    listed = pd_commissioner_client.get(reverse("admin:games_dispute_changelist"))
    assert list(listed.context["cl"].result_list) == []
    _resolve(pd_commissioner_client, dispute, apply="1", resolution="dismiss", reason="no")
    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.OPEN
