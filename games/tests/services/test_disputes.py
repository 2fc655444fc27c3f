"""Disputes on PostgreSQL: a result entered against the card is taken and marked; the opponent disputes it; the
commissioner corrects the play (the game replays) or dismisses it, once; everyone else is refused."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from games.access import Role, Viewer
from games.errors import Forbidden, GameError, IllegalActionError, NotFound
from games.events import event_for
from games.models import AuditAction, AuditEntry, Dispute, DisputeStatus, Game, GameAction, Play
from games.selectors import game_replay_check
from games.services import dispute_correct, dispute_dismiss, dispute_raise
from games.tests.live_helpers import enter_against_the_card, manager
from leagues.services import commissioner_add
from leagues.tests.factories import LeagueFactory

pytestmark = pytest.mark.django_db


def test_a_result_entered_against_the_card_is_taken_and_marked(monkeypatch):
    case = enter_against_the_card(monkeypatch)
    play = case.play
    assert play.hit_type in ("HOMERUN", "STRIKEOUT")
    assert play.mismatch["entered"] == play.hit_type
    assert play.mismatch["card"] == case.card.outcome.value
    row = next(
        a
        for a in GameAction.objects.filter(game=case.game)
        if any(e.get("number") == play.play_number for e in a.events)
    )
    viewer = Viewer(str(case.game.pk), None, Role.SPECTATOR, frozenset(), commissioner=False)
    (shown,) = [p for p in event_for(row, viewer)["plays"] if p["number"] == play.play_number]
    assert shown["mismatch"]["text"].startswith(f"entered {play.hit_type}; card reads ")
    assert shown["mismatch"]["side"] == play.mismatch["side"]


def test_the_opponent_disputes_and_the_commissioner_corrects_the_play(monkeypatch, django_capture_on_commit_callbacks):
    case = enter_against_the_card(monkeypatch)
    sent: list[tuple[str, Any]] = []
    monkeypatch.setattr("games.services.disputes.broadcast_dispute", lambda gid, d: sent.append(("dispute", d)))
    monkeypatch.setattr("games.services.commissioner.broadcast_correction", lambda *a: sent.append(("correction", a)))
    with django_capture_on_commit_callbacks(execute=True):
        dispute = dispute_raise(
            game_id=case.game.pk, user=case.opponent, play_number=case.play.play_number, reason="my card says otherwise"
        )
    assert dispute.status == DisputeStatus.OPEN
    assert dispute.card_reads["outcome"] == case.card.outcome.value
    assert sent == [("dispute", sent[0][1])]
    assert sent[0][1]["status"] == "open"
    version = case.game.version

    card = case.card
    with django_capture_on_commit_callbacks(execute=True):
        dispute_correct(
            dispute_id=dispute.pk,
            user=case.commissioner,
            outcome=card.outcome.value,
            fielder=card.fielder.value if card.fielder else None,
            reason="the card reads it",
        )
    dispute.refresh_from_db()
    case.game.refresh_from_db()
    assert dispute.status == DisputeStatus.CORRECTED
    assert dispute.resolved_by == case.commissioner
    corrected = Play.objects.get(game=case.game, play_number=case.play.play_number)
    assert corrected.mismatch == {}
    assert corrected.hit_type != case.play.hit_type
    assert case.game.version == version
    assert game_replay_check(case.game).mismatches == ()
    assert [kind for kind, _ in sent[1:]] == ["correction", "dispute"]
    assert AuditEntry.objects.filter(game=case.game, action=AuditAction.CORRECT).count() == 1

    with pytest.raises(IllegalActionError, match="already corrected"):
        dispute_dismiss(dispute_id=dispute.pk, user=case.commissioner, reason="again")
    with pytest.raises(IllegalActionError, match="already corrected"):
        dispute_correct(dispute_id=dispute.pk, user=case.commissioner, outcome="WALK", fielder=None, reason="again")
    assert AuditEntry.objects.filter(game=case.game, action=AuditAction.CORRECT).count() == 1


def test_a_dismissed_dispute_keeps_the_play_and_cannot_be_resolved_again(monkeypatch):
    case = enter_against_the_card(monkeypatch)
    dispute = dispute_raise(game_id=case.game.pk, user=case.opponent, play_number=case.play.play_number)
    with pytest.raises(GameError, match="reason"):
        dispute_dismiss(dispute_id=dispute.pk, user=case.commissioner, reason="  ")
    dispute_dismiss(dispute_id=dispute.pk, user=case.commissioner, reason="the card image shows a home run")
    dispute.refresh_from_db()
    assert (dispute.status, dispute.resolution) == (DisputeStatus.DISMISSED, "the card image shows a home run")
    assert Play.objects.get(game=case.game, play_number=case.play.play_number).hit_type == case.play.hit_type
    with pytest.raises(IllegalActionError, match="already dismissed"):
        dispute_correct(dispute_id=dispute.pk, user=case.commissioner, outcome="WALK", fielder=None, reason="x")
    assert AuditEntry.objects.filter(game=case.game, action=AuditAction.DISMISS).count() == 1


def test_only_the_opposing_manager_disputes_once_and_only_an_entered_play(monkeypatch):
    case = enter_against_the_card(monkeypatch)
    number = case.play.play_number
    for user in (case.entered_by, case.commissioner):
        with pytest.raises(Forbidden):
            dispute_raise(game_id=case.game.pk, user=user, play_number=number)
    with pytest.raises(IllegalActionError, match="not a result a manager entered"):
        dispute_raise(game_id=case.game.pk, user=case.opponent, play_number=9_999)
    with pytest.raises(NotFound):
        dispute_raise(game_id=uuid.uuid4(), user=case.opponent, play_number=number)
    dispute_raise(game_id=case.game.pk, user=case.opponent, play_number=number)
    with pytest.raises(IllegalActionError, match="already disputed"):
        dispute_raise(game_id=case.game.pk, user=case.opponent, play_number=number)
    assert Dispute.objects.count() == 1


def test_only_the_leagues_commissioner_resolves_and_bad_corrections_change_nothing(monkeypatch):
    case = enter_against_the_card(monkeypatch)
    dispute = dispute_raise(game_id=case.game.pk, user=case.opponent, play_number=case.play.play_number)
    elsewhere = manager(case.game, "away", "other-commish")
    case.game.away_team.managers.remove(elsewhere)
    commissioner_add(user=elsewhere, league=LeagueFactory(code="pd"))
    for user in (case.opponent, case.entered_by, elsewhere):
        with pytest.raises(Forbidden):
            dispute_dismiss(dispute_id=dispute.pk, user=user, reason="no")
    state = Game.objects.get(pk=case.game.pk).state
    for outcome, fielder in (("NOT_A_RESULT", None), ("GROUNDBALL_A", None), ("GROUNDBALL_A", "LF"), ("WALK", "ZZ")):
        with pytest.raises(GameError, match="not a card result"):
            dispute_correct(dispute_id=dispute.pk, user=case.commissioner, outcome=outcome, fielder=fielder, reason="x")
    with pytest.raises(NotFound):
        dispute_dismiss(dispute_id=10**9, user=case.commissioner, reason="x")
    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.OPEN
    assert Game.objects.get(pk=case.game.pk).state == state
