import uuid
from datetime import timedelta

import pytest
from django.core.management import call_command

from games import engine
from games.errors import Forbidden, IllegalActionError
from games.models import AuditEntry, GameAction, GameSession, GameStatus
from games.services import game_apply_timeout, game_claim_forfeit, game_extend_deadlines, game_sweep_expired
from games.snapshot import game_state
from games.tests.live_helpers import demo_game, manager
from realtime.presence import presence_join
from scorecard.clock import pendulum_now

pytestmark = pytest.mark.django_db


def _expire(game, seconds=1):
    GameSession.objects.filter(game=game).update(decision_deadline=pendulum_now() - timedelta(seconds=seconds))


def _connect(game, user, name):
    presence_join(game_id=game.pk, channel_name=name, user=user, role="x")


def test_an_expired_window_gets_the_default_once():
    game = demo_game()
    home, away = manager(game, "home"), manager(game, "away")
    _connect(game, home, "c1")
    _connect(game, away, "c2")
    assert GameSession.objects.get(game=game).decision_deadline is not None
    _expire(game)
    applied = game_sweep_expired()
    assert [r.version for r in applied] == [1]
    assert GameAction.objects.get(game=game).source == "timeout"
    again = game_apply_timeout(game_id=game.pk, version=0)
    assert again is None or again.duplicate
    assert GameAction.objects.filter(game=game).count() == 1


def test_nobody_connected_extends_the_window_instead():
    game = demo_game()
    _expire(game)
    call_command("sweep_games", "--grace", "60")
    game.refresh_from_db()
    assert game.version == 0
    deadline = GameSession.objects.get(game=game).decision_deadline
    assert deadline is not None
    assert deadline > pendulum_now() + timedelta(seconds=30)
    assert game_extend_deadlines(grace_seconds=60) == 0


def test_an_absent_side_can_be_claimed_by_the_opponent_after_the_limit():
    game = demo_game()
    home, away = manager(game, "home"), manager(game, "away")
    assert game_state(game).actor is engine.Side.HOME
    _connect(game, away, "c-away")
    _expire(game)
    with pytest.raises(IllegalActionError, match="abandonment limit"):
        game_claim_forfeit(game_id=game.pk, user=away, action_id=uuid.uuid4(), expected_version=0)
    with pytest.raises(Forbidden):
        game_claim_forfeit(game_id=game.pk, user=home, action_id=uuid.uuid4(), expected_version=0)
    assert game_sweep_expired() == []  # the absent side is not auto-played
    _expire(game, seconds=10_000)
    game_claim_forfeit(game_id=game.pk, user=away, action_id=uuid.uuid4(), expected_version=0)
    game.refresh_from_db()
    assert game.status == GameStatus.FORFEITED
    assert game.forfeit_winner_id == game.away_team_id
    assert AuditEntry.objects.filter(game=game, action="claim_forfeit").exists()


def test_a_connected_side_cannot_be_claimed():
    game = demo_game()
    home, away = manager(game, "home"), manager(game, "away")
    _connect(game, away, "c-away")
    _connect(game, home, "c-home")
    _expire(game, seconds=10_000)
    with pytest.raises(IllegalActionError, match="connected"):
        game_claim_forfeit(game_id=game.pk, user=away, action_id=uuid.uuid4(), expected_version=0)


def test_check_games_reports_a_tampered_snapshot(capsys):
    game = demo_game(home_is_ai=True, away_is_ai=True)
    call_command("check_games")
    assert "1 games checked, 0 with mismatches" in capsys.readouterr().out
    game.state = {**game.state, "outs": (game.state["outs"] + 1) % 3}
    game.save(update_fields=["state"])
    with pytest.raises(SystemExit):
        call_command("check_games", "--game", str(game.pk))
    assert "snapshot differs" in capsys.readouterr().out


def test_admin_recompute_action_reports_and_audits(admin_client):
    game = demo_game(home_is_ai=True, away_is_ai=True)
    response = admin_client.post(
        "/admin/games/game/", {"action": "recompute_games", "_selected_action": [str(game.pk)]}, follow=True
    )
    assert "replay matches" in response.content.decode()
    assert AuditEntry.objects.filter(game=game, action="recompute").exists()


def test_connections_of_a_dead_worker_are_pruned():
    from games.models import GameConnection
    from realtime.presence import presence_heartbeat, presence_prune

    game = demo_game()
    home, away = manager(game, "home"), manager(game, "away")
    presence_join(game_id=game.pk, channel_name="alive", user=home, role="home", server="w1")
    presence_join(game_id=game.pk, channel_name="dead", user=away, role="away", server="w2")
    GameConnection.objects.update(seen_at=pendulum_now() - timedelta(seconds=120))
    assert presence_heartbeat(server="w1") == 1
    assert presence_prune(max_age_seconds=60) == 1
    assert list(GameConnection.objects.values_list("channel_name", flat=True)) == ["alive"]
    assert list(GameSession.objects.get(game=game).connected_users.all()) == [home]


def test_a_timeout_is_explained_in_its_event():
    game = demo_game()
    _connect(game, manager(game, "home"), "c1")
    _expire(game)
    game_sweep_expired()
    row = GameAction.objects.get(game=game)
    assert row.reason == "time ran out: normal depth, no holds, pitch to the batter"


def test_a_side_about_to_run_out_is_warned_once(settings):
    from django.core.cache import cache

    from games.services import game_warn_expiring

    cache.clear()
    game = demo_game()
    window = game.league.decision_window_seconds
    assert window >= 45, "the demo window is long enough for a 15 s warning"
    settings.SCORECARD_DECISION_WARNING_SECONDS = 15
    GameSession.objects.filter(game=game).update(decision_deadline=pendulum_now() + timedelta(seconds=30))
    _connect(game, manager(game, "home"), "c1")
    assert game_warn_expiring() == []  # 30 s left: not yet
    GameSession.objects.filter(game=game).update(decision_deadline=pendulum_now() + timedelta(seconds=10))
    (warning,) = game_warn_expiring()
    assert warning["type"] == "warning"
    assert (warning["version"], warning["side"]) == (0, "home")
    assert 0 < warning["seconds_left"] <= 10
    assert game_warn_expiring() == []  # once per version, in every process (the cache claims it)


def test_an_absent_side_is_not_warned():
    from django.core.cache import cache

    from games.services import game_warn_expiring

    cache.clear()
    game = demo_game()
    GameSession.objects.filter(game=game).update(decision_deadline=pendulum_now() + timedelta(seconds=5))
    assert game_warn_expiring() == []


def test_the_sweep_command_reports_each_step(capsys):
    game = demo_game()
    _connect(game, manager(game, "home"), "c1")
    _expire(game)
    call_command("sweep_games")
    assert capsys.readouterr().out.strip() == (
        "1 defaults applied, 0 deadlines extended, 0 dead connections pruned, 0 warnings, 0 abandoned games closed"
    )
